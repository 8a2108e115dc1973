"""Outage pages: the staff list, declare, edit and end; the resident's home panel, report form and request."""

from datetime import timedelta

import pytest
from django.utils import timezone

from repairs.incidents.services import incident_end
from repairs.models import Incident
from residents import dashboard
from tests.repairs.test_incidents import declare, report
from tests.residents.factories import BuildingFactory, OccupancyFactory, UnitFactory

pytestmark = pytest.mark.django_db


def form(world, **extra):
    return {"title": "1号楼停水", "description": "水泵检修", "kind": "water", "priority": "urgent",
            "building_ids": [world.unit_a.building_id], **extra}  # fmt: skip


# --- staff -----------------------------------------------------------------------------------------------


def test_dispatcher_declares_an_outage_from_the_queue(world, web_as):
    client = web_as(world.users["dispatcher"])
    assert "/staff/incidents/" in client.get("/staff/work-orders/").content.decode()
    page = client.get("/staff/incidents/new/").content.decode()  # one estate: its form at once
    assert "1号楼" in page
    response = client.post("/staff/incidents/new/?estate=alpha", form(world, trade="plumbing"))
    incident = Incident.objects.get()
    assert response["Location"] == f"/staff/incidents/{incident.pk}/"
    assert (incident.title, incident.trade.key, list(incident.buildings.all())) == (
        "1号楼停水", "plumbing", [world.unit_a.building],
    )  # fmt: skip
    detail = client.get(response["Location"]).content.decode()
    assert "1号楼停水" in detail and "2" in detail  # two homes in building 1


def test_declare_form_refuses_a_building_of_another_estate(world, web_as):
    response = web_as(world.users["manager"]).post(
        "/staff/incidents/new/?estate=alpha", form(world, building_ids=[world.unit_b.building_id])
    )
    assert response.status_code == 200 and "building_ids" in response.context["form"].errors
    assert not Incident.objects.exists()


def test_declare_form_shows_the_services_errors_next_to_the_fields(world, web_as):
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = web_as(world.users["manager"]).post("/staff/incidents/new/?estate=alpha", form(world, expected_end=past))
    assert "expected_end" in response.context["form"].errors and not Incident.objects.exists()


def test_declare_for_an_estate_out_of_scope_is_404(world, web_as):
    assert web_as(world.users["dispatcher"]).get("/staff/incidents/new/?estate=beta").status_code == 404


