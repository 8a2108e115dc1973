"""Two generation runs at the same moment, in real concurrent transactions: each occurrence makes one order.

Only PostgreSQL shows anything here: SQLite ignores select_for_update and serialises writers itself.
"""

import threading
from datetime import date

import pytest
from django.db import connection

from repairs.maintenance import services
from repairs.models import MaintenanceRun, WorkOrder
from tests.concurrency import POSTGRES_RACE
from tests.repairs.maintenance.conftest import at

pytestmark = POSTGRES_RACE
TODAY = date(2026, 3, 8)


@pytest.fixture(autouse=True)
def _no_publish(monkeypatch):
    """These commits are real, so the outbox would publish to the suite's broker: a backlog the worker test waits on."""
    monkeypatch.setattr("core.outbox._publish", lambda ids: None)


def _together(work, count=2):
    """Run `work(i)` in `count` threads released at once; returns what each returned or raised."""
    barrier, outcomes = threading.Barrier(count), [None] * count

    def run(i):
        try:
            barrier.wait(timeout=10)
            outcomes[i] = work(i)
        except Exception as exc:  # the caller inspects what each thread got
            outcomes[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread hung on a lock"
    return outcomes


def test_two_runs_racing_for_one_plan_make_one_order(make_plan, clock):
    clock.move_to(at(TODAY, 5, 30))
    for round_ in range(10):
        plan = make_plan(title=f"第{round_}轮")
        outcomes = _together(lambda i, pk=plan.pk: services.maintenance_plan_generate(plan_id=pk, today=TODAY))
        assert sum(isinstance(o, WorkOrder) for o in outcomes) == 1, outcomes
        assert all(o is None or isinstance(o, WorkOrder) for o in outcomes), outcomes
        assert MaintenanceRun.objects.filter(plan=plan).count() == 1


def test_two_whole_runs_at_once_make_each_plans_order_once(make_plan, clock):
    plans = [make_plan(title=f"计划{n}") for n in range(15)]
    clock.move_to(at(TODAY, 5, 30))
    made = _together(lambda i: services.maintenance_plans_generate(today=TODAY))
    assert sum(made) == 15
    assert MaintenanceRun.objects.count() == WorkOrder.objects.filter(channel="planned").count() == 15
    assert set(MaintenanceRun.objects.values_list("plan_id", flat=True)) == {plan.pk for plan in plans}
