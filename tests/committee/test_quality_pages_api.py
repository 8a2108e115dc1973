"""Spot-check and report pages and API: what the committee and residents see, anonymised, in a fixed number
of queries; workflow errors answer 409."""

import pytest
import time_machine

from committee.reports.services import report_approve, report_generate, report_publish
from committee.spotchecks.services import spot_check_draw
from repairs.models import WorkOrder
from tests.committee.quality_helpers import at, finished

JANUARY = at(2030, 1, 1).date()


@pytest.fixture
def clock():
    with time_machine.travel(at(2030, 2, 3), tick=False):
        yield


@pytest.fixture
def drawn(world, clock):
    for day in range(3, 9):
        finished(world.unit_a, at(2030, 1, day), technician=world.users["technician"])
    return spot_check_draw(estate_id=world.estate_a.pk, month=JANUARY)[0]


def test_spot_check_page_shows_orders_anonymised(world, web_as, drawn, django_assert_max_num_queries):
    client = web_as(world.users["committee"])
    with django_assert_max_num_queries(12):
        page = client.get("/committee/alpha/spot-checks/").content.decode()
    owner = world.users["owner"].person
    assert page.count("/committee/alpha/spot-checks/") >= 5
    assert "1号楼 ***" in page and "0101" not in page and owner.full_name not in page


def test_recording_not_fixed_on_the_page_reopens_the_order(world, web_as, drawn):
    check = drawn.checks.first()
    url = f"/committee/alpha/spot-checks/{check.pk}/"
    response = web_as(world.users["committee"]).post(url, {"verdict": "not_fixed", "method": "visit",
                                                           "notes": "仍漏水"})  # fmt: skip
    assert response.status_code == 302
    assert WorkOrder.objects.get(pk=check.work_order_id).status == "accepted"


def test_not_fixed_without_notes_shows_the_error_next_to_the_field(world, web_as, drawn):
    check = drawn.checks.first()
    page = web_as(world.users["committee"]).post(f"/committee/alpha/spot-checks/{check.pk}/",
                                                 {"verdict": "not_fixed", "method": "visit"})  # fmt: skip
    assert page.status_code == 200 and 'class="error"' in page.content.decode()


def test_api_draw_then_verdict(world, api_as, clock):
    finished(world.unit_a, at(2030, 1, 4))
    client = api_as(world.users["committee"])
    first = client.post("/api/v1/committee/alpha/spot-checks/", {"month": "2030-01"}, format="json")
    again = client.post("/api/v1/committee/alpha/spot-checks/", {}, format="json")
    assert (first.status_code, again.status_code) == (201, 200)
    check = first.json()["checks"][0]
    assert check["order"]["location"] == "1号楼 ***" and "reporter" not in check["order"]
    url = f"/api/v1/committee/alpha/spot-checks/{check['id']}/verdict/"
    assert client.post(url, {"verdict": "fixed_well", "method": "phone"}, format="json").status_code == 200
    assert client.post(url, {"verdict": "fixed_well", "method": "phone"}, format="json").status_code == 409


def test_api_report_generate_approve_publish_and_residents_see_it(world, api_as, clock):
    client = api_as(world.users["committee"])
    made = client.post("/api/v1/committee/alpha/reports/", {"month": "2030-01"}, format="json")
    assert made.status_code == 201 and made.json()["actions"] == ["regenerate", "approve"]
    pk = made.json()["id"]
    resident = api_as(world.users["owner"])
    assert resident.get("/api/v1/me/committee/alpha/reports/").json()["results"] == []
    assert client.post(f"/api/v1/committee/alpha/reports/{pk}/approve/", {}, format="json").status_code == 200
    assert client.post(f"/api/v1/committee/alpha/reports/{pk}/regenerate/", {}, format="json").status_code == 409
    assert client.post(f"/api/v1/committee/alpha/reports/{pk}/publish/", {}, format="json").status_code == 200
    assert [r["id"] for r in resident.get("/api/v1/me/committee/alpha/reports/").json()["results"]] == [pk]
    assert resident.get(f"/api/v1/me/committee/alpha/reports/{pk}/").json()["figures"]["month"] == "2030-01"
    assert api_as(world.users["other_household"]).get(f"/api/v1/me/committee/alpha/reports/{pk}/").status_code == 404


def test_residents_report_pages_list_only_published(world, web_as, clock, django_assert_max_num_queries):
    draft, _ = report_generate(estate_id=world.estate_a.pk, month=JANUARY)
    shown, _ = report_generate(estate_id=world.estate_a.pk, month=at(2029, 12, 1).date())
    report_approve(report_id=shown.pk, actor=None)
    report_publish(report_id=shown.pk, actor=None)
    client = web_as(world.users["owner"])
    with django_assert_max_num_queries(13):
        page = client.get("/me/committee/alpha/reports/").content.decode()
    assert f"/me/committee/alpha/reports/{shown.pk}/" in page and f"/reports/{draft.pk}/" not in page
    assert client.get(f"/me/committee/alpha/reports/{draft.pk}/").status_code == 404
    assert "2029-12" in client.get(f"/me/committee/alpha/reports/{shown.pk}/").content.decode()


def test_committee_report_page_and_hubs_link_the_features(world, web_as, clock):
    report, _ = report_generate(estate_id=world.estate_a.pk, month=JANUARY)
    client = web_as(world.users["committee"])
    hub = client.get("/committee/").content.decode()
    assert "/committee/alpha/spot-checks/" in hub and "/committee/alpha/reports/" in hub
    page = client.get(f"/committee/alpha/reports/{report.pk}/").content.decode()
    assert 'value="approve"' in page
    client.post(f"/committee/alpha/reports/{report.pk}/", {"action": "approve", "expected_version": report.version})
    assert 'value="publish"' in client.get(f"/committee/alpha/reports/{report.pk}/").content.decode()
    assert "/me/committee/alpha/reports/" in web_as(world.users["owner"]).get("/me/committee/").content.decode()