def test_staff_update_and_end_an_outage_from_its_page(world, web_as):
    incident = declare(world, buildings=[world.unit_a.building])
    client = web_as(world.users["dispatcher"])
    back = (timezone.localtime() + timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M")
    client.post(f"/staff/incidents/{incident.pk}/", {"action": "update", **form(world, expected_end=back)})
    incident.refresh_from_db()
    assert (incident.description, timezone.localtime(incident.expected_end).strftime("%Y-%m-%dT%H:%M")) == (
        "水泵检修", back,
    )  # fmt: skip
    response = client.post(f"/staff/incidents/{incident.pk}/", {"action": "end", "resolution_note": "已恢复供水"})
    assert response.status_code == 302
    incident.refresh_from_db()
    assert (incident.status, incident.resolution_note) == ("ended", "已恢复供水")
    again = client.post(f"/staff/incidents/{incident.pk}/", {"action": "end", "resolution_note": "x"})
    assert [m.level_tag for m in again.context["messages"]][-1] == "error"  # earlier successes were not shown yet
    assert Incident.objects.get(pk=incident.pk).resolution_note == "已恢复供水"


def test_end_without_a_note_keeps_the_outage_open(world, web_as):
    incident = declare(world, buildings=[world.unit_a.building])
    response = web_as(world.users["dispatcher"]).post(f"/staff/incidents/{incident.pk}/", {"action": "end"})
    assert "resolution_note" in response.context["end"].errors
    assert Incident.objects.get(pk=incident.pk).is_open


def test_staff_list_shows_joined_reports_and_open_ones_by_default(world, web_as):
    incident = declare(world, buildings=[world.unit_a.building], title="停水")
    joined = report(world)
    ended = declare(world, buildings=[world.unit_a.building], title="旧停电")
    incident_end(incident_id=ended.pk, actor=world.users["dispatcher"], resolution_note="好了")
    client = web_as(world.users["dispatcher"])
    page = client.get("/staff/incidents/").content.decode()
    assert "停水" in page and "旧停电" not in page and "<td>1</td>" in page
    assert "旧停电" in client.get("/staff/incidents/?state=ended").content.decode()
    assert f"/staff/work-orders/{joined.pk}/" in client.get(f"/staff/incidents/{incident.pk}/").content.decode()


@pytest.mark.parametrize("count", [1, 30])
def test_staff_list_runs_a_fixed_number_of_queries(world, web_as, count, django_assert_max_num_queries):
    for n in range(count):
        declare(world, buildings=[world.unit_a.building], title=f"停水{n}")
    client = web_as(world.users["dispatcher"])
    client.get("/staff/incidents/")  # the session's first request does one-off work
    with django_assert_max_num_queries(10):
        client.get("/staff/incidents/")


def test_staff_pages_are_for_dispatchers_and_managers(world, web_as):
    incident = declare(world, buildings=[world.unit_a.building])
    for role in ("owner", "technician"):
        assert web_as(world.users[role]).get("/staff/incidents/").status_code == 403
    assert web_as(world.users["manager_b"]).get(f"/staff/incidents/{incident.pk}/").status_code == 404


# --- residents -------------------------------------------------------------------------------------------


def test_the_home_page_shows_outages_of_my_home_with_their_expected_end(world, web_as):
    back = timezone.now() + timedelta(hours=3)
    declare(world, buildings=[world.unit_a.building], title="1号楼停水", expected_end=back)
    page = web_as(world.users["tenant"]).get("/me/").content.decode()
    assert "1号楼停水" in page and timezone.localtime(back).strftime("%Y-%m-%d %H:%M") in page
    assert "1号楼停水" not in web_as(world.users["other_household"]).get("/me/").content.decode()


def test_the_home_page_runs_the_same_queries_for_one_outage_or_many(world, web_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = web_as(world.users["owner"])
    client.get("/me/")  # the session's first request does one-off work
    counts = []
    for n in (1, 6):
        while Incident.objects.count() < n:
            other = BuildingFactory(estate=world.estate_a)
            declare(world, buildings=[world.unit_a.building, other], title=f"停水{Incident.objects.count()}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/me/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_home_page_stays_within_its_query_budget(world, web_as, django_assert_max_num_queries):
    for n in range(5):
        declare(world, buildings=[world.unit_a.building], title=f"停水{n}")
    client = web_as(world.users["owner"])
    client.get("/me/")  # the session's first request does one-off work
    # the outages panel's 3 among my home's (tests/portal/test_resident_page_queries.py) and the staff-style
    # sign-in's two-factor and permission checks that web_as adds
    with django_assert_max_num_queries(21):
        client.get("/me/")


def test_outages_panel_is_registered_by_repairs():
    from repairs.incidents.panel import outages_panel

    assert dashboard._PANELS["repairs.outages"] is outages_panel


def test_the_report_form_shows_known_outages_first(world, web_as):
    declare(world, buildings=[world.unit_a.building], title="1号楼停水")
    page = web_as(world.users["owner"]).get("/repairs/new/").content.decode()
    assert page.index("1号楼停水") < page.index("multipart/form-data")


def test_a_joined_request_shows_its_outage_then_its_end(world, web_as):
    incident = declare(world, buildings=[world.unit_a.building], title="1号楼停水", description="水泵检修")
    order = report(world)
    client = web_as(world.users["owner"])
    assert "水泵检修" in client.get(f"/repairs/{order.pk}/").content.decode()
    incident_end(incident_id=incident.pk, actor=world.users["dispatcher"], resolution_note="已恢复供水")
    assert "已恢复供水" in client.get(f"/repairs/{order.pk}/").content.decode()


def test_a_resident_of_another_building_sees_no_outage_of_building_one(world, web_as):
    other = UnitFactory(building=BuildingFactory(estate=world.estate_a, name="2号楼"))
    resident = OccupancyFactory(unit=other).person.user
    declare(world, buildings=[world.unit_a.building], title="1号楼停水")
    assert "1号楼停水" not in web_as(resident).get("/me/").content.decode()
