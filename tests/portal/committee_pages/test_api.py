"""GET /api/v1/me/estates/<estate>/committee-page/: what a resident's estate's committee has published, each entry
with its endpoint in the committee app; nobody else's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.committee.helpers import seated_committee
from tests.portal.committee_pages.helpers import closed_vote, minutes, published_committee_page
from tests.portal.guide.helpers import published_fees
from tests.portal.notices.test_pages import XSS_HTML, script_in

pytestmark = pytest.mark.django_db
URL = "/api/v1/me/estates/{}/committee-page/"
API_QUERIES = 12  # the user's homes and estates, the home page, the page, then the committee app's five reads


def test_a_resident_reads_the_committee_s_members_and_published_work(world, api_as):
    page = published_committee_page(world.estate_a)
    committee, seats = seated_committee(world.estate_a, world.users["admin"])
    meeting = minutes(committee)
    minutes(committee, title="待发布", status="approved")
    vote = closed_vote(world.estate_a, world.users["committee"])
    entry = published_fees(world.users["manager"], world.estate_a)
    body = api_as(world.users["owner"]).get(URL.format("alpha"), HTTP_ACCEPT_LANGUAGE="en").json()
    assert (body["estate"], body["url"], body["intro"]) == ("alpha", page.url, "<p>业委会信箱在3号楼大堂。</p>")
    assert body["committee"]["term_start"] == f"{committee.term_start:%Y-%m-%d}"
    assert body["members"][0] == {"full_name": seats[0].person.full_name, "role": "chair", "role_label": "Chair"}
    assert [m["full_name"] for m in body["members"]] == [seat.person.full_name for seat in seats]
    assert [(m["id"], m["url"]) for m in body["minutes"]] == [
        (meeting.pk, f"/api/v1/me/committee/alpha/minutes/{meeting.pk}/")
    ]
    [result] = body["vote_results"]
    assert (result["id"], result["passed"], result["quorate"], result["url"]) == (
        vote.pk, False, False, f"/api/v1/me/votes/{vote.pk}/"
    )  # fmt: skip
    assert [(d["id"], d["kind"], d["status"]) for d in body["disclosures"]] == [(entry.pk, "fees", "published")]


def test_the_linked_endpoints_answer_the_same_resident(world, api_as):
    published_committee_page(world.estate_a)
    committee, _ = seated_committee(world.estate_a, world.users["admin"])
    minutes(committee)
    closed_vote(world.estate_a, world.users["committee"])
    published_fees(world.users["manager"], world.estate_a)
    client = api_as(world.users["owner"])
    body = client.get(URL.format("alpha")).json()
    for entry in [*body["minutes"], *body["vote_results"], *body["disclosures"]]:
        assert client.get(entry["url"]).status_code == 200, entry["url"]


def test_an_estate_without_a_committee_answers_empty_lists(world, api_as):
    published_committee_page(world.estate_a)
    body = api_as(world.users["owner"]).get(URL.format("alpha")).json()
    assert body["committee"] is None
    assert body["members"] == body["minutes"] == body["vote_results"] == body["disclosures"] == []


@pytest.mark.parametrize(
    ("role", "status"),
    [("other_household", 404), ("newcomer", 404), ("dispatcher", 403), ("committee_b", 403), ("admin", 403)],
)
def test_only_the_estate_s_residents_read_its_committee_page(world, api_as, role, status):
    published_committee_page(world.estate_a)
    assert api_as(world.users[role]).get(URL.format("alpha")).status_code == status


def test_an_estate_without_a_live_committee_page_answers_404(world, api_as):
    client = api_as(world.users["owner"])
    assert client.get(URL.format("alpha")).status_code == 404
    published_committee_page(world.estate_a).unpublish()
    assert client.get(URL.format("alpha")).status_code == 404


def test_the_introduction_comes_without_script(world, api_as):
    published_committee_page(world.estate_a, intro=XSS_HTML)
    intro = api_as(world.users["owner"]).get(URL.format("alpha")).json()["intro"]
    assert script_in(f"<article>{intro}</article>") == [] and "停水" in intro


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL.format("alpha")).status_code == 200
    return len(captured)


def test_the_committee_page_api_runs_a_fixed_number_of_queries(world, api_as, django_assert_max_num_queries):
    published_committee_page(world.estate_a)
    committee, _ = seated_committee(world.estate_a, world.users["admin"], voting=3)
    minutes(committee)
    client = api_as(world.users["owner"])
    _queries(client)  # the first call also reads what is then remembered (the site's root paths, the user's homes)
    few = _queries(client)
    for i in range(3):
        minutes(committee, title=f"第{i}次会议")
        closed_vote(world.estate_a, world.users["committee"], title=f"表决{i}")
        published_fees(world.users["manager"], world.estate_a, title=f"收费标准{i}")
    assert _queries(client) == few
    with django_assert_max_num_queries(API_QUERIES):
        client.get(URL.format("alpha"))


def test_the_committee_page_endpoint_is_in_the_schema(world, api_as):
    schema = api_as(world.users["admin"]).get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/me/estates/{estate}/committee-page/" in schema and "CommitteePage" in schema
