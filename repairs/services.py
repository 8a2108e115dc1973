"""Everything that can happen to a work order. Each public function is one transaction: lock the row, ask
the state table, save, write the event, queue notifications, send the domain signal."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audit_record
from core.errors import Conflict, InvalidTransition, NotPermitted
from residents import access
from residents.models import CommonArea, Person, Trade, Unit
from residents.notify import notify_user

from . import escalation, selectors, service_levels, signals, sla
from .incidents.selectors import incident_covering
from .maintenance.checklist import checklist_require_done
from .models import Channel, Incident, Priority, Quote, RepairSettings, WorkOrder, WorkOrderEvent
from .workflow import STATUS_LABELS, Actor, Status, TransitionError, transition

STAFF_CHANNELS = {Channel.PHONE, Channel.WALK_IN}


@dataclass(frozen=True)
class Report:
    """What a resident (or staff on their behalf) reports. Exactly one of unit_id / common_area_id."""

    trade: str
    description: str
    priority: str = Priority.ROUTINE
    unit_id: int | None = None
    common_area_id: int | None = None
    location_detail: str = ""
    permission_to_enter: bool = False
    preferred_windows: str = ""
    channel: str = Channel.WEB
    reporter_id: int | None = None  # staff taking a call (or an Open311 client) name the resident here
    # who to call back when no registered resident is named (Open311 intake); kept only then
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    extra: dict = field(default_factory=dict)


# --- submitting ----------------------------------------------------------------------------------


def _place(report: Report):
    """The unit or common area reported, or a ValidationError naming the field."""
    if bool(report.unit_id) == bool(report.common_area_id):
        raise ValidationError({"unit": [_("Choose your unit or a common area, not both.")]})
    if report.unit_id:
        unit = Unit.objects.filter(pk=report.unit_id).first()
        if unit is None:
            raise ValidationError({"unit": [_("No such unit.")]})
        return unit.estate_id, unit, None
    area = CommonArea.objects.filter(pk=report.common_area_id).first()
    if area is None:
        raise ValidationError({"common_area": [_("No such common area.")]})
    return area.estate_id, None, area


def _reporter(actor, report: Report, estate_id: int, unit, client) -> Person | None:
    """The resident the order is for; refuses places outside the actor's home or estate."""
    if client is not None or report.channel == Channel.OPEN311:
        return _open311_reporter(client, report, estate_id, unit)
    if report.channel in STAFF_CHANNELS or report.reporter_id:
        if not access.can(actor, "repairs.take", estate_id):
            raise NotPermitted(_("Only property staff may take a report on a resident's behalf."))
        return _resident_of(report.reporter_id, estate_id, unit) if report.reporter_id else None
    homes = access.resident_unit_ids(actor)
    if unit is not None and unit.pk not in homes:
        raise ValidationError({"unit": [_("You can report repairs only for your own home.")]})
    if unit is None and not Unit.objects.filter(pk__in=homes, estate_id=estate_id).exists():
        raise ValidationError({"common_area": [_("You can report common areas only in your own estate.")]})
    return getattr(actor, "person", None)


def _open311_reporter(client, report: Report, estate_id: int, unit) -> Person | None:
    """An Open311 client files only in its own estate, only on the Open311 channel (a key, not a choice)."""
    if client is None or report.channel != Channel.OPEN311:
        raise NotPermitted(_("Open311 requests are filed only with an Open311 API key."))
    if client.estate_id != estate_id:
        raise ValidationError({"unit": [_("That address is not in the estate of this API key.")]})
    return _resident_of(report.reporter_id, estate_id, unit) if report.reporter_id else None


