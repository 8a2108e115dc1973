"""GET /api/v1/me/estates/<estate>/service-guide/: a resident's estate's guide, with the live parts; nobody
else's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from repairs.models import SlaPolicy
from residents.models import Trade
from tests.portal.guide.helpers import published_fees, published_guide
from tests.portal.notices.test_pages import XSS_HTML, script_in

pytestmark = pytest.mark.django_db
URL = "/api/v1/me/estates/{}/service-guide/"
API_QUERIES = 12  # user's homes and estates, home page, guide, fee standards, SLA policies, repair settings


def test_a_resident_reads_the_guide_with_the_fee_standards_and_repair_times(world, api_as):
    guide = published_guide(world.estate_a)
    fees = published_fees(world.users["manager"], world.estate_a)
    body = api_as(world.users["tenant"]).get(URL.format("alpha"), HTTP_ACCEPT_LANGUAGE="en").json()
    assert (body["estate"], body["title"], body["url"]) == ("alpha", "服务指南", guide.url)
    desk, emergency = body["hours"]
    assert desk["days"] == [1, 2, 3, 4, 5, 6] and desk["opens"] == "08:30:00" and desk["when"].startswith("Monday")
    assert emergency == {"service": "emergency", "name": "Emergency line", "around_the_clock": True, "days": [],
                         "opens": None, "closes": None, "when": "Around the clock", "note": ""}  # fmt: skip
    assert body["contacts"][0] == {"name": "客服中心", "phone": "0571-8888 6666", "place": "3号楼一层", "note": ""}
    [fee] = body["fee_standards"]
    assert (fee["id"], fee["price_hotline"], fee["url"]) == (
        fees.pk,
        "12358",
        f"/api/v1/me/committee/alpha/disclosures/{fees.pk}/",
    )  # noqa: E501
    first = body["repair_promises"][0]
    assert (first["key"], first["arrival_minutes"], first["around_the_clock"]) == ("emergency", 30, True)
    assert "on site within 30 minutes" in first["words"]


@pytest.mark.parametrize(
    ("role", "status"),
    [("other_household", 404), ("newcomer", 404), ("dispatcher", 403), ("committee", 403), ("admin", 403)],
)
def test_only_the_estate_s_residents_read_its_guide(world, api_as, role, status):
    published_guide(world.estate_a)
    assert api_as(world.users[role]).get(URL.format("alpha")).status_code == status


def test_an_anonymous_caller_must_authenticate(world, api_as):
    published_guide(world.estate_a)
    assert api_as(None).get(URL.format("alpha")).status_code == 401


def test_an_estate_without_a_live_guide_answers_404(world, api_as):
    client = api_as(world.users["owner"])
    assert client.get(URL.format("alpha")).status_code == 404
    guide = published_guide(world.estate_a)
    guide.unpublish()
    assert client.get(URL.format("alpha")).status_code == 404
    assert client.get(URL.format("no-such-estate")).status_code == 404


def test_the_commitments_come_without_script(world, api_as):
    published_guide(world.estate_a, commitments=XSS_HTML)
    commitments = api_as(world.users["owner"]).get(URL.format("alpha")).json()["commitments"]
    assert script_in(f"<article>{commitments}</article>") == [] and "停水" in commitments


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL.format("alpha")).status_code == 200
    return len(captured)


def test_the_guide_api_runs_a_fixed_number_of_queries(world, api_as, django_assert_max_num_queries):
    published_guide(world.estate_a)
    client = api_as(world.users["owner"])
    _queries(client)  # the first call also reads what is then remembered (the site's root paths, the user's homes)
    few = _queries(client)
    for i in range(3):
        published_fees(world.users["manager"], world.estate_a, title=f"收费标准{i}")
    for trade in Trade.objects.all()[:3]:
        SlaPolicy.objects.create(estate=world.estate_a, priority="routine", trade=trade, response_minutes=60,
                                 arrival_minutes=240, resolution_minutes=1440)  # fmt: skip
    assert _queries(client) == few
    with django_assert_max_num_queries(API_QUERIES):
        client.get(URL.format("alpha"))


def test_the_guide_endpoint_is_in_the_schema(world, api_as):
    schema = api_as(world.users["admin"]).get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/me/estates/{estate}/service-guide/" in schema and "ServiceGuide" in schema
