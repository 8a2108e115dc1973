"""Everything that can happen to a maintenance plan, and to the checklist of an order it generated.

Managers create, edit and deactivate plans. The daily run (repairs.tasks.generate_maintenance_orders) makes each
due plan's order through the work-order services: submitted with SLA deadlines by the estate's policy, accepted
by the system, assigned to the plan's default technician (or left for dispatch), with the plan's checklist
copied onto it. The assignee ticks the checklist; repairs.services.work_order_complete refuses an unfinished one.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.audit import audit_record
from core.errors import InvalidTransition, NotPermitted
from residents import access
from residents.models import CommonArea, Trade

from .. import selectors as order_selectors
from .. import services as orders
from ..models import Channel, Priority, WorkOrder, WorkOrderEvent
from ..workflow import Actor, Status
from . import recurrence, selectors
from .models import MAX_LEAD_DAYS, ChecklistItem, MaintenancePlan, MaintenanceRun, WorkOrderChecklistItem

log = logging.getLogger(__name__)
MAX_INTERVAL = 365
MAX_CHECKLIST = 50
TICK_STATUSES = frozenset({Status.IN_PROGRESS, Status.ON_HOLD})
TICKERS = frozenset({Actor.ASSIGNEE, Actor.DISPATCHER, Actor.MANAGER})


@dataclass(frozen=True)
class ChecklistLine:
    text: str
    requires_value: bool = False


@dataclass(frozen=True)
class PlanInput:
    """What a manager sets on a plan. The estate is chosen when the plan is created and never changes."""

    title: str
    trade: str  # Trade.key
    common_area_id: int | None
    first_due: date
    interval: int = 1
    unit: str = MaintenancePlan.Every.MONTHS
    lead_days: int = 0
    priority: str = Priority.ROUTINE
    description: str = ""
    default_assignee_id: int | None = None
    active: bool = True
    checklist: tuple[ChecklistLine, ...] = ()


# --- plans ----------------------------------------------------------------------------------------------------


class _Errors(dict):
    def add(self, field: str, message: str) -> None:
        self.setdefault(field, []).append(message)


def _check_schedule(data: PlanInput, errors: _Errors) -> None:
    if data.unit not in MaintenancePlan.Every.values:
        errors.add("unit", _("Choose days, weeks or months."))
    elif not 1 <= data.interval <= MAX_INTERVAL:
        errors.add("interval", _("Repeat every 1 to %(max)s days, weeks or months.") % {"max": MAX_INTERVAL})
    else:
        rule = recurrence.Recurrence(first=data.first_due, interval=data.interval, unit=data.unit)
        most = min(MAX_LEAD_DAYS, rule.shortest_gap_days() - 1)
        if not 0 <= data.lead_days <= most:
            errors.add("lead_days", _("The lead time must be from 0 to %(max)s days, shorter than the interval.")
                       % {"max": most})  # fmt: skip


def _checked(estate_id: int, data: PlanInput) -> tuple[dict, list[ChecklistLine]]:
    """The plan's fields and checklist lines, or a ValidationError naming every bad field."""
    errors = _Errors()
    title, description = data.title.strip(), data.description.strip()
    if not title or len(title) > 120:
        errors.add("title", _("Give the plan a title of at most 120 characters."))
    if len(description) > 1800:
        errors.add("description", _("Keep the instructions under 1,800 characters."))
    trade = Trade.objects.filter(key=data.trade).first()
    if trade is None:
        errors.add("trade", _("Choose the trade."))
    area = CommonArea.objects.filter(pk=data.common_area_id, estate_id=estate_id).first()
    if area is None:
        errors.add("common_area", _("Choose a common area of the plan's estate."))
    if data.priority not in Priority.values:
        errors.add("priority", _("Choose emergency, urgent or routine."))
    _check_schedule(data, errors)
    technicians = order_selectors.technicians_for(estate_id=estate_id, trade_id=trade.pk if trade else None)
    if data.default_assignee_id and not technicians.filter(pk=data.default_assignee_id).exists():
        errors.add("default_assignee", _("Choose a technician of this estate who works in the plan's trade."))
    lines = [ChecklistLine(line.text.strip(), bool(line.requires_value)) for line in data.checklist]
    lines = [line for line in lines if line.text]
    if len(lines) > MAX_CHECKLIST or any(len(line.text) > 200 for line in lines):
        errors.add("checklist", _("At most %(max)s checklist lines of up to 200 characters each.")
                   % {"max": MAX_CHECKLIST})  # fmt: skip
    if errors:
        raise ValidationError(errors)
    fields = {"title": title, "description": description, "trade": trade, "common_area": area,
              "priority": data.priority, "interval": data.interval, "unit": data.unit, "first_due": data.first_due,
              "lead_days": data.lead_days, "default_assignee_id": data.default_assignee_id or None,
              "active": data.active}  # fmt: skip
    return fields, lines


def _require_manager(actor, estate_id: int) -> None:
    if not access.can(actor, "repairs.manage", estate_id):
        raise NotPermitted(_("Only the estate's managers edit maintenance plans."))


