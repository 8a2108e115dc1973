"""The committee page: for the estate's readers only; only what the committee app has published, read live (so
members' names never enter Wagtail's storage); no script from its rich text; a fixed number of queries."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from committee.disclosures.services import disclosure_draft_create
from committee.members.models import Member
from committee.members.services import SeatInput, member_add, member_end
from committee.votes.models import Motion
from committee.votes.services import motion_create
from portal.models import CommitteePage
from tests.committee.helpers import owner_in, seated_committee
from tests.committee.votes_helpers import motion_input
from tests.portal.committee_pages.helpers import closed_vote, minutes, published_committee_page
from tests.portal.guide.helpers import fee_input, published_fees
from tests.portal.notices.test_pages import XSS_HTML, script_in

pytestmark = pytest.mark.django_db
# 22 today, as the service guide's, with the committee app's five reads in place of fees and service levels.
PAGE_QUERIES = 24


def english(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def seated(world):
    """Estate A's committee of five (a chair first) and one alternate."""
    return seated_committee(world.estate_a, world.users["admin"], alternates=1)


@pytest.mark.parametrize(
    ("role", "status"),
    [("owner", 200), ("tenant", 200), ("technician", 200), ("manager", 200), ("committee", 200), ("admin", 200),
     ("other_household", 404), ("newcomer", 404), ("manager_b", 404), ("committee_b", 404)],
)  # fmt: skip
def test_the_committee_page_is_served_to_the_estate_s_readers_only(world, web_as, role, status):
    page = published_committee_page(world.estate_a)
    assert web_as(world.users[role]).get(page.url).status_code == status


def test_an_anonymous_visitor_is_sent_to_sign_in(world, client):
    response = client.get(published_committee_page(world.estate_a).url)
    assert response.status_code == 302 and "next=" in response["Location"]


def test_the_page_shows_the_current_members_with_their_roles(world, web_as, seated):
    committee, seats = seated
    member_end(actor=world.users["admin"], member_id=seats[4].pk)
    html = english(web_as(world.users["owner"]), published_committee_page(world.estate_a).url)
    for seat in seats[:4] + seats[5:]:
        assert seat.person.full_name in html
    assert seats[4].person.full_name not in html  # left the committee
    assert html.index(seats[0].person.full_name) < html.index(seats[1].person.full_name)  # chair first
    assert ">Chair<" in html and ">Alternate member<" in html
    assert f"Term {committee.term_start:%Y-%m-%d} to {committee.term_end:%Y-%m-%d}." in html


def test_the_page_shows_only_what_the_committee_app_has_published(world, web_as, seated):
    committee, _ = seated
    shown_minutes, draft_minutes = minutes(committee, title="已发布纪要"), minutes(committee, title="待发布纪要",
                                                                                 status="approved")  # fmt: skip
    result = closed_vote(world.estate_a, world.users["committee"], title="已结束表决")
    motion_create(estate_id=world.estate_a.pk, actor=world.users["committee"], data=motion_input(title="草案表决"))
    fees = published_fees(world.users["manager"], world.estate_a, title="已公示收费标准")
    disclosure_draft_create(actor=world.users["manager"], estate_id=world.estate_a.pk, data=fee_input(title="草稿公示"))
    committee_b, _ = seated_committee(world.estate_b, world.users["admin"])
    minutes(committee_b, title="乙小区纪要")
    published_fees(world.users["manager_b"], world.estate_b, title="乙小区公示")
    html = english(web_as(world.users["owner"]), published_committee_page(world.estate_a).url)
    for shown in ("已发布纪要", "已结束表决", "已公示收费标准"):
        assert shown in html
    for hidden in ("待发布纪要", "草案表决", "草稿公示", "乙小区纪要", "乙小区公示"):
        assert hidden not in html
    assert "Not carried: too few owners took part." in html  # nobody voted
    assert f'href="/me/committee/alpha/minutes/{shown_minutes.pk}/"' in html
    assert f'href="/me/votes/{result.pk}/"' in html
    assert f'href="/me/committee/alpha/disclosures/{fees.pk}/"' in html
    assert draft_minutes.title not in html


def test_staff_readers_see_the_page_without_the_residents_links(world, web_as, seated):
    minutes(seated[0], title="已发布纪要")
    html = english(web_as(world.users["dispatcher"]), published_committee_page(world.estate_a).url)
    assert "已发布纪要" in html and "/me/committee/alpha/minutes/" not in html