def _resident_of(person_id: int, estate_id: int, unit) -> Person:
    """The named resident, who must live in or own the unit (or, for a common area, a unit of the estate):
    staff cannot attach an order to a stranger, who would then see it."""
    person = Person.objects.select_related("user").filter(pk=person_id).first()
    homes = access.resident_unit_ids(person.user) if person else set()
    ok = unit.pk in homes if unit is not None else Unit.objects.filter(pk__in=homes, estate_id=estate_id).exists()
    if not ok:
        raise ValidationError({"reporter_id": [_("This resident is not registered at that address.")]})
    return person


def _check_fields(report: Report) -> Trade:
    errors = {}
    trade = Trade.objects.filter(key=report.trade).first()
    if trade is None:
        errors["trade"] = [_("Choose the kind of repair.")]
    if report.priority not in Priority.values:
        errors["priority"] = [_("Choose emergency, urgent or routine.")]
    if not report.description.strip():
        errors["description"] = [_("Describe the problem.")]
    if report.channel not in Channel.values:
        errors["channel"] = [_("Unknown channel.")]
    elif report.channel == Channel.PLANNED:
        errors["channel"] = [_("Planned-maintenance orders come only from maintenance plans.")]
    if errors:
        raise ValidationError(errors)
    return trade


def _targets(estate_id: int, priority: str, trade_id: int) -> sla.Targets:
    return service_levels.targets_for(estate_id=estate_id, priority=priority, trade_id=trade_id)


def repair_settings(estate_id: int) -> RepairSettings:
    return RepairSettings.objects.get_or_create(estate_id=estate_id)[0]


def _business_hours(estate_id: int) -> sla.BusinessHours:
    return service_levels.business_hours_of(repair_settings(estate_id))


def _set_deadlines(order: WorkOrder, start: datetime, *, response: bool) -> None:
    targets = _targets(order.estate_id, order.priority, order.trade_id)
    hours = None if targets.around_the_clock else _business_hours(order.estate_id)
    local = timezone.localtime(start)
    if response:
        order.response_due = sla.add_working_minutes(local, targets.response_minutes, hours)
    order.arrival_due = sla.add_working_minutes(local, targets.arrival_minutes, hours)
    order.resolution_due = sla.add_working_minutes(local, targets.resolution_minutes, hours)
    escalation.start_clock(order, start)


def sla_deadlines_set(order: WorkOrder, start: datetime) -> None:
    """Set an unsaved order's response, arrival and resolution deadlines by its estate's policy, counted from
    `start`: for orders made outside work_order_submit (planned maintenance)."""
    _set_deadlines(order, start, response=True)


@transaction.atomic
def work_order_submit(*, actor, report: Report, request=None, client=None, attach=None) -> WorkOrder:
    """File a repair request and start its SLA clock; a resident's report that an open outage covers joins the
    outage instead (repairs.incidents). `attach(order)` adds what came with the report (photos) first.
    `client` is the Open311 client filing it (repairs.open311.intake), with `actor` None.

    Raises ValidationError or NotPermitted, saving nothing.
    """
    trade = _check_fields(report)
    estate_id, unit, area = _place(report)
    reporter = _reporter(actor, report, estate_id, unit, client)
    order = WorkOrder(
        estate_id=estate_id, unit=unit, common_area=area, reporter=reporter, created_by=actor,
        channel=report.channel, trade=trade, priority=report.priority, description=report.description.strip(),
        location_detail=report.location_detail.strip(), permission_to_enter=report.permission_to_enter,
        preferred_windows=report.preferred_windows.strip(), open311_client=client,
    )  # fmt: skip
    if reporter is None:  # someone to call back; a registered reporter is reached through their account
        order.contact_name = report.contact_name.strip()[:100]
        order.contact_phone, order.contact_email = report.contact_phone, report.contact_email.strip()
    now = timezone.now()
    _set_deadlines(order, now, response=True)
    order.save()
    work_order_event_record(order, actor, "submit", "", Status.SUBMITTED, note="")
    if attach is not None:
        attach(order)
    incident = _outage_to_join(order, now)
    if incident is not None:
        return _join_incident(order, incident)
    _tell_reporter(order, gettext_lazy("We have received your repair request"), order.description[:200])
    return order


