"""SLA escalation, and the selections of the other clock-driven sweeps (auto-confirmation, closing).

The ladder for each unmet target (accept, arrive, resolve) of a running order:
  level 1, warning:     80% of the target's time has gone    → the estate's dispatchers are told
  level 2, breach:      the target has passed                 → the estate's managers are told
  level 3, long breach: overrun by the target's length again → the owners' committee sees it (no message)
`escalation_level` only rises: it is the worst the order has reached, and each level is announced once.

`refresh()` keeps `next_escalation_at`, the next moment the order would climb, in step whenever a service sets
deadlines or moves the order; `work_orders_escalate()` then reads only the orders whose moment has come (an indexed,
set-based selection), so a sweep costs a fixed handful of queries per batch, however many orders are open.
"""

import hashlib
from collections import defaultdict
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from residents.models import EstateRole, Role
from residents.notify import notify_user

from .models import EscalationLevel, RepairSettings, WorkOrder, WorkOrderEvent
from .workflow import OPEN_STATUSES, Status

WARNING_SHARE = 0.8
TOP = EscalationLevel.COMMITTEE
# (target, deadline field, field set when the target is met)
TARGETS = (
    ("response", "response_due", "accepted_at"),
    ("arrival", "arrival_due", "arrived_at"),
    ("resolution", "resolution_due", "completed_at"),
)
EVENT_ACTIONS = {1: "sla_warning", 2: "sla_breach", 3: "sla_committee"}
RECIPIENTS = {1: Role.DISPATCHER, 2: Role.MANAGER}  # level 3 goes to the committee dashboard, not to a message
SUBJECTS = {
    1: _("%(estate)s: repair orders near their deadline (%(count)s)"),
    2: _("%(estate)s: repair orders past their deadline (%(count)s)"),
}
BODY_IDS = 20  # an SMS cannot carry a thousand order numbers; the link opens the queue


# --- the pure part: plain arithmetic on an order's fields, no queries ----------------------------------------


def ladder(start: datetime, due: datetime) -> tuple[datetime, datetime, datetime]:
    """The moments a target started at `start` and due at `due` reaches levels 1, 2 and 3.

    Wall-clock shares: for business-hours targets the warning comes somewhat early over nights and weekends.
    """
    length = max(due - start, timedelta(0))
    return start + length * WARNING_SHARE, due, due + length


def unmet_targets(order) -> list[tuple[str, datetime]]:
    """(target, deadline) pairs the order has not met yet."""
    pairs = ((name, getattr(order, due), getattr(order, met)) for name, due, met in TARGETS)
    return [(name, due) for name, due, met in pairs if due and not met]


def is_running(order) -> bool:
    """Only open orders off hold escalate: on hold the clock stops, and resuming moves the deadline on."""
    return order.status in OPEN_STATUSES and order.on_hold_since is None


def _start(order) -> datetime:
    return order.sla_started_at or order.created_at  # orders older than the field started at creation


def next_check(order) -> datetime | None:
    """When the order climbs its next level if nothing happens; None when not running or already at the top."""
    if not is_running(order) or order.escalation_level >= TOP:
        return None
    moments = [ladder(_start(order), due)[order.escalation_level] for _, due in unmet_targets(order)]
    return min(moments, default=None)


def reached(order, now: datetime) -> tuple[int, str]:
    """The level the order has reached by `now` (never below its current one) and the target that took it there."""
    level, target = order.escalation_level, ""
    if not is_running(order):
        return level, target
    for name, due in unmet_targets(order):
        climbed = sum(moment <= now for moment in ladder(_start(order), due))
        if climbed > level:
            level, target = climbed, name
    return level, target


def refresh(order) -> None:
    """Recompute `next_escalation_at` on the instance (the caller saves); call after deadlines or status change."""
    order.next_escalation_at = next_check(order)


def start_clock(order, start: datetime) -> None:
    """Record when the SLA clock (re)started, from which the 80% points are measured, and refresh."""
    order.sla_started_at = start
    refresh(order)


# --- the sweep ---------------------------------------------------------------------------------------------

SWEEP_FIELDS = ("id", "estate_id", "status", "on_hold_since", "sla_started_at", "created_at", "escalation_level",
                "next_escalation_at", *(f for _, due, met in TARGETS for f in (due, met)))  # fmt: skip


def _due(now: datetime):
    # Served by the partial index on next_escalation_at; status and hold are re-checked for safety.
    return WorkOrder.objects.filter(status__in=OPEN_STATUSES, on_hold_since__isnull=True, next_escalation_at__lte=now)


def work_orders_escalate(*, now: datetime, batch_size: int = 2000) -> int:
    """Raise every running order whose next check has come to the level it has reached; returns how many rose.

    Idempotent and safe to run concurrently: each batch is one transaction that locks its rows, skipping rows a
    service or another sweep holds (they are picked up next time), and re-checks them before writing.
    A batch keeps its rows locked while it runs (~0.5 s for 2,000 on PostgreSQL) and sends one message per
    recipient, estate and level: larger batches mean fewer messages after an outage, but longer waits for staff.
    """
    ids = list(_due(now).order_by().values_list("pk", flat=True))
    return sum(_escalate_batch(ids[i : i + batch_size], now) for i in range(0, len(ids), batch_size))


