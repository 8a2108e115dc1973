from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import OutboxMessage
from repairs import escalation, services
from repairs.models import WorkOrder, WorkOrderEvent
from residents.models import Trade

pytestmark = pytest.mark.django_db

# The `order` fixture is an emergency (around the clock): accept in 10 min, arrive in 30, resolve in 240.
ARRIVAL_WARNING, ARRIVAL_DUE, ARRIVAL_LONG = timedelta(minutes=24), timedelta(minutes=30), timedelta(minutes=60)


def _sweep(order, after: timedelta) -> int:
    return escalation.work_orders_escalate(now=order.sla_started_at + after)


def _sla_messages(user):
    return OutboxMessage.objects.filter(recipient=user, event_key__startswith="wo.sla.")


def _sla_events(order):
    return list(WorkOrderEvent.objects.filter(order=order, action__startswith="sla_").values_list("action", flat=True))


def _accept(world, order):
    return services.work_order_accept(order_id=order.pk, actor=world.users["dispatcher"])


def _start(world, order):
    services.work_order_assign(
        order_id=order.pk, technician_id=world.users["technician"].pk, actor=world.users["dispatcher"]
    )
    return services.work_order_start(order_id=order.pk, actor=world.users["technician"])


def _to_in_progress(world, order):
    _accept(world, order)
    return _start(world, order)


def test_ladder_warns_at_80_percent_breaches_at_the_target_and_reaches_the_committee_at_twice_it():
    start = timezone.now()
    assert escalation.ladder(start, start + timedelta(minutes=30)) == (
        start + timedelta(minutes=24),
        start + timedelta(minutes=30),
        start + timedelta(minutes=60),
    )


def test_submit_schedules_the_first_check_at_80_percent_of_the_response_target(order):
    assert order.next_escalation_at == order.sla_started_at + timedelta(minutes=8)
    assert WorkOrder.objects.get(pk=order.pk).next_escalation_at == order.next_escalation_at


def test_an_unaccepted_order_escalates_on_the_response_target(world, order):
    assert _sweep(order, timedelta(minutes=9)) == 1
    order.refresh_from_db()
    assert order.escalation_level == 1
    assert WorkOrderEvent.objects.get(order=order, action="sla_warning").data["target"] == "response"


def test_warning_at_80_percent_of_the_arrival_target_notifies_dispatchers_once(world, order):
    _accept(world, order)
    assert _sweep(order, ARRIVAL_WARNING - timedelta(minutes=1)) == 0
    assert _sweep(order, ARRIVAL_WARNING + timedelta(minutes=1)) == 1
    assert _sweep(order, ARRIVAL_WARNING + timedelta(minutes=2)) == 0
    order.refresh_from_db()
    assert (order.escalation_level, order.next_escalation_at) == (1, order.sla_started_at + ARRIVAL_DUE)
    assert _sla_events(order) == ["sla_warning"]
    message = _sla_messages(world.users["dispatcher"]).get()
    assert message.link == f"/staff/work-orders/{order.pk}/" and f"#{order.pk}" in message.body
    assert world.estate_a.name in message.subject and "(1)" in message.subject
    assert not _sla_messages(world.users["manager"]).exists()


def test_warning_event_is_internal_and_names_the_target(world, order):
    _accept(world, order)
    _sweep(order, ARRIVAL_WARNING)
    event = WorkOrderEvent.objects.get(order=order, action="sla_warning")
    assert event.visibility == WorkOrderEvent.Visibility.INTERNAL and event.actor is None
    assert (event.data["level"], event.data["target"]) == (1, "arrival")
    assert event.from_status == event.to_status == "accepted"


def test_breach_notifies_managers(world, order):
    _accept(world, order)
    _sweep(order, ARRIVAL_WARNING)
    assert _sweep(order, ARRIVAL_DUE + timedelta(seconds=1)) == 1
    order.refresh_from_db()
    assert order.escalation_level == 2
    assert _sla_events(order) == ["sla_warning", "sla_breach"]
    assert _sla_messages(world.users["manager"]).count() == 1
    assert _sla_messages(world.users["dispatcher"]).count() == 1
    assert not _sla_messages(world.users["manager_b"]).exists()  # another estate's manager


def test_long_breach_sets_level_3_without_a_message(world, order):
    _accept(world, order)
    _sweep(order, ARRIVAL_DUE)
    before = OutboxMessage.objects.count()
    assert _sweep(order, ARRIVAL_LONG) == 1
    order.refresh_from_db()
    assert (order.escalation_level, order.next_escalation_at) == (3, None)
    assert _sla_events(order) == ["sla_warning", "sla_breach", "sla_committee"]
    assert OutboxMessage.objects.count() == before


def test_a_late_sweep_climbs_every_level_at_once_and_tells_each_rung(world, order):
    _accept(world, order)
    assert _sweep(order, ARRIVAL_LONG + timedelta(hours=1)) == 1
    assert _sla_events(order) == ["sla_warning", "sla_breach", "sla_committee"]
    assert _sla_messages(world.users["dispatcher"]).count() == _sla_messages(world.users["manager"]).count() == 1