_JOINED = gettext_lazy("This is part of the outage “%(title)s”, which we are already handling. We will tell you "
                       "when it is over.")  # fmt: skip
_JOINED_BY = gettext_lazy("This is part of the outage “%(title)s”, which we are already handling; expected back "
                          "by %(when)s. We will tell you when it is over.")  # fmt: skip


def _outage_to_join(order: WorkOrder, now: datetime) -> Incident | None:
    """The open outage covering a resident's report, locked: incident_end takes the same lock, so an outage
    cannot end while a report joins it and its end notice never misses a reporter. Orders staff file with no
    resident named (other than through Open311) are their own work, such as the outage's fix, and join nothing;
    nor do emergencies."""
    # An emergency (gas, a flood, someone stuck in a lift) always reaches a dispatcher, outage or not.
    # Open311 reports join whether or not a resident was matched, so the answer reveals nothing about who lives where.
    joins = (order.reporter_id or order.open311_client_id) and order.priority != Priority.EMERGENCY
    found = incident_covering(order=order, at=now) if joins else None
    return found and Incident.objects.select_for_update().filter(pk=found.pk, ended_at__isnull=True).first()


def _join_incident(order: WorkOrder, incident: Incident) -> WorkOrder:
    """Move a new report into the outage covering it (a final status): it leaves the queue and its SLA clock, and
    the outage's expected end is the promise now."""

    def effect(order, now):
        order.incident, order.closed_at = incident, now
        order.response_due = order.arrival_due = order.resolution_due = None

    when = incident.expected_end and timezone.localtime(incident.expected_end).strftime("%Y-%m-%d %H:%M")
    note = (_JOINED_BY if when else _JOINED) % {"title": incident.title, "when": when}
    return _act(order_id=order.pk, action="join_incident", actor=None, note=note, effect=effect)


# --- the transitions ---------------------------------------------------------------------------------


def actor_roles(user, order: WorkOrder) -> set[str]:
    """How `user` relates to `order` (None is the system)."""
    if user is None:
        return {Actor.SYSTEM}
    roles = set()
    if access.can(user, "repairs.dispatch", order.estate_id):
        roles.add(Actor.DISPATCHER)
    if access.can(user, "repairs.manage", order.estate_id):
        roles.add(Actor.MANAGER)
    if order.assignee_id and order.assignee_id == user.pk:
        roles.add(Actor.ASSIGNEE)
    if (order.reporter_id and order.reporter.user_id == user.pk) or (
        order.unit_id and order.unit_id in access.resident_unit_ids(user)
    ):
        roles.add(Actor.REPORTER)
    return roles


_REFUSALS = {
    "unknown_action": gettext_lazy("Unknown action."),
    "wrong_status": gettext_lazy("This order is “%(status)s”; that action is not possible now."),
    "wrong_actor": gettext_lazy("You may not take that action on this order."),
}


def _locked(order_id: int, expected_version: int | None) -> WorkOrder:
    # of=self: PostgreSQL refuses FOR UPDATE on the nullable side of the outer join to the reporter
    order = WorkOrder.objects.select_for_update(of=("self",)).select_related("reporter").get(pk=order_id)
    if expected_version is not None and order.version != expected_version:
        raise Conflict(_("Someone else changed this order a moment ago. Reload it and try again."))
    return order


