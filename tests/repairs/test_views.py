import pytest

from repairs.models import WorkOrder

pytestmark = pytest.mark.django_db


def test_resident_reports_a_repair_in_the_browser(world, web_as):
    client = web_as(world.users["owner"])
    assert "1号楼" in client.get("/repairs/new/").content.decode()
    form = {"place": f"unit:{world.unit_a.pk}", "trade": "plumbing", "priority": "routine", "description": "水龙头滴水"}
    response = client.post("/repairs/new/", form)
    order = WorkOrder.objects.get()
    assert response["Location"] == f"/repairs/{order.pk}/"
    assert "水龙头滴水" in client.get(f"/repairs/{order.pk}/").content.decode()


def test_report_form_rejects_a_place_not_offered(world, web_as):
    form = {"place": f"unit:{world.unit_b.pk}", "trade": "plumbing", "priority": "routine", "description": "x"}
    response = web_as(world.users["owner"]).post("/repairs/new/", form)
    assert response.status_code == 200 and "place" in response.context["form"].errors
    assert not WorkOrder.objects.exists()


def test_resident_without_a_home_is_sent_to_claim_one(world, web_as):
    assert web_as(world.users["newcomer"]).get("/repairs/new/")["Location"] == "/me/claim/"


def test_another_household_gets_404_on_the_page(world, web_as, order):
    assert web_as(world.users["other_household"]).get(f"/repairs/{order.pk}/").status_code == 404
    response = web_as(world.users["other_household"]).post(f"/repairs/{order.pk}/", {"action": "cancel"})
    assert response.status_code == 404


def test_resident_cancels_from_the_page(world, web_as, order):
    client = web_as(world.users["owner"])
    client.post(f"/repairs/{order.pk}/", {"action": "cancel", "cancel-expected_version": "1", "cancel-note": ""})
    assert WorkOrder.objects.get(pk=order.pk).status == "cancelled"


def test_dispatcher_accepts_and_assigns_from_the_console(world, web_as, order):
    client = web_as(world.users["dispatcher"])
    assert str(order.pk) in client.get("/staff/work-orders/").content.decode()
    client.post(f"/staff/work-orders/{order.pk}/", {"action": "accept", "accept-expected_version": "1"})
    client.post(
        f"/staff/work-orders/{order.pk}/",
        {"action": "assign", "assign-expected_version": "2", "assign-technician_id": str(world.users["technician"].pk)},
    )
    order.refresh_from_db()
    assert (order.status, order.assignee) == ("assigned", world.users["technician"])
    jobs = web_as(world.users["technician"]).get("/staff/my-jobs/").content.decode()
    assert f"#{order.pk}" in jobs


def test_staff_page_refuses_a_resident_only_action(world, web_as, order):
    response = web_as(world.users["dispatcher"]).post(f"/staff/work-orders/{order.pk}/", {"action": "confirm"})
    assert response.status_code == 403


def test_staff_queue_is_forbidden_to_residents(world, web_as):
    assert web_as(world.users["owner"]).get("/staff/work-orders/").status_code == 403


def test_staff_queue_filters_by_priority(world, web_as, order):
    client = web_as(world.users["manager"])
    assert f">{order.pk}<" in client.get("/staff/work-orders/?priority=emergency").content.decode()
    assert f">{order.pk}<" not in client.get("/staff/work-orders/?priority=routine").content.decode()
