"""Work orders at scale for `manage.py seed_scale --work-orders N`: years of history on the `scale-` estates.

Each estate gets a dispatcher and four technicians (usernames `scale-staff-…`), then orders spread over the last
two years: the older ones closed with their events (submitted, assigned, completed, closed), the last few days'
still open at every stage. Rows are written with residents.scale.bulk_insert, one chunk at a time, so queries
grow with chunks, not rows. The same seed gives the same orders.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from residents.models import EstateRole, Ownership, Role, Trade, User
from residents.scale import SCALE_PREFIX, bulk_insert

from .models import WorkOrder, WorkOrderEvent
from .workflow import Status

STAFF_PREFIX = f"{SCALE_PREFIX}staff-"
HISTORY_DAYS = 730
OPEN_DAYS = 3  # orders filed in the last three days are still open
OPEN_STAGES = [Status.SUBMITTED, Status.ACCEPTED, Status.ASSIGNED, Status.IN_PROGRESS, Status.ON_HOLD]
PRIORITIES = ["emergency"] + ["urgent"] * 3 + ["routine"] * 6
TARGET_HOURS = {"emergency": 4, "urgent": 24, "routine": 72}
DESCRIPTIONS = ("厨房水槽漏水", "卫生间地漏堵塞", "客厅灯不亮", "空调不制冷", "门锁坏了", "墙面渗水", "热水器打不着火")
ORDER_COLUMNS = (
    "estate_id", "unit_id", "reporter_id", "channel", "trade_id", "priority", "description", "status", "version",
    "assignee_id", "response_due", "arrival_due", "resolution_due", "accepted_at", "arrived_at", "completed_at",
    "confirmed_at", "closed_at", "rating", "created_at", "updated_at",
)  # fmt: skip
EVENT_COLUMNS = ("order_id", "at", "actor_id", "action", "from_status", "to_status", "note", "visibility")


@dataclass(frozen=True)
class WorkOrderScaleResult:
    orders: int
    events: int


def _ignore_progress(count: int) -> None:
    pass


def scale_work_orders_delete() -> None:
    """Remove the scale orders, their events and the scale staff (raw DELETEs: events are append-only to the
    application, and the collector would load millions of rows)."""
    orders = WorkOrder.objects.filter(estate__slug__startswith=SCALE_PREFIX)
    WorkOrderEvent.objects.filter(order__in=orders)._raw_delete(connection.alias)
    orders._raw_delete(connection.alias)
    EstateRole.objects.filter(user__username__startswith=STAFF_PREFIX)._raw_delete(connection.alias)
    User.objects.filter(username__startswith=STAFF_PREFIX).delete()


@transaction.atomic
def scale_work_orders_seed(
    *, orders: int, seed: int = 0, batch_size: int = 2000, on_progress: Callable[[int], None] = _ignore_progress
) -> WorkOrderScaleResult:
    """Write `orders` work orders over the scale estates' units (they must exist), with their events."""
    homes = list(
        Ownership.objects.filter(unit__estate__slug__startswith=SCALE_PREFIX)
        .order_by("unit_id")
        .values_list("unit__estate_id", "unit_id", "person_id")
    )
    if not homes or orders < 1:
        return WorkOrderScaleResult(0, 0)
    technicians = _staff(sorted({estate for estate, _unit, _person in homes}), batch_size=batch_size)
    trades = list(Trade.objects.order_by("pk").values_list("pk", flat=True))
    rng, now = random.Random(seed), timezone.now()
    written = events = 0
    while written < orders:
        count = min(batch_size, orders - written)
        rows = [_order(rng, now, homes, technicians, trades, written + i, orders) for i in range(count)]
        ids = bulk_insert(WorkOrder, ORDER_COLUMNS, rows, batch_size=batch_size)
        event_rows = [event for order_id, row in zip(ids, rows, strict=True) for event in _events(order_id, row)]
        bulk_insert(WorkOrderEvent, EVENT_COLUMNS, event_rows, batch_size=batch_size)
        written, events = written + count, events + len(event_rows)
        on_progress(count)
    return WorkOrderScaleResult(written, events)