@transaction.atomic
def _act(*, order_id, action, actor, note="", expected_version=None, effect=None, after=None, roles=None) -> WorkOrder:
    """Run one transition: lock, check, apply `effect(order, now)`, save, record, notify, then `after(order)`.
    `roles(order)` replaces actor_roles for a step taken in a capacity no ordinary button offers."""
    order = _locked(order_id, expected_version)
    try:
        acting = roles(order) if roles is not None else actor_roles(actor, order)
        move = transition(status=order.status, action=action, actors=acting)
    except TransitionError as exc:
        message = _REFUSALS[exc.reason] % {"status": order.get_status_display()}
        raise (NotPermitted(message) if exc.reason == "wrong_actor" else InvalidTransition(message)) from exc
    if move.note_required and not note.strip():
        raise ValidationError({"note": [_("Say why (a note is required for this step).")]})
    now, source = timezone.now(), order.status
    if effect is not None:
        effect(order, now)
    order.status = move.target or order.status
    escalation.refresh(order)
    order.version += 1
    order.save()
    visibility = WorkOrderEvent.Visibility.RESIDENT if move.visible_to_resident else WorkOrderEvent.Visibility.INTERNAL
    event = work_order_event_record(order, actor, action, source, order.status, note=note, visibility=visibility)
    if move.visible_to_resident:
        params = {"id": order.pk, "status": STATUS_LABELS[order.status]}
        for user in _followers(order):
            _notify(user, f"wo.{order.pk}.event.{event.pk}", _YOUR_REPAIR, note, order, params)
    if after is not None:
        after(order)
    return order


def _followers(order: WorkOrder) -> list:
    """The reporter and the reporters of the duplicates merged into this order: all follow its progress."""
    merged = order.duplicates.filter(status=Status.MERGED, reporter__isnull=False).select_related("reporter__user")
    users = [order.reporter.user] if order.reporter_id else []
    return list(dict.fromkeys([*users, *(d.reporter.user for d in merged)]))


def work_order_event_record(
    order, actor, action, source, target, *, note, visibility=WorkOrderEvent.Visibility.RESIDENT, **data
):
    """Append the order's immutable event (and the audit row) for one step; the caller holds the row lock."""
    event = WorkOrderEvent.objects.create(
        order=order,
        actor=actor,
        action=action,
        from_status=source,
        to_status=target,
        note=note.strip(),
        visibility=visibility,
        data=data,
    )
    audit_record(action=f"work_order.{action}", actor=actor, obj=order, estate_id=order.estate_id)
    return event


_YOUR_REPAIR = gettext_lazy("Your repair #%(id)s: %(status)s")


def _notify(user, key, subject, body, order, params=None):
    notify_user(user=user, event_key=key, subject=subject, body=body, link=f"/repairs/{order.pk}/", params=params)


def _tell_reporter(order, subject, body):
    if order.reporter_id:
        _notify(order.reporter.user, f"wo.{order.pk}.submitted", subject, body, order)


def work_order_accept(*, order_id: int, actor, expected_version=None, auto_assign: bool = True) -> WorkOrder:
    """Accept a submitted request into the queue; where the estate enables it (and `auto_assign`: a caller about
    to assign someone itself says False), assign the best technician."""

    def effect(order, now):
        order.accepted_at = now

    def after(order):
        if auto_assign and repair_settings(order.estate_id).auto_assign:
            _auto_assign(order)

    return _act(order_id=order_id, action="accept", actor=actor, expected_version=expected_version, effect=effect,
                after=after)  # fmt: skip


def _auto_assign(order):
    best = next(iter(selectors.dispatch_suggestions(order=order)), None)
    if best is not None:
        note = _("Assigned automatically: %(name)s (on duty: %(duty)s, open orders: %(open)s, rating: %(rating)s).")
        note %= {"name": best.name, "duty": _("yes") if best.on_duty else _("no"), "open": best.open_orders,
                 "rating": best.rating}  # fmt: skip
        work_order_assign(order_id=order.pk, technician_id=best.user_id, actor=None, note=note)


def work_order_reject(*, order_id: int, actor, reason: str, expected_version=None) -> WorkOrder:
    """Reject a request with a reason the resident reads."""
    return _act(order_id=order_id, action="reject", actor=actor, note=reason, expected_version=expected_version,
                effect=lambda order, now: setattr(order, "closed_at", now))  # fmt: skip


