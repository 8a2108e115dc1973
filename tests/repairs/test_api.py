import pytest

from repairs.models import WorkOrder

pytestmark = pytest.mark.django_db

REPORT = {"trade": "plumbing", "priority": "urgent", "description": "马桶堵了"}


def test_resident_files_a_request_by_api(world, api_as):
    response = api_as(world.users["owner"]).post("/api/v1/me/repairs/", {**REPORT, "unit_id": world.unit_a.pk})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "submitted" and body["arrival_due"]
    assert "assignee" not in body and "reporter_phone" not in body


def test_resident_request_for_another_unit_names_the_field_and_saves_nothing(world, api_as):
    response = api_as(world.users["owner"]).post("/api/v1/me/repairs/", {**REPORT, "unit_id": world.unit_b.pk})
    assert response.status_code == 400
    assert "unit" in response.json()["errors"]
    assert not WorkOrder.objects.exists()


def test_resident_request_with_missing_fields_lists_them(world, api_as):
    response = api_as(world.users["owner"]).post("/api/v1/me/repairs/", {"unit_id": world.unit_a.pk})
    assert {"trade", "description"} <= set(response.json()["errors"])


def test_extra_keys_cannot_set_status_or_assignee(world, api_as):
    body = {**REPORT, "unit_id": world.unit_a.pk, "status": "closed", "assignee": world.users["technician"].pk}
    created = api_as(world.users["owner"]).post("/api/v1/me/repairs/", body).json()
    order = WorkOrder.objects.get(pk=created["id"])
    assert (order.status, order.assignee) == ("submitted", None)


def test_household_sees_the_order_another_household_gets_404(world, api_as, order):
    assert api_as(world.users["tenant"]).get(f"/api/v1/me/repairs/{order.pk}/").status_code == 200
    assert api_as(world.users["other_household"]).get(f"/api/v1/me/repairs/{order.pk}/").status_code == 404
    assert api_as(world.users["other_household"]).post(f"/api/v1/me/repairs/{order.pk}/cancel/").status_code == 404


def test_resident_detail_hides_internal_events(world, api_as, order):
    from repairs.models import WorkOrderEvent

    WorkOrderEvent.objects.create(order=order, action="note", note="住户难沟通", visibility="internal")
    body = api_as(world.users["owner"]).get(f"/api/v1/me/repairs/{order.pk}/").json()
    assert [e["action"] for e in body["timeline"]] == ["submit"]
    assert body["actions"] == ["cancel", "press"]


def test_staff_flow_by_api_with_409_on_stale_version(world, api_as, order):
    dispatcher, manager = api_as(world.users["dispatcher"]), api_as(world.users["manager"])
    assert dispatcher.post(f"/api/v1/staff/work-orders/{order.pk}/accept/", {"expected_version": 1}).status_code == 200
    tech = world.users["technician"].pk
    ok = dispatcher.post(
        f"/api/v1/staff/work-orders/{order.pk}/assign/", {"technician_id": tech, "expected_version": 2}
    )
    assert ok.status_code == 200
    stale = manager.post(
        f"/api/v1/staff/work-orders/{order.pk}/assign/", {"technician_id": tech, "expected_version": 2}
    )
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    assert WorkOrder.objects.get(pk=order.pk).version == 3


def test_action_not_allowed_now_answers_409(world, api_as, order):
    response = api_as(world.users["dispatcher"]).post(f"/api/v1/staff/work-orders/{order.pk}/close/")
    assert response.status_code == 409 and response.json()["code"] == "invalid_transition"


def test_technician_sees_only_assigned_orders(world, api_as, order):
    technician = api_as(world.users["technician"])
    assert technician.get(f"/api/v1/staff/work-orders/{order.pk}/").status_code == 404
    api_as(world.users["dispatcher"]).post(f"/api/v1/staff/work-orders/{order.pk}/accept/")
    api_as(world.users["dispatcher"]).post(
        f"/api/v1/staff/work-orders/{order.pk}/assign/", {"technician_id": world.users["technician"].pk}
    )
    assert technician.get(f"/api/v1/staff/work-orders/{order.pk}/").status_code == 200
    assert technician.post(f"/api/v1/staff/work-orders/{order.pk}/start/").status_code == 200


def test_staff_of_another_estate_get_404(world, api_as, order):
    assert api_as(world.users["manager_b"]).get(f"/api/v1/staff/work-orders/{order.pk}/").status_code == 404


def test_staff_list_is_scoped_and_filterable(world, api_as, order, order_b):
    body = api_as(world.users["dispatcher"]).get("/api/v1/staff/work-orders/?priority=emergency").json()
    assert [o["id"] for o in body["results"]] == [order.pk]
    assert body["results"][0]["reporter_phone"].count("*") == 4


def test_residents_cannot_use_staff_endpoints(world, api_as, order):
    assert api_as(world.users["owner"]).get("/api/v1/staff/work-orders/").status_code == 403


def test_staff_takes_a_phone_report(world, api_as):
    body = {**REPORT, "unit_id": world.unit_a.pk, "channel": "phone", "reporter_id": world.users["owner"].person.pk}
    response = api_as(world.users["dispatcher"]).post("/api/v1/staff/work-orders/", body)
    assert response.status_code == 201 and response.json()["channel"] == "phone"


def test_staff_detail_runs_a_fixed_number_of_queries(world, api_as, order, django_assert_max_num_queries):
    client = api_as(world.users["dispatcher"])
    for _ in range(3):
        client.post(f"/api/v1/staff/work-orders/{order.pk}/accept/")
    with django_assert_max_num_queries(10):
        client.get(f"/api/v1/staff/work-orders/{order.pk}/")


def test_staff_queue_page_query_count_does_not_grow(world, api_as, django_assert_max_num_queries):
    from tests.repairs.factories import WorkOrderFactory

    WorkOrderFactory.create_batch(30, unit=world.unit_a)
    with django_assert_max_num_queries(10):
        api_as(world.users["dispatcher"]).get("/api/v1/staff/work-orders/")


def test_a_new_tenant_does_not_see_the_previous_households_requests(world, api_as, order):
    from datetime import timedelta

    from django.utils import timezone

    from tests.residents.factories import OccupancyFactory

    WorkOrder.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(days=10))
    newcomer = OccupancyFactory(unit=world.unit_a, start=timezone.localdate() - timedelta(days=2)).person.user
    assert api_as(newcomer).get(f"/api/v1/me/repairs/{order.pk}/").status_code == 404
    assert api_as(world.users["owner"]).get(f"/api/v1/me/repairs/{order.pk}/").status_code == 200