def _restarted(plan: MaintenancePlan) -> date:
    """Where the schedule (re)starts: its first occurrence from today on that is later than the last one generated.
    Nothing is owed for dates before the plan existed, was changed or was switched back on."""
    start = timezone.localdate()
    last = plan.runs.order_by("-due_date").values_list("due_date", flat=True).first() if plan.pk else None
    if last is not None and last >= start:
        start = last + recurrence.ONE_DAY
    return plan.recurrence.on_or_after(start)


def _replace_checklist(plan: MaintenancePlan, lines: list[ChecklistLine]) -> None:
    # Generated orders hold their own copies, so the template can simply be rewritten.
    plan.checklist.all().delete()
    ChecklistItem.objects.bulk_create(
        ChecklistItem(plan=plan, position=n, text=line.text, requires_value=line.requires_value)
        for n, line in enumerate(lines, start=1)
    )


@transaction.atomic
def maintenance_plan_create(*, actor, estate_id: int, data: PlanInput) -> MaintenancePlan:
    """Create a plan and its checklist. Raises NotPermitted outside the actor's managed estates, ValidationError
    naming each bad field (nothing saved)."""
    _require_manager(actor, estate_id)
    fields, lines = _checked(estate_id, data)
    plan = MaintenancePlan(estate_id=estate_id, created_by=actor, **fields)
    plan.next_due = _restarted(plan)
    plan.save()
    _replace_checklist(plan, lines)
    audit_record(action="maintenance_plan.create", actor=actor, obj=plan, estate_id=estate_id)
    return plan


SCHEDULE = ("first_due", "interval", "unit")


@transaction.atomic
def maintenance_plan_update(*, actor, plan_id: int, data: PlanInput) -> MaintenancePlan:
    """Change a plan and replace its checklist (orders already generated keep theirs). A new schedule, or a plan
    switched back on, restarts from today. Raises NotPermitted or ValidationError, saving nothing."""
    plan = MaintenancePlan.objects.select_for_update().get(pk=plan_id)
    _require_manager(actor, plan.estate_id)
    fields, lines = _checked(plan.estate_id, data)
    before = {name: getattr(plan, name) for name in fields}
    for name, value in fields.items():
        setattr(plan, name, value)
    changed = sorted(name for name in fields if getattr(plan, name) != before[name])
    if set(changed) & set(SCHEDULE) or (plan.active and not before["active"]):
        plan.next_due = _restarted(plan)
    plan.save()
    _replace_checklist(plan, lines)
    audit_record(action="maintenance_plan.update", actor=actor, obj=plan, estate_id=plan.estate_id, changed=changed)
    return plan


@transaction.atomic
def maintenance_plan_deactivate(*, actor, plan_id: int) -> MaintenancePlan:
    """Stop generating orders from the plan (orders already made stay). Plans are never deleted."""
    plan = MaintenancePlan.objects.select_for_update().get(pk=plan_id)
    _require_manager(actor, plan.estate_id)
    if plan.active:
        plan.active = False
        plan.save(update_fields=["active", "updated_at"])
        audit_record(action="maintenance_plan.deactivate", actor=actor, obj=plan, estate_id=plan.estate_id)
    return plan


# --- generation -------------------------------------------------------------------------------------------------


def maintenance_plans_generate(*, today: date) -> int:
    """Generate the order of every active plan whose generation day has come; returns how many were made.
    Each plan is its own transaction: one that fails is logged and tried again by the next run."""
    made = 0
    for plan_id in selectors.plans_due(today=today):
        try:
            made += maintenance_plan_generate(plan_id=plan_id, today=today) is not None
        except Exception:  # one broken plan must not stall the others
            log.exception("maintenance: plan %s could not generate its order", plan_id)
    return made


@transaction.atomic
def maintenance_plan_generate(*, plan_id: int, today: date) -> WorkOrder | None:
    """Make the order of the plan's occurrence due for generation today (recurrence.due_now: missed earlier
    ones are skipped and counted) and move `next_due` past it. None when nothing is due, the plan is inactive,
    or a concurrent run holds the plan (that run is generating it)."""
    plan = MaintenancePlan.objects.select_for_update(skip_locked=True).filter(pk=plan_id, active=True).first()
    if plan is None:
        return None
    due = recurrence.due_now(plan.recurrence, next_due=plan.next_due, lead_days=plan.lead_days, today=today)
    if due is None:
        return None
    # The unique (plan, due date) run is the last guard; a schedule edit may lead back over a generated date.
    order = None if plan.runs.filter(due_date=due.due).exists() else _generate(plan, due)
    plan.next_due = due.following
    plan.save(update_fields=["next_due", "updated_at"])
    return order


def _clock_start(due_date: date) -> datetime:
    """The SLA clock of a planned job runs from its due date (the lead time is for planning, not a delay), or
    from now when the order is made late."""
    return max(timezone.now(), timezone.make_aware(datetime.combine(due_date, time.min)))