def _staff(estate_ids: list[int], *, batch_size: int) -> dict[int, list[int]]:
    """A dispatcher and four technicians per estate; returns the technicians' user ids by estate."""
    if User.objects.filter(username__startswith=STAFF_PREFIX).exists():
        raise ValueError("scale staff exist: delete the scale work orders first")
    plan = [(estate, role, n) for estate in estate_ids for role, n in [(Role.DISPATCHER, 0), *((Role.TECHNICIAN, i)
            for i in range(1, 5))]]  # fmt: skip
    users = bulk_insert(User, ("username",), [(f"{STAFF_PREFIX}{e}-{r}-{n}",) for e, r, n in plan],
                        batch_size=batch_size)  # fmt: skip
    bulk_insert(EstateRole, ("user_id", "estate_id", "role"), [(u, e, r) for u, (e, r, _n) in zip(users, plan,
                strict=True)], batch_size=batch_size)  # fmt: skip
    technicians: dict[int, list[int]] = {}
    for user, (estate, role, _n) in zip(users, plan, strict=True):
        if role == Role.TECHNICIAN:
            technicians.setdefault(estate, []).append(user)
    return technicians


def _order(rng, now, homes, technicians, trades, index, total):
    """One order row; index spreads them evenly over the history, the newest last."""
    estate, unit, person = homes[rng.randrange(len(homes))]
    age = timedelta(days=HISTORY_DAYS) * (1 - (index + rng.random()) / total)
    created = now - age
    priority = rng.choice(PRIORITIES)
    target = timedelta(hours=TARGET_HOURS[priority])
    response_due, arrival_due, resolution_due = created + target / 8, created + target / 4, created + target
    status = rng.choice(OPEN_STAGES) if age < timedelta(days=OPEN_DAYS) else Status.CLOSED
    started = status not in (Status.SUBMITTED, Status.ACCEPTED)
    closed = status == Status.CLOSED
    accepted = created + target / 16 if status != Status.SUBMITTED else None
    arrived = created + target / 5 if status in (Status.IN_PROGRESS, Status.ON_HOLD) or closed else None
    # the newest closed orders finished just now at the latest
    completed = min(created + target * rng.uniform(0.3, 1.3), now - timedelta(hours=2)) if closed else None
    confirmed = min(completed + timedelta(hours=rng.uniform(1, 48)), now - timedelta(hours=1)) if closed else None
    closed_at = min(confirmed + timedelta(days=7), now) if closed else None
    return (
        estate, unit, person, "web", rng.choice(trades), priority, rng.choice(DESCRIPTIONS), status,
        4 if closed else 2, rng.choice(technicians[estate]) if started else None, response_due, arrival_due,
        resolution_due, accepted, arrived, completed, confirmed, closed_at,
        rng.choice((4, 5, 5, 5, 3)) if closed else None, created, confirmed or created,
    )  # fmt: skip


def _events(order_id, row):
    """The order's main steps: submitted, then (when reached) assigned, completed and closed."""
    status, assignee, created = row[7], row[9], row[19]
    accepted, completed, closed = row[13], row[15], row[17]
    steps = [(created, None, "submit", "", Status.SUBMITTED)]
    if assignee:
        steps.append((accepted, None, "assign", Status.ACCEPTED, Status.ASSIGNED))
    if status == Status.CLOSED:
        steps += [(completed, assignee, "complete", Status.IN_PROGRESS, Status.COMPLETED),
                  (closed, None, "close", Status.CONFIRMED, Status.CLOSED)]  # fmt: skip
    return [(order_id, at, actor, action, source, target, "", "resident") for at, actor, action, source,
            target in steps]  # fmt: skip
