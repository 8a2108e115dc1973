"""Bulk assignment from the queue: every picked order to one technician through the normal transition, or
none of them with every reason given."""

import pytest
from django.core.exceptions import ValidationError

from core.errors import Conflict, NotPermitted
from repairs import services
from repairs.bulk import MAX_ORDERS, Pick, work_orders_bulk_assign
from repairs.models import WorkOrder, WorkOrderEvent
from repairs.services import Report

pytestmark = pytest.mark.django_db


def _accepted(world, n, description="楼道灯不亮"):
    orders = []
    for _ in range(n):
        order = services.work_order_submit(
            actor=world.users["owner"],
            report=Report(trade="plumbing", description=description, unit_id=world.unit_a.pk),
        )
        orders.append(services.work_order_accept(order_id=order.pk, actor=world.users["dispatcher"]))
    return orders


def test_every_picked_order_is_assigned_with_its_own_event(world):
    orders = _accepted(world, 3)
    technician = world.users["technician"]
    done = work_orders_bulk_assign(
        picks=[Pick(o.pk, o.version) for o in orders], technician_id=technician.pk, actor=world.users["dispatcher"]
    )
    assert [o.pk for o in done] == sorted(o.pk for o in orders)
    assert set(WorkOrder.objects.values_list("status", "assignee")) == {("assigned", technician.pk)}
    assert WorkOrderEvent.objects.filter(action="assign").count() == 3


def test_one_stale_order_refuses_the_whole_batch_and_names_it(world):
    orders = _accepted(world, 3)
    stale = orders[1]
    services.work_order_cancel(order_id=stale.pk, actor=world.users["owner"])
    with pytest.raises(Conflict) as refused:
        work_orders_bulk_assign(
            picks=[Pick(o.pk, o.version) for o in orders],
            technician_id=world.users["technician"].pk,
            actor=world.users["dispatcher"],
        )
    assert f"#{stale.pk}" in refused.value.message and f"#{orders[0].pk}" not in refused.value.message
    assert not WorkOrder.objects.filter(assignee__isnull=False).exists()
    assert not WorkOrderEvent.objects.filter(action="assign").exists()


def test_another_estates_order_is_reported_as_unknown_and_nothing_changes(world, order_b):
    orders = _accepted(world, 1)
    with pytest.raises(ValidationError) as refused:
        work_orders_bulk_assign(
            picks=[Pick(orders[0].pk), Pick(order_b.pk)],
            technician_id=world.users["technician"].pk,
            actor=world.users["dispatcher"],
        )
    assert f"#{order_b.pk}" in " ".join(refused.value.messages)
    assert not WorkOrder.objects.filter(assignee__isnull=False).exists()


def test_a_technician_of_another_estate_is_refused_as_bad_input(world):
    orders = _accepted(world, 2)
    outsider = world.users["manager_b"]
    with pytest.raises(ValidationError):
        work_orders_bulk_assign(
            picks=[Pick(o.pk) for o in orders], technician_id=outsider.pk, actor=world.users["dispatcher"]
        )
    assert not WorkOrder.objects.filter(assignee__isnull=False).exists()


def test_a_technician_cannot_bulk_assign_their_own_jobs(world):
    orders = _accepted(world, 1)
    services.work_order_assign(
        order_id=orders[0].pk, technician_id=world.users["technician"].pk, actor=world.users["dispatcher"]
    )
    with pytest.raises(NotPermitted):
        work_orders_bulk_assign(
            picks=[Pick(orders[0].pk)], technician_id=world.users["technician"].pk, actor=world.users["technician"]
        )


def test_an_empty_or_oversized_batch_is_refused(world):
    with pytest.raises(ValidationError):
        work_orders_bulk_assign(picks=[], technician_id=1, actor=world.users["dispatcher"])
    with pytest.raises(ValidationError):
        picks = [Pick(i) for i in range(1, MAX_ORDERS + 2)]
        work_orders_bulk_assign(picks=picks, technician_id=1, actor=world.users["dispatcher"])


