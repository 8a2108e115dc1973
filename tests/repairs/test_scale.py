"""`seed_scale --work-orders N`: years of orders with their events on the scale estates, and the staff queue and
an order's detail at a fixed number of queries whatever the number of rows (1 or 100 on the page)."""

import pytest
from django.core.management import call_command
from django.db.models import Count, F

from repairs.models import WorkOrder, WorkOrderEvent
from repairs.workflow import OPEN_STATUSES
from residents.models import EstateRole, User
from tests.repairs.factories import WorkOrderFactory

pytestmark = pytest.mark.django_db


def seed(orders, *extra):
    call_command("seed_scale", "--estates", 2, "--units-per-estate", 40, "--work-orders", orders, *extra,
                 verbosity=0)  # fmt: skip


def test_seed_scale_writes_the_orders_with_their_events_over_the_scale_homes():
    seed(3000)
    assert WorkOrder.objects.count() == 3000
    # every order's reporter owns its unit, in the unit's estate
    assert not WorkOrder.objects.exclude(unit__estate=F("estate")).exists()
    assert not WorkOrder.objects.exclude(unit__ownerships__person=F("reporter")).exists()
    closed = WorkOrder.objects.filter(status="closed")
    assert 0 < WorkOrder.objects.filter(status__in=OPEN_STATUSES).count() < closed.count()
    assert not closed.filter(closed_at__isnull=True).exists() and not closed.filter(rating__isnull=True).exists()
    # closed orders have the four main steps; assigned ones an assignee who is a technician of that estate
    per_order = closed.annotate(n=Count("events")).values_list("n", flat=True).distinct()
    assert set(per_order) == {4}
    assert WorkOrderEvent.objects.filter(order__status="submitted").values("order").distinct().count() == (
        WorkOrder.objects.filter(status="submitted").count()
    )
    assigned = WorkOrder.objects.filter(assignee__isnull=False)
    assert not assigned.exclude(assignee__estate_roles__estate=F("estate"), assignee__estate_roles__role="technician"
                                ).exists()  # fmt: skip


def test_seed_scale_work_orders_are_the_same_for_the_same_seed_and_replace_clears_them():
    seed(500)
    first = list(WorkOrder.objects.order_by("pk").values_list("unit__number", "priority", "status", "description"))
    seed(500, "--replace")
    assert WorkOrder.objects.count() == 500
    again = list(WorkOrder.objects.order_by("pk").values_list("unit__number", "priority", "status", "description"))
    assert again == first
    assert User.objects.filter(username__startswith="scale-staff-").count() == 10
    assert EstateRole.objects.filter(user__username__startswith="scale-staff-").count() == 10


@pytest.mark.parametrize("rows", [1, 100])
def test_staff_queue_first_filtered_page_runs_a_fixed_number_of_queries(world, api_as, web_as, rows,
                                                                       django_assert_max_num_queries):  # fmt: skip
    orders = WorkOrderFactory.create_batch(rows, unit=world.unit_a, priority="urgent")
    for order in orders[:5]:
        WorkOrderEvent.objects.create(order=order, action="submit", to_status="submitted")
    with django_assert_max_num_queries(10):
        response = api_as(world.users["dispatcher"]).get("/api/v1/staff/work-orders/?priority=urgent&status=submitted")
    assert response.json()["count"] == rows
    web = web_as(world.users["dispatcher"])
    web.get("/staff/work-orders/")  # the first request of a session writes its start time: not the steady state
    with django_assert_max_num_queries(10):
        page = web.get("/staff/work-orders/?priority=urgent")
    assert len(page.context["page"].object_list) == min(rows, 50)


@pytest.mark.parametrize("events", [1, 100])
def test_work_order_detail_runs_a_fixed_number_of_queries(world, api_as, web_as, order, events,
                                                         django_assert_max_num_queries):  # fmt: skip
    for i in range(events - 1):
        WorkOrderEvent.objects.create(order=order, actor=world.users["dispatcher"], action="note", note=f"第{i}次")
    with django_assert_max_num_queries(10):
        response = api_as(world.users["dispatcher"]).get(f"/api/v1/staff/work-orders/{order.pk}/")
    assert len(response.json()["timeline"]) == events
    web = web_as(world.users["dispatcher"])
    web.get("/staff/work-orders/")  # the first request of a session writes its start time: not the steady state
    with django_assert_max_num_queries(10):
        assert web.get(f"/staff/work-orders/{order.pk}/").status_code == 200
    with django_assert_max_num_queries(10):
        assert api_as(world.users["owner"]).get(f"/api/v1/me/repairs/{order.pk}/").status_code == 200


@pytest.mark.parametrize("stage", ["accepted", "in_progress"])
def test_detail_of_an_order_further_on_stays_within_the_bound(world, web_as, order, stage,
                                                              django_assert_max_num_queries):  # fmt: skip
    """More actions are open further on (assign with ranked suggestions, hold, complete, quotes): still ten."""
    from repairs import services

    services.work_order_accept(order_id=order.pk, actor=world.users["dispatcher"])
    if stage == "in_progress":
        services.work_order_assign(order_id=order.pk, technician_id=world.users["technician"].pk,
                                   actor=world.users["dispatcher"])  # fmt: skip
        services.work_order_start(order_id=order.pk, actor=world.users["technician"])
    web = web_as(world.users["dispatcher"])
    web.get("/staff/work-orders/")
    with django_assert_max_num_queries(10):
        assert web.get(f"/staff/work-orders/{order.pk}/").status_code == 200
