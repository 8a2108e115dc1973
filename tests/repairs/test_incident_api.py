"""Outage API: staff declare, list, update and end; residents list the open outages of their homes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import AuditEvent
from repairs.models import Incident
from tests.repairs.test_incidents import declare, report

pytestmark = pytest.mark.django_db


def body(world, **extra):
    return {"estate": "alpha", "title": "1号楼停电", "kind": "power", "priority": "emergency",
            "building_ids": [world.unit_a.building_id], "trade": "electrical", **extra}  # fmt: skip


def test_staff_declare_an_outage(world, api_as):
    response = api_as(world.users["dispatcher"]).post("/api/v1/staff/incidents/", body(world), format="json")
    assert response.status_code == 201
    data = response.json()
    assert {k: data[k] for k in ("estate", "title", "kind", "priority", "trade", "status", "joined_orders")} == {
        "estate": "alpha", "title": "1号楼停电", "kind": "power", "priority": "emergency", "trade": "electrical",
        "status": "open", "joined_orders": 0,
    }  # fmt: skip
    assert data["buildings"] == [{"id": world.unit_a.building_id, "name": "1号楼"}]


def test_declaring_with_another_estates_building_is_a_400_naming_the_field(world, api_as):
    bad = body(world, building_ids=[world.unit_a.building_id, world.unit_b.building_id])
    response = api_as(world.users["dispatcher"]).post("/api/v1/staff/incidents/", bad, format="json")
    assert response.status_code == 400
    assert f"#{world.unit_b.building_id}" in response.json()["errors"]["building_ids"][0]
    assert not Incident.objects.exists()


def test_staff_list_filters_open_outages(world, api_as):
    open_one = declare(world, buildings=[world.unit_a.building])
    ended = declare(world, buildings=[world.unit_a.building])
    api_as(world.users["dispatcher"]).post(f"/api/v1/staff/incidents/{ended.pk}/end/", {"resolution_note": "好了"})
    client = api_as(world.users["manager"])
    assert [i["id"] for i in client.get("/api/v1/staff/incidents/?ended_at__isnull=true").json()["results"]] == [
        open_one.pk
    ]
    assert {i["id"] for i in client.get("/api/v1/staff/incidents/").json()["results"]} == {open_one.pk, ended.pk}


def test_patch_changes_only_what_is_sent(world, api_as):
    incident = declare(world, buildings=[world.unit_a.building], description="抢修中")
    back = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    response = api_as(world.users["dispatcher"]).patch(
        f"/api/v1/staff/incidents/{incident.pk}/", {"expected_end": back.isoformat()}, format="json"
    )
    assert response.status_code == 200
    incident.refresh_from_db()
    assert (incident.expected_end, incident.description, incident.title) == (back, "抢修中", "3号楼停水")
    assert AuditEvent.objects.get(action="incident.update").detail["changed"] == ["expected_end"]


def test_end_then_end_again_is_a_409(world, api_as):
    incident = declare(world, buildings=[world.unit_a.building])
    client = api_as(world.users["dispatcher"])
    assert client.post(f"/api/v1/staff/incidents/{incident.pk}/end/", {}).status_code == 400
    response = client.post(f"/api/v1/staff/incidents/{incident.pk}/end/", {"resolution_note": "已恢复"})
    assert (response.status_code, response.json()["status"]) == (200, "ended")
    again = client.post(f"/api/v1/staff/incidents/{incident.pk}/end/", {"resolution_note": "x"})
    assert (again.status_code, again.json()["code"]) == (409, "invalid_transition")
    patched = client.patch(f"/api/v1/staff/incidents/{incident.pk}/", {"title": "x"}, format="json")
    assert patched.status_code == 409


def test_staff_see_the_joined_reports_count(world, api_as):
    incident = declare(world, buildings=[world.unit_a.building])
    report(world)
    data = api_as(world.users["dispatcher"]).get(f"/api/v1/staff/incidents/{incident.pk}/").json()
    assert data["joined_orders"] == 1


def test_residents_list_the_open_outages_of_their_homes_only(world, api_as):
    mine = declare(world, buildings=[world.unit_a.building])
    declare(world, actor="manager_b", estate="beta", buildings=[world.unit_b.building])
    listed = api_as(world.users["tenant"]).get("/api/v1/me/incidents/").json()["results"]
    assert [i["id"] for i in listed] == [mine.pk]
    assert "joined_orders" not in listed[0] and "resolution_note" not in listed[0]


def test_a_joined_request_carries_its_outage(world, api_as):
    incident = declare(world, buildings=[world.unit_a.building], expected_end=timezone.now() + timedelta(hours=1))
    order = report(world)
    data = api_as(world.users["owner"]).get(f"/api/v1/me/repairs/{order.pk}/").json()
    assert (data["status"], data["incident"]["id"], data["incident"]["status"]) == ("joined", incident.pk, "open")
    assert [e["action"] for e in data["timeline"]] == ["submit", "join_incident"]


@pytest.mark.parametrize("count", [1, 25])
def test_lists_run_a_fixed_number_of_queries(world, api_as, count, django_assert_max_num_queries):
    for n in range(count):
        declare(world, buildings=[world.unit_a.building], title=f"停水{n}")
    with django_assert_max_num_queries(6):
        api_as(world.users["dispatcher"]).get("/api/v1/staff/incidents/")
    with django_assert_max_num_queries(6):
        api_as(world.users["owner"]).get("/api/v1/me/incidents/")