def test_queue_page_offers_checkboxes_and_assigns_the_selection(world, web_as):
    orders = _accepted(world, 2)
    client = web_as(world.users["dispatcher"])
    page = client.get("/staff/work-orders/").content.decode()
    assert f'value="{orders[0].pk}:{orders[0].version}"' in page
    response = client.post(
        "/staff/work-orders/bulk-assign/",
        {
            "orders": [f"{o.pk}:{o.version}" for o in orders],
            "technician_id": str(world.users["technician"].pk),
            "next": "/staff/work-orders/?priority=routine",
        },
    )
    assert response["Location"] == "/staff/work-orders/?priority=routine"
    assert WorkOrder.objects.filter(status="assigned").count() == 2


def test_queue_page_shows_the_refusal_and_assigns_nothing(world, web_as):
    orders = _accepted(world, 2)
    client = web_as(world.users["dispatcher"])
    response = client.post(
        "/staff/work-orders/bulk-assign/",
        {"orders": [f"{o.pk}:{o.version + 5}" for o in orders], "technician_id": str(world.users["technician"].pk)},
        follow=True,
    )
    assert "Nothing was assigned" in response.content.decode() or "没有分派" in response.content.decode()
    assert not WorkOrder.objects.filter(status="assigned").exists()


def test_queue_page_has_no_bulk_form_for_technicians(world, web_as):
    page = web_as(world.users["technician"]).get("/staff/work-orders/").content.decode()
    assert 'id="bulk"' not in page
    assert web_as(world.users["technician"]).post("/staff/work-orders/bulk-assign/", {}).status_code == 403


def test_api_bulk_assign_returns_the_orders(world, api_as):
    orders = _accepted(world, 2)
    response = api_as(world.users["dispatcher"]).post(
        "/api/v1/staff/work-orders/bulk-assign/",
        {"orders": [{"id": o.pk, "version": o.version} for o in orders], "technician_id": world.users["technician"].pk},
        format="json",
    )
    assert response.status_code == 200
    assert [row["status"] for row in response.json()] == ["assigned", "assigned"]


def test_api_bulk_assign_conflict_is_409_and_changes_nothing(world, api_as):
    orders = _accepted(world, 2)
    response = api_as(world.users["dispatcher"]).post(
        "/api/v1/staff/work-orders/bulk-assign/",
        {"orders": [{"id": o.pk, "version": 1} for o in orders], "technician_id": world.users["technician"].pk},
        format="json",
    )
    assert response.status_code == 409 and response.json()["code"] == "conflict"
    assert not WorkOrder.objects.filter(status="assigned").exists()


def test_queue_filters_by_estate_building_and_assignee(world, web_as):
    orders = _accepted(world, 2)
    services.work_order_assign(
        order_id=orders[0].pk, technician_id=world.users["technician"].pk, actor=world.users["dispatcher"]
    )
    client = web_as(world.users["dispatcher"])
    unassigned = client.get("/staff/work-orders/?assignee=none").context["page"].object_list
    assert [o.pk for o in unassigned] == [orders[1].pk]
    mine = client.get(f"/staff/work-orders/?assignee={world.users['technician'].pk}").context["page"].object_list
    assert [o.pk for o in mine] == [orders[0].pk]
    building = world.unit_a.building.name
    assert len(client.get(f"/staff/work-orders/?building={building}").context["page"].object_list) == 2
    assert not client.get("/staff/work-orders/?building=99号楼").context["page"].object_list
    estate = world.unit_a.estate.slug
    assert len(client.get(f"/staff/work-orders/?estate={estate}").context["page"].object_list) == 2


def test_an_order_id_that_only_looks_like_a_number_is_refused_as_bad_input(world, web_as):
    client = web_as(world.users["dispatcher"])
    response = client.post(
        "/staff/work-orders/bulk-assign/", {"orders": ["²:1"], "technician_id": str(world.users["technician"].pk)}
    )
    assert response.status_code == 302
    assert client.get("/staff/work-orders/?q=²").status_code == 200  # searched as text, not taken for an id
