"""Two dispatchers assigning the same order at the same moment, in two real transactions.

Only PostgreSQL shows anything here: SQLite ignores select_for_update and serialises writers itself.
"""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from core.errors import Conflict, InvalidTransition
from repairs import escalation, services
from repairs.models import WorkOrder, WorkOrderEvent
from repairs.services import Report
from tests.concurrency import POSTGRES_RACE
from tests.repairs.test_escalation import ARRIVAL_DUE, bulk_accepted_orders
from tests.residents.factories import EstateRoleFactory

pytestmark = POSTGRES_RACE
ROUNDS = 20


@pytest.fixture(autouse=True)
def _no_publish(monkeypatch):
    """These commits are real, so the outbox would publish to the suite's broker: a backlog the worker test waits on."""
    monkeypatch.setattr("core.outbox._publish", lambda ids: None)


@pytest.fixture
def crew(world):
    """Two dispatchers and two technicians of estate A."""
    return {
        "dispatchers": [world.users["dispatcher"], EstateRoleFactory(estate=world.estate_a, role="dispatcher").user],
        "technicians": [world.users["technician"], EstateRoleFactory(estate=world.estate_a, role="technician").user],
    }


def _accepted_order(world):
    order = services.work_order_submit(
        actor=world.users["owner"],
        report=Report(trade="plumbing", description="水管爆裂", priority="emergency", unit_id=world.unit_a.pk),
    )
    return services.work_order_accept(order_id=order.pk, actor=world.users["dispatcher"])


def _race(order, crew, *, expected_version):
    """Both dispatchers assign at once (each its own technician); returns each thread's result or error."""
    barrier, outcomes = threading.Barrier(2), [None, None]

    def assign(i):
        try:
            barrier.wait(timeout=10)
            outcomes[i] = services.work_order_assign(
                order_id=order.pk, technician_id=crew["technicians"][i].pk, actor=crew["dispatchers"][i],
                expected_version=expected_version,
            )  # fmt: skip
        except Exception as exc:  # the caller inspects what each thread got
            outcomes[i] = exc
        finally:
            connection.close()  # this thread's own connection: the test database cannot be flushed while it lives

    threads = [threading.Thread(target=assign, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a thread hung on the row lock"
    return outcomes


def _assign_events(order):
    return WorkOrderEvent.objects.filter(order=order, action="assign").count()


def test_two_dispatchers_assigning_one_version_one_wins_the_other_is_refused(world, crew):
    for _ in range(ROUNDS):
        order = _accepted_order(world)
        outcomes = _race(order, crew, expected_version=order.version)
        winners = [o for o in outcomes if isinstance(o, WorkOrder)]
        losers = [o for o in outcomes if isinstance(o, (Conflict, InvalidTransition))]
        assert (len(winners), len(losers)) == (1, 1), outcomes
        final = WorkOrder.objects.get(pk=order.pk)
        assert (final.status, final.version) == ("assigned", order.version + 1)
        assert final.assignee_id == winners[0].assignee_id
        assert _assign_events(order) == 1


def test_assigning_without_a_version_waits_for_the_lock_and_stays_consistent(world, crew):
    for _ in range(ROUNDS):
        order = _accepted_order(world)
        outcomes = _race(order, crew, expected_version=None)
        winners = [o for o in outcomes if isinstance(o, WorkOrder)]
        assert all(isinstance(o, (WorkOrder, Conflict, InvalidTransition)) for o in outcomes), outcomes
        final = WorkOrder.objects.get(pk=order.pk)
        assert final.status == "assigned" and final.version == order.version + len(winners)
        assert _assign_events(order) == len(winners) >= 1
        # the later writer saw the earlier one's row: the assignee is the last winner's technician
        assert final.assignee_id == max(winners, key=lambda o: o.version).assignee_id


def test_two_sweeps_at_once_escalate_each_order_once(world):
    start = timezone.now()
    bulk_accepted_orders(world, 60, start)
    barrier, counts = threading.Barrier(2), []

    def sweep():
        try:
            barrier.wait(timeout=10)
            counts.append(escalation.work_orders_escalate(now=start + ARRIVAL_DUE, batch_size=7))
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sum(counts) == 60
    assert WorkOrderEvent.objects.filter(action="sla_breach").count() == 60
    assert set(WorkOrder.objects.values_list("escalation_level", flat=True)) == {2}
    assert not WorkOrder.objects.filter(next_escalation_at__lte=start + ARRIVAL_DUE).exists()


def test_two_overlapping_bulk_assignments_never_deadlock_and_one_wins_each_order(world, crew):
    """Dispatcher 0 picks orders 1-2-3, dispatcher 1 picks 3-2-1 at once: both lock in id order, so one waits for
    the other; the second sees versions moved on and is refused whole."""
    from repairs.bulk import Pick, work_orders_bulk_assign

    for _ in range(5):
        orders = [_accepted_order(world) for _ in range(3)]
        picks = [[Pick(o.pk, o.version) for o in orders], [Pick(o.pk, o.version) for o in reversed(orders)]]
        barrier, outcomes = threading.Barrier(2), [None, None]

        def bulk(i, picks=picks, barrier=barrier, outcomes=outcomes):
            try:
                barrier.wait(timeout=10)
                outcomes[i] = work_orders_bulk_assign(
                    picks=picks[i], technician_id=crew["technicians"][i].pk, actor=crew["dispatchers"][i]
                )
            except Exception as exc:  # the test inspects what each thread got
                outcomes[i] = exc
            finally:
                connection.close()

        threads = [threading.Thread(target=bulk, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert not any(thread.is_alive() for thread in threads), "a bulk assignment hung"
        winners = [o for o in outcomes if isinstance(o, list)]
        assert len(winners) == 1 and sum(isinstance(o, Conflict) for o in outcomes) == 1, outcomes
        assignees = set(WorkOrder.objects.filter(pk__in=[o.pk for o in orders]).values_list("assignee", flat=True))
        assert assignees == {winners[0][0].assignee_id}
        assert all(_assign_events(o) == 1 for o in orders)