def test_an_estate_without_a_committee_says_so(world, web_as):
    html = english(web_as(world.users["owner"]), published_committee_page(world.estate_a).url)
    assert "No committee is recorded for this estate." in html
    assert "No minutes published yet." in html and "No owners' vote has closed yet." in html


def _wagtail_storage() -> str:
    """Everything Wagtail keeps (pages, revisions, logs, search index, references) and the portal's tables."""
    tables = [name for name in connection.introspection.table_names() if name.startswith(("wagtail", "portal_"))]
    dump = []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from the introspection
            dump.append(repr(cursor.fetchall()))
    return "\n".join(dump)


def test_members_names_are_shown_but_never_stored_in_wagtail(world, web_as, seated):
    _, seats = seated
    page = published_committee_page(world.estate_a)
    page.save_revision().publish()  # a second revision, as an editor's change makes
    html = web_as(world.users["owner"]).get(page.url).content.decode()
    stored = _wagtail_storage()
    assert "业委会信箱" in stored or json.dumps("业委会信箱")[1:-1] in stored  # the page's own text is there
    for seat in seats:
        name = seat.person.full_name
        assert name in html
        assert name not in stored and json.dumps(name)[1:-1] not in stored


def test_a_member_s_new_name_shows_at_once(world, web_as, seated):
    _, seats = seated
    page = published_committee_page(world.estate_a)
    person = seats[1].person
    person.full_name = "改名后的委员"
    person.save()
    assert "改名后的委员" in web_as(world.users["owner"]).get(page.url).content.decode()


def test_script_stored_in_the_introduction_never_reaches_the_page(world, web_as):
    page = published_committee_page(world.estate_a, intro=XSS_HTML)
    html = web_as(world.users["owner"]).get(page.url).content.decode()
    assert script_in(html) == []
    assert "停水" in html and "注意" in html


def test_an_estate_home_holds_one_committee_page(world):
    page = published_committee_page(world.estate_a)
    assert CommitteePage.can_create_at(page.get_parent().specific) is False


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_page_runs_a_fixed_number_of_queries_however_much_is_published(
    world, web_as, seated, django_assert_max_num_queries
):
    committee, _ = seated
    page = published_committee_page(world.estate_a)
    minutes(committee)
    closed_vote(world.estate_a, world.users["committee"])
    published_fees(world.users["manager"], world.estate_a)
    client = web_as(world.users["owner"])
    client.get(page.url)  # the session and the site's root paths are read once, then cached
    few = _queries(client, page.url)
    for i in range(3):
        minutes(committee, title=f"第{i}次会议", days_ago=20 + i)
        closed_vote(world.estate_a, world.users["committee"], title=f"表决{i}")
        published_fees(world.users["manager"], world.estate_a, kind="revenue", title=f"公共收益{i}")
        person, building = owner_in(world.estate_a, f"8{i:03d}")
        seat = SeatInput(building=building.name, unit=f"8{i:03d}", full_name=person.full_name, role="alternate")
        member_add(actor=world.users["admin"], committee_id=committee.pk, data=seat)
    assert Member.objects.filter(committee=committee, ended_on__isnull=True).count() == 9
    assert _queries(client, page.url) == few
    with django_assert_max_num_queries(PAGE_QUERIES):
        assert "公共收益2" in client.get(page.url).content.decode()


def test_the_page_lists_the_newest_ten_of_each(world, web_as, seated):
    committee, _ = seated
    for i in range(12):
        minutes(committee, title=f"会议{i:02d}", days_ago=30 - i)
    html = english(web_as(world.users["owner"]), published_committee_page(world.estate_a).url)
    assert "会议11" in html and "会议02" in html and "会议01" not in html
    assert 'href="/me/committee/alpha/minutes/"' in html


def test_the_vote_results_show_the_latest_closed_first(world, web_as):
    made_first = closed_vote(world.estate_a, world.users["committee"], title="先建后结束")
    made_later = closed_vote(world.estate_a, world.users["committee"], title="后建先结束")
    Motion.objects.filter(pk=made_first.pk).update(closed_at=made_later.closed_at + timedelta(days=1))
    html = english(web_as(world.users["owner"]), published_committee_page(world.estate_a).url)
    assert html.index("先建后结束") < html.index("后建先结束")
