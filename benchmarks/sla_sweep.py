"""Time one SLA escalation sweep (repairs.escalation.work_orders_escalate) over many open work orders.

Run by hand from the project root against a PostgreSQL server (the URL names a maintenance database; the script
creates a database linli_bench_<random> there, migrates it, and drops it afterwards):
    .venv/bin/python benchmarks/sla_sweep.py --database-url postgres://linli@127.0.0.1:54410/postgres
    .venv/bin/python benchmarks/sla_sweep.py --database-url ... --backlog-minutes 240   # after a beat outage

The orders were submitted over the last two days with the default targets (10% emergency, 30% urgent, 60%
routine), at random stages of their work, 5% on hold. Each is escalated as a sweep `--backlog-minutes` ago would
have left it, so the timed sweep sees what a beat run would: the orders that crossed a rung since then.
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from throwaway_db import postgres_database  # noqa: E402

PRIORITIES = ["emergency"] * 1 + ["urgent"] * 3 + ["routine"] * 6
STAGES = ["submitted"] * 20 + ["accepted"] * 25 + ["assigned"] * 20 + ["in_progress"] * 30 + ["on_hold"] * 5


def main() -> None:
    args = _parse_args()
    with postgres_database(args.database_url) as url:
        _run(args, url)


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="postgres://… of a server to create a database on")
    parser.add_argument("--orders", type=int, default=100_000, help="open orders (default 100000)")
    parser.add_argument("--estates", type=int, default=20)
    parser.add_argument("--backlog-minutes", type=float, default=5, help="minutes since the last sweep (default 5)")
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args()


def _run(args: argparse.Namespace, url: str) -> None:
    # DEBUG off: no query log; an in-memory broker: the notifications' publish must not reach a real worker
    os.environ.update(DATABASE_URL=url, DEBUG="false", CELERY_BROKER_URL="memory://")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.urls import reverse
    from django.utils import timezone

    from repairs.escalation import work_orders_escalate

    call_command("migrate", verbosity=0, interactive=False)
    now = timezone.now()
    due = _seed(args, now)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE repairs_workorder")  # fresh statistics, as autovacuum would have by now
    reverse("staff-work-orders")  # a worker loaded the URL conf (~0.3 s) at its first sweep, not at every one
    started = time.perf_counter()
    raised = work_orders_escalate(now=now)
    elapsed = time.perf_counter() - started
    idle_started = time.perf_counter()
    work_orders_escalate(now=now)
    idle = time.perf_counter() - idle_started
    connection.close()
    print(
        f"{connection.vendor}: {args.orders} open orders, {due} due after a {args.backlog_minutes:g}-minute backlog: "
        f"sweep raised {raised} in {elapsed:.2f} s; an immediate re-run took {idle:.3f} s"
    )


def _seed(args: argparse.Namespace, now) -> int:
    """Estates with a dispatcher and a manager each, and the open orders; returns how many are due at `now`."""
    from repairs.models import WorkOrder
    from residents.models import Trade

    rng = random.Random(args.seed)
    units = _estates(args.estates)
    trade = Trade.objects.get(key="plumbing")
    last_sweep = now - timedelta(minutes=args.backlog_minutes)
    orders = [_order(rng, rng.choice(units), trade, now, last_sweep) for _ in range(args.orders)]
    WorkOrder.objects.bulk_create(orders, batch_size=5000)
    return sum(1 for o in orders if o.next_escalation_at and o.next_escalation_at <= now)


def _estates(count: int) -> list:
    from residents.models import Building, Estate, EstateRole, Unit, User

    units = []
    for i in range(count):
        estate = Estate.objects.create(slug=f"bench{i}", name=f"小区{i}")
        building = Building.objects.create(estate=estate, name="1号楼")
        units += Unit.objects.bulk_create(
            Unit(estate=estate, building=building, number=f"{n:04d}", floor=n // 4 + 1, area=88) for n in range(50)
        )
        for role in ("dispatcher", "manager"):
            user = User.objects.create(username=f"{role}{i}")
            EstateRole.objects.create(user=user, estate=estate, role=role)
    return units


def _order(rng, unit, trade, now, last_sweep):
    """An order submitted in the last two days at a random stage, escalated as of the last sweep."""
    from repairs import escalation, sla
    from repairs.models import WorkOrder

    priority = rng.choice(PRIORITIES)
    start = now - timedelta(minutes=rng.uniform(0, 48 * 60))
    targets = sla.DEFAULT_TARGETS[priority]  # wall clock: business hours only shift the moments
    order = WorkOrder(
        estate_id=unit.estate_id, unit=unit, trade=trade, priority=priority, description="bench",
        status=rng.choice(STAGES), sla_started_at=start,
        response_due=start + timedelta(minutes=targets.response_minutes),
        arrival_due=start + timedelta(minutes=targets.arrival_minutes),
        resolution_due=start + timedelta(minutes=targets.resolution_minutes),
    )  # fmt: skip
    _progress(rng, order, targets, now)
    order.escalation_level = escalation.reached(order, last_sweep)[0]
    escalation.refresh(order)
    return order


def _progress(rng, order, targets, now) -> None:
    """Fill in what the order's stage implies: accepted, arrived, on hold (at random times, some late)."""

    def some_time_within(minutes):  # up to half again the target: some were late
        return min(now, order.sla_started_at + timedelta(minutes=rng.uniform(0, 1.5) * minutes))

    if order.status != "submitted":
        order.accepted_at = some_time_within(targets.response_minutes)
    if order.status in ("in_progress", "on_hold"):
        order.arrived_at = some_time_within(targets.arrival_minutes)
    if order.status == "on_hold":
        order.on_hold_since, order.hold_reason = order.arrived_at, "parts"


if __name__ == "__main__":
    main()