def work_order_merge(*, order_id: int, master_id: int, actor, expected_version=None) -> WorkOrder:
    """Mark a request as a duplicate of an open master order in the same estate; its reporter follows the master."""

    def effect(order, now):
        master = WorkOrder.objects.filter(pk=master_id, estate_id=order.estate_id).first()
        if (
            master is None
            or master.pk == order.pk
            or master.status in (Status.MERGED, Status.JOINED, Status.CANCELLED, Status.REJECTED)
        ):
            raise ValidationError({"master": [_("Choose an open order of the same estate to merge into.")]})
        order.master, order.closed_at = master, now

    note = _("Merged into #%(id)s.") % {"id": master_id}
    return _act(order_id=order_id, action="merge", actor=actor, note=note, expected_version=expected_version,
                effect=effect)  # fmt: skip


_NEW_JOB = gettext_lazy("New job #%(id)s assigned to you")


def work_order_assign(*, order_id: int, technician_id: int, actor, expected_version=None, note="") -> WorkOrder:
    """Assign (or reassign) a technician of the order's estate."""

    def effect(order, now):
        technician = selectors.technicians_for(estate_id=order.estate_id).filter(pk=technician_id).first()
        if technician is None:
            raise ValidationError({"technician": [_("Choose a technician who serves this estate.")]})
        order.assignee = technician
        _notify(technician, f"wo.{order.pk}.assigned.{order.version}", _NEW_JOB, order.description[:200], order,
                {"id": order.pk})  # fmt: skip

    return _act(order_id=order_id, action="assign", actor=actor, note=note, expected_version=expected_version,
                effect=effect)  # fmt: skip


def work_order_schedule(*, order_id: int, when: datetime, actor, expected_version=None) -> WorkOrder:
    """Agree a visit time with the resident."""

    def effect(order, now):
        if when < now - timedelta(minutes=5):
            raise ValidationError({"scheduled_for": [_("Choose a time in the future.")]})
        order.scheduled_for = when

    note = _("Visit scheduled for %(when)s.") % {"when": timezone.localtime(when).strftime("%Y-%m-%d %H:%M")}
    return _act(order_id=order_id, action="schedule", actor=actor, note=note, expected_version=expected_version,
                effect=effect)  # fmt: skip


def work_order_start(*, order_id: int, actor, expected_version=None) -> WorkOrder:
    """The technician has arrived and starts work (arrival time recorded); a quote must be accepted first."""

    def effect(order, now):
        latest = order.quotes.first()
        if latest is not None and latest.status != Quote.Status.ACCEPTED:
            raise InvalidTransition(_("Work waits until the resident accepts the quote."))
        order.arrived_at = order.arrived_at or now

    return _act(order_id=order_id, action="start", actor=actor, expected_version=expected_version, effect=effect)


def work_order_hold(*, order_id: int, actor, reason: str, expected_version=None) -> WorkOrder:
    """Pause the work (parts, the resident, a contractor); the SLA clock stops until it resumes."""

    def effect(order, now):
        order.on_hold_since, order.hold_reason = now, reason.strip()[:200]

    return _act(order_id=order_id, action="hold", actor=actor, note=reason, expected_version=expected_version,
                effect=effect)  # fmt: skip


def work_order_resume(*, order_id: int, actor, expected_version=None) -> WorkOrder:
    """Resume work; deadlines move on by the time spent on hold."""

    def effect(order, now):
        paused = now - order.on_hold_since
        order.resolution_due = order.resolution_due and order.resolution_due + paused
        order.on_hold_since, order.hold_reason = None, ""

    return _act(order_id=order_id, action="resume", actor=actor, expected_version=expected_version, effect=effect)