def test_on_hold_orders_are_skipped(world, order):
    _to_in_progress(world, order)
    services.work_order_hold(order_id=order.pk, actor=world.users["technician"], reason="等配件")
    assert WorkOrder.objects.get(pk=order.pk).next_escalation_at is None
    WorkOrder.objects.filter(pk=order.pk).update(next_escalation_at=timezone.now())  # even a stale moment
    assert _sweep(order, timedelta(days=2)) == 0
    assert WorkOrder.objects.get(pk=order.pk).escalation_level == 0


def test_resuming_schedules_the_next_check_again(world, order):
    _to_in_progress(world, order)
    services.work_order_hold(order_id=order.pk, actor=world.users["technician"], reason="等配件")
    resumed = services.work_order_resume(order_id=order.pk, actor=world.users["technician"])
    assert resumed.next_escalation_at == escalation.ladder(resumed.sla_started_at, resumed.resolution_due)[0]


def test_a_met_target_moves_on_to_the_next_target(world, order):
    _to_in_progress(world, order)  # accepted and arrived at once
    started = WorkOrder.objects.get(pk=order.pk)
    assert started.next_escalation_at == started.sla_started_at + timedelta(minutes=192)  # 80% of 4 h
    assert _sweep(order, ARRIVAL_LONG) == 0  # the arrival target was met
    assert _sweep(order, timedelta(minutes=193)) == 1
    assert WorkOrderEvent.objects.get(order=order, action="sla_warning").data["target"] == "resolution"


def test_a_met_target_after_a_warning_moves_on_to_the_next_rung_of_the_next_target(world, order):
    _accept(world, order)
    _sweep(order, ARRIVAL_WARNING)
    started = _start(world, order)
    assert started.next_escalation_at == started.resolution_due  # level 1 reached: the next rung is a breach


def test_finished_orders_leave_the_sweep(world, order):
    _to_in_progress(world, order)
    completed = services.work_order_complete(order_id=order.pk, actor=world.users["technician"], notes="ok")
    assert completed.next_escalation_at is None
    assert _sweep(order, timedelta(days=30)) == 0


def test_reopening_restarts_the_clock_but_keeps_the_level(world, order):
    _to_in_progress(world, order)
    _sweep(order, timedelta(minutes=193))  # resolution warning
    services.work_order_complete(order_id=order.pk, actor=world.users["technician"], notes="ok")
    with time_machine.travel(timezone.now() + timedelta(hours=1), tick=False):
        reopened = services.work_order_reopen(order_id=order.pk, actor=world.users["owner"], reason="又漏了")
        assert reopened.sla_started_at == timezone.now()
    assert reopened.escalation_level == 1
    assert reopened.next_escalation_at == reopened.arrival_due  # next rung of the new arrival target: a breach


def test_rerunning_the_sweep_changes_nothing(world, order):
    _accept(world, order)
    _sweep(order, ARRIVAL_DUE)
    snapshot = (
        list(WorkOrder.objects.values_list("escalation_level", "next_escalation_at", "version")),
        WorkOrderEvent.objects.count(),
        OutboxMessage.objects.count(),
    )
    assert _sweep(order, ARRIVAL_DUE) == 0
    assert snapshot == (
        list(WorkOrder.objects.values_list("escalation_level", "next_escalation_at", "version")),
        WorkOrderEvent.objects.count(),
        OutboxMessage.objects.count(),
    )


def test_the_sweep_leaves_the_order_version_alone(world, order):
    accepted = _accept(world, order)
    _sweep(order, ARRIVAL_DUE)
    assert WorkOrder.objects.get(pk=order.pk).version == accepted.version  # a dispatcher's form stays valid


def bulk_accepted_orders(world, n: int, start):
    """n emergency orders accepted at `start` with nothing else done, inserted in one query."""
    plumbing = Trade.objects.get(key="plumbing")
    orders = []
    for _ in range(n):
        order = WorkOrder(
            estate=world.estate_a, unit=world.unit_a, trade=plumbing, description="漏水", priority="emergency",
            status="accepted", sla_started_at=start, accepted_at=start, response_due=start + timedelta(minutes=10),
            arrival_due=start + ARRIVAL_DUE, resolution_due=start + timedelta(hours=4),
        )  # fmt: skip
        escalation.refresh(order)
        orders.append(order)
    return WorkOrder.objects.bulk_create(orders)


def test_sweep_query_count_is_bounded_and_does_not_grow_with_the_orders(world, django_assert_max_num_queries):
    start = timezone.now()
    counts = []
    for n in (5, 50):
        bulk_accepted_orders(world, n, start)
        with CaptureQueriesContext(connection) as queries:
            assert escalation.work_orders_escalate(now=start + ARRIVAL_WARNING) == n
        counts.append(len(queries))
    assert counts[0] == counts[1]
    bulk_accepted_orders(world, 50, start)
    with django_assert_max_num_queries(10):
        assert escalation.work_orders_escalate(now=start + ARRIVAL_WARNING) == 50
    # one message per dispatcher and sweep, naming its orders
    assert _sla_messages(world.users["dispatcher"]).count() == 3


def test_sweep_batches_cover_every_due_order(world):
    start = timezone.now()
    bulk_accepted_orders(world, 7, start)
    assert escalation.work_orders_escalate(now=start + ARRIVAL_DUE, batch_size=3) == 7
    assert set(WorkOrder.objects.values_list("escalation_level", flat=True)) == {2}
    assert _sla_messages(world.users["manager"]).count() == 3  # one per batch (each batch is its own commit)