def _default_assignee(plan: MaintenancePlan) -> int | None:
    """The plan's default technician, if they still serve the estate in the plan's trade."""
    if plan.default_assignee_id is None:
        return None
    technicians = order_selectors.technicians_for(estate_id=plan.estate_id, trade_id=plan.trade_id)
    return plan.default_assignee_id if technicians.filter(pk=plan.default_assignee_id).exists() else None


def _submit_note(plan: MaintenancePlan, due: recurrence.Due, assignee: int | None) -> str:
    note = _("Planned maintenance “%(title)s”, due %(date)s.") % {"title": plan.title, "date": due.due.isoformat()}
    if due.skipped:
        note += " " + ngettext(
            "%(count)s earlier due date passed while nothing ran; it was skipped.",
            "%(count)s earlier due dates passed while nothing ran; they were skipped.",
            due.skipped,
        ) % {"count": due.skipped}
    if plan.default_assignee_id and assignee is None:
        note += " " + _("The plan's default technician no longer serves this estate and trade; left for dispatch.")
    return note


def _generate(plan: MaintenancePlan, due: recurrence.Due) -> WorkOrder:
    description = plan.title + (f"\n{plan.description}" if plan.description else "")
    order = WorkOrder(estate_id=plan.estate_id, common_area_id=plan.common_area_id, channel=Channel.PLANNED,
                      trade_id=plan.trade_id, priority=plan.priority, description=description)  # fmt: skip
    orders.sla_deadlines_set(order, _clock_start(due.due))
    order.save()
    assignee = _default_assignee(plan)
    orders.work_order_event_record(order, None, "submit", "", Status.SUBMITTED, note=_submit_note(plan, due, assignee),
                                   visibility=WorkOrderEvent.Visibility.INTERNAL, plan=plan.pk,
                                   due=due.due.isoformat(), skipped=due.skipped)  # fmt: skip
    MaintenanceRun.objects.create(plan=plan, due_date=due.due, order=order, skipped=due.skipped)
    WorkOrderChecklistItem.objects.bulk_create(
        WorkOrderChecklistItem(order=order, position=item.position, text=item.text, requires_value=item.requires_value)
        for item in plan.checklist.all()
    )
    orders.work_order_accept(order_id=order.pk, actor=None, auto_assign=assignee is None)
    if assignee is not None:
        orders.work_order_assign(order_id=order.pk, technician_id=assignee, actor=None,
                                 note=_("The plan's default technician."))  # fmt: skip
    audit_record(action="maintenance_plan.generate", obj=plan, estate_id=plan.estate_id, order=order.pk,
                 due=due.due.isoformat(), skipped=due.skipped)  # fmt: skip
    return WorkOrder.objects.get(pk=order.pk)


# --- the order's checklist --------------------------------------------------------------------------------------


def may_tick(order: WorkOrder, user) -> bool:
    """Whether `user` may tick `order`'s checklist now: its assignee, dispatchers or managers, during the work."""
    return order.status in TICK_STATUSES and bool(TICKERS & orders.actor_roles(user, order))


def _check_tick(item: WorkOrderChecklistItem, *, done: bool, value: str, note: str) -> None:
    errors = _Errors()
    if done and item.requires_value and not value:
        errors.add("value", _("“%(item)s” needs a reading: enter the value.") % {"item": item.text})
    if len(value) > 100:
        errors.add("value", _("Keep the reading under 100 characters."))
    if len(note) > 500:
        errors.add("note", _("Keep the note under 500 characters."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def work_order_checklist_tick(*, order_id: int, item_id: int, actor, done: bool, value: str = "",
                              note: str = "") -> WorkOrderChecklistItem:  # fmt: skip
    """Mark one checklist line done (with its reading where one is needed) or not done; recorded as an internal
    event. Raises NotPermitted (not the assignee, a dispatcher or a manager), InvalidTransition (the work is not
    in progress or on hold), ValidationError (a reading missing, a line not on this order)."""
    order = WorkOrder.objects.select_for_update(of=("self",)).select_related("reporter").get(pk=order_id)
    if not TICKERS & orders.actor_roles(actor, order):
        raise NotPermitted(_("Only the assigned technician, dispatchers and managers tick the checklist."))
    if order.status not in TICK_STATUSES:
        raise InvalidTransition(_("Tick the checklist while the work is in progress or on hold."))
    item = WorkOrderChecklistItem.objects.filter(order=order, pk=item_id).first()
    if item is None:
        raise ValidationError({"item": [_("That line is not on this order's checklist.")]})
    value, note = value.strip(), note.strip()
    _check_tick(item, done=done, value=value, note=note)
    item.done, item.value, item.note = done, value, note
    item.done_by, item.done_at = (actor, timezone.now()) if done else (None, None)
    item.save()
    summary = f"{item.position}. {item.text}" + (f": {value}" if value else "") + (f" ({note})" if note else "")
    orders.work_order_event_record(order, actor, "checklist_done" if done else "checklist_undone", order.status,
                                   order.status, note=summary, visibility=WorkOrderEvent.Visibility.INTERNAL,
                                   item=item.pk, value=value)  # fmt: skip
    return item