@transaction.atomic
def _escalate_batch(ids: list[int], now: datetime) -> int:
    orders = list(_due(now).filter(pk__in=ids).order_by("pk").select_for_update(skip_locked=True).only(*SWEEP_FIELDS))
    events, raised, rose = [], defaultdict(list), 0  # raised: (estate id, level) → order ids
    for order in orders:
        old = order.escalation_level
        order.escalation_level, target = reached(order, now)
        refresh(order)
        rose += order.escalation_level > old
        for level in range(old + 1, order.escalation_level + 1):
            events.append(_event(order, level, target))
            raised[order.estate_id, level].append(order.pk)
    _write_levels(orders)  # every row, even when its level stays: a stale moment must not be read again
    WorkOrderEvent.objects.bulk_create(events)
    _notify_staff(raised)
    return rose


def _write_levels(orders: list[WorkOrder]) -> None:
    """One UPDATE for the batch. On PostgreSQL it reads arrays: bulk_update's CASE costs ~1 ms per row to build."""
    if connection.vendor != "postgresql":
        WorkOrder.objects.bulk_update(orders, ["escalation_level", "next_escalation_at"])
        return
    table = connection.ops.quote_name(WorkOrder._meta.db_table)
    columns = [[o.pk for o in orders], [o.escalation_level for o in orders], [o.next_escalation_at for o in orders]]
    with connection.cursor() as cursor:
        cursor.execute(
            # noqa below: the only interpolation is the model's own table name
            f"UPDATE {table} AS w SET escalation_level = v.level, next_escalation_at = v.next_at "  # noqa: S608
            "FROM unnest(%s::bigint[], %s::smallint[], %s::timestamptz[]) AS v(id, level, next_at) WHERE w.id = v.id",
            columns,
        )


def _event(order, level: int, target: str) -> WorkOrderEvent:
    due = getattr(order, f"{target}_due")
    return WorkOrderEvent(
        order_id=order.pk, action=EVENT_ACTIONS[level], from_status=order.status, to_status=order.status,
        visibility=WorkOrderEvent.Visibility.INTERNAL,
        data={"level": level, "target": target, "due": due.isoformat()},
    )  # fmt: skip


def _notify_staff(raised: dict) -> None:
    """One message per staff member, estate and level, naming the orders: a burst must not become a flood."""
    groups = {key: ids for key, ids in raised.items() if key[1] in RECIPIENTS}
    if not groups:
        return
    roles = EstateRole.objects.filter(
        estate_id__in={estate for estate, _level in groups}, role__in=RECIPIENTS.values(), user__is_active=True
    ).select_related("estate", "user__person")
    for role in roles:
        for level in (lvl for lvl, name in RECIPIENTS.items() if name == role.role):
            if ids := groups.get((role.estate_id, level)):
                _notify_one(role, level, sorted(ids))


def _notify_one(role: EstateRole, level: int, ids: list[int]) -> None:
    # The key names the exact orders and level, each of which rises once: a retried batch cannot send twice.
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:24]
    link = reverse("staff-work-order", args=[ids[0]]) if len(ids) == 1 else reverse("staff-work-orders")
    body = " ".join(f"#{pk}" for pk in ids[:BODY_IDS]) + (" …" if len(ids) > BODY_IDS else "")
    notify_user(user=role.user, event_key=f"wo.sla.{level}.{role.estate_id}.{digest}", subject=SUBJECTS[level],
                body=body, link=link, params={"estate": role.estate.name, "count": len(ids)})  # fmt: skip


# --- selections for the auto-confirm and closing sweeps (repairs.tasks) --------------------------------------


def orders_to_auto_confirm(*, now: datetime, limit: int = 1000) -> list[int]:
    """Ids of completed orders left unanswered longer than their estate's auto-confirm days, oldest first."""
    return _aged(Status.COMPLETED, "auto_confirm_days", now, limit)


def orders_to_close(*, now: datetime, limit: int = 1000) -> list[int]:
    """Ids of confirmed orders past their estate's reopen window, counted from completion as reopening is."""
    return _aged(Status.CONFIRMED, "reopen_window_days", now, limit)


def _aged(status: str, setting: str, now: datetime, limit: int) -> list[int]:
    # One condition per distinct setting value (a handful), so the selection stays one query for any number of
    # estates; estates without a settings row use the field's default.
    days = dict(RepairSettings.objects.values_list("estate_id", setting))
    aged = ~Q(estate_id__in=days) & Q(completed_at__lte=now - timedelta(days=_default(setting)))
    for value in set(days.values()):
        estates = [estate for estate, d in days.items() if d == value]
        aged |= Q(estate_id__in=estates, completed_at__lte=now - timedelta(days=value))
    orders = WorkOrder.objects.filter(aged, status=status).order_by("completed_at", "pk")
    return list(orders.values_list("pk", flat=True)[:limit])


def _default(setting: str) -> int:
    return RepairSettings._meta.get_field(setting).default