def work_order_complete(*, order_id: int, actor, notes: str, expected_version=None) -> WorkOrder:
    """The technician reports the fix done, with work notes (and materials in the notes). An order with a
    checklist (planned maintenance) is refused, naming the lines, until every line is done."""

    def effect(order, now):
        checklist_require_done(order)
        order.completed_at = now

    return _act(order_id=order_id, action="complete", actor=actor, note=notes, expected_version=expected_version,
                effect=effect)  # fmt: skip


def work_order_confirm(*, order_id: int, actor, rating: int, comment: str = "", expected_version=None) -> WorkOrder:
    """The resident confirms the fix and rates it 1–5."""

    def effect(order, now):
        if rating not in range(1, 6):
            raise ValidationError({"rating": [_("Rate the repair from 1 to 5 stars.")]})
        order.rating, order.confirmed_at = rating, now

    def after(order):
        signals.work_order_confirmed.send(sender=WorkOrder, order_id=order.pk, automatic=False)

    return _act(order_id=order_id, action="confirm", actor=actor, note=comment, expected_version=expected_version,
                effect=effect, after=after)  # fmt: skip


def work_order_reopen(*, order_id: int, actor, reason: str, expected_version=None) -> WorkOrder:
    """Send a completed order back to assignment (within the estate's reopen window)."""

    def effect(order, now):
        window = timedelta(days=repair_settings(order.estate_id).reopen_window_days)
        if order.completed_at and now - order.completed_at > window:
            raise InvalidTransition(_("The reopen window has passed; please report a new problem."))
        order.reopen_count += 1
        order.assignee, order.rating, order.confirmed_at, order.completed_at = None, None, None, None
        order.arrived_at = None
        _set_deadlines(order, now, response=False)

    def after(order):
        signals.work_order_reopened.send(sender=WorkOrder, order_id=order.pk)

    return _act(order_id=order_id, action="reopen", actor=actor, note=reason, expected_version=expected_version,
                effect=effect, after=after)  # fmt: skip


def work_order_reopen_on_spot_check(*, order_id: int, actor, finding: str) -> WorkOrder:
    """Send a finished order (completed, confirmed or closed, whatever its age) back to assignment because the
    owners' committee's spot check found it not fixed; `actor` must hold committee.manage in the order's estate.
    Recorded as its own event (committee_reopen) with the finding as the note."""

    def roles(order):
        return {Actor.COMMITTEE} if access.can(actor, "committee.manage", order.estate_id) else set()

    def effect(order, now):
        order.reopen_count += 1
        order.assignee, order.rating, order.confirmed_at, order.completed_at = None, None, None, None
        order.arrived_at, order.closed_at, order.auto_confirmed = None, None, False
        _set_deadlines(order, now, response=False)

    def after(order):
        signals.work_order_reopened.send(sender=WorkOrder, order_id=order.pk)

    return _act(order_id=order_id, action="committee_reopen", actor=actor, note=finding, effect=effect, after=after,
                roles=roles)  # fmt: skip


def work_order_cancel(*, order_id: int, actor, reason: str = "", expected_version=None) -> WorkOrder:
    """Cancel before work starts."""
    return _act(order_id=order_id, action="cancel", actor=actor, note=reason, expected_version=expected_version,
                effect=lambda order, now: setattr(order, "closed_at", now))  # fmt: skip


def work_order_close(*, order_id: int, actor=None) -> WorkOrder:
    """Close a confirmed order (staff, or the sweep once the reopen window has passed)."""
    return _act(order_id=order_id, action="close", actor=actor,
                effect=lambda order, now: setattr(order, "closed_at", now))  # fmt: skip


def work_order_auto_confirm(*, order_id: int) -> WorkOrder:
    """Confirm a completion the resident left unanswered; marked automatic, no rating."""

    def effect(order, now):
        order.confirmed_at, order.auto_confirmed = now, True

    def after(order):
        signals.work_order_confirmed.send(sender=WorkOrder, order_id=order.pk, automatic=True)

    return _act(order_id=order_id, action="auto_confirm", actor=None, effect=effect, after=after)
