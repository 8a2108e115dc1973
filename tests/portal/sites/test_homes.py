"""Where people land and what an estate's home shows them: the company home lists the estates (public facts
only) and takes a resident of one estate to its home; an estate's home is for its readers only and opens with
its urgent notices, the quick actions that apply to this person (with counts) and the latest news, in a fixed
number of queries."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from committee.votes.models import Motion
from committee.votes.services import MotionInput, ballot_cast, motion_announce, motion_create
from feedback.instruments.selectors import instrument_for
from feedback.surveys.services import Invitation, survey_invite
from portal.models import NoticeIndexPage
from tests.portal.notices.helpers import published_notice
from tests.residents.factories import OwnershipFactory, UnitFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"  # tests.residents.factories.UserFactory


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def actions(response) -> dict[str, str]:
    """The quick actions shown: key → the count shown ("" when none)."""
    return {
        link["data-action"]: (link.select_one(".count").text if link.select_one(".count") else "")
        for link in soup(response).select(".quick-actions a")
    }


def board(home):
    return NoticeIndexPage.objects.child_of(home).get()


def survey_for(world, role, unit):
    estate_id = unit.building.estate_id
    instrument = instrument_for(estate_id=estate_id, purpose="campaign")
    return survey_invite(
        Invitation(
            kind="campaign",
            instrument=instrument,
            recipient=world.users[role],
            estate_id=estate_id,
            building_id=unit.building_id,
            unit_id=unit.pk,
        )
    )


def open_vote(world, estate, committee_role):
    """A vote of the estate, announced and open now, with the estate's owners on its roll."""
    actor = world.users[committee_role]
    window = MotionInput(
        title="改建车棚",
        agenda="改建。",
        matter=8,
        opens_at=timezone.now() + timedelta(days=16),
        closes_at=timezone.now() + timedelta(days=30),
    )
    motion = motion_create(estate_id=estate.pk, actor=actor, data=window)
    motion_announce(motion_id=motion.pk, actor=actor)
    Motion.objects.filter(pk=motion.pk).update(opens_at=timezone.now() - timedelta(days=1))
    return motion


# --- the company home ---------------------------------------------------------------------------------


def test_the_company_home_lists_the_estates_to_anyone_with_public_facts_only(world, homes, client):
    world.estate_a.city, world.estate_a.address = "杭州", "文一路 100 号"
    world.estate_a.save()
    published_notice(board(homes["a"]), title="甲小区停水通知")
    response = client.get("/")
    assert response.status_code == 200
    listed = {link.text: link["href"] for link in soup(response).select(".estates a")}
    assert listed == {"甲小区": homes["a"].url, "乙小区": homes["b"].url}
    html = response.content.decode()
    assert "杭州" in html and "文一路" not in html and "停水" not in html


def test_a_resident_of_one_estate_is_taken_from_the_company_home_to_their_estate_s_home(world, homes, web_as):
    response = web_as(world.users["owner"]).get("/")
    assert response.status_code == 302 and response["Location"] == homes["a"].url


def test_a_resident_of_two_estates_chooses_between_their_homes(world, homes, web_as):
    OwnershipFactory(person=world.users["owner"].person, unit=UnitFactory(building=world.unit_b.building))
    response = web_as(world.users["owner"]).get("/")
    assert response.status_code == 200
    assert sorted(link.text for link in soup(response).select("#mine-heading + ul a")) == ["乙小区", "甲小区"]


def test_staff_see_the_company_home_with_the_estates_they_serve_first(world, homes, web_as):
    response = web_as(world.users["manager_b"]).get("/")
    assert response.status_code == 200
    assert [link.text for link in soup(response).select("#mine-heading + ul a")] == ["乙小区"]
    assert not soup(web_as(world.users["newcomer"]).get("/")).select("#mine-heading")


# --- who reads an estate's home -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("owner", 200),
        ("tenant", 200),
        ("technician", 200),
        ("manager", 200),
        ("committee", 200),
        ("admin", 200),
        ("other_household", 404),
        ("newcomer", 404),
        ("manager_b", 404),
        ("committee_b", 404),
    ],
)
def test_an_estate_home_is_for_the_estate_s_readers_only(world, homes, web_as, role, status):
    assert web_as(world.users[role]).get(homes["a"].url).status_code == status


def test_an_estate_home_asks_a_stranger_to_sign_in(homes, client):
    response = client.get(homes["a"].url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


# --- what it shows ------------------------------------------------------------------------------------


def test_urgent_notices_come_first_then_quick_actions_then_the_latest_news_newest_first(world, homes, web_as):
    notices = board(homes["a"])
    for n in range(7):
        published_notice(notices, title=f"活动通知{n}")
    published_notice(notices, title="紧急停电", urgent=True)
    published_notice(board(homes["b"]), title="乙小区的通知")
    page = soup(web_as(world.users["owner"]).get(homes["a"].url))
    html = str(page)
    assert html.index("紧急停电") < html.index("quick-actions") < html.index("活动通知6")
    news = [link.text for link in page.select("#news-heading ~ ul.notices a")]
    assert news == ["活动通知6", "活动通知5", "活动通知4", "活动通知3", "活动通知2"]  # the five newest, not urgent
    assert "乙小区的通知" not in html
    assert page.select_one("#news-heading ~ p a")["href"] == notices.url


def test_a_resident_sees_report_a_repair_and_only_the_surveys_and_votes_waiting_for_them(world, homes, web_as):
    client = web_as(world.users["owner"])
    assert actions(client.get(homes["a"].url)) == {"repair": ""}
    survey_for(world, "owner", world.unit_a)
    survey_for(world, "owner", world.unit_a)
    survey_for(world, "tenant", world.unit_a)  # another person's
    vote = open_vote(world, world.estate_a, "committee")
    open_vote(world, world.estate_b, "committee_b")  # another estate's
    assert actions(client.get(homes["a"].url)) == {"repair": "", "survey": "2", "vote": "1"}
    ballot_cast(motion_id=vote.pk, user=world.users["owner"], choice="yes", password=PASSWORD)
    assert actions(client.get(homes["a"].url)) == {"repair": "", "survey": "2"}


def test_staff_see_no_resident_actions_and_managers_a_link_to_edit_the_estate_s_pages(world, homes, web_as):
    assert actions(web_as(world.users["technician"]).get(homes["a"].url)) == {}
    response = web_as(world.users["manager"]).get(homes["a"].url)
    assert actions(response) == {"edit": ""}
    assert soup(response).select_one("[data-action=edit]")["href"] == f"/cms/pages/{homes['a'].pk}/"


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_an_estate_home_runs_a_fixed_number_of_queries(world, homes, web_as, django_assert_max_num_queries):
    client = web_as(world.users["owner"])
    url = homes["a"].url
    published_notice(board(homes["a"]), title="第一条")
    client.get(url)  # warm the session and Wagtail's site cache
    few = _queries(client, url)
    for n in range(6):
        published_notice(board(homes["a"]), title=f"活动{n}", urgent=n % 2 == 0)
    survey_for(world, "owner", world.unit_a)
    open_vote(world, world.estate_a, "committee")
    assert _queries(client, url) == few
    with django_assert_max_num_queries(20):
        client.get(url)


def test_the_company_home_runs_a_fixed_number_of_queries(world, homes, web_as, django_assert_max_num_queries):
    from portal.sites.services import ensure_estate_home
    from tests.residents.factories import EstateFactory

    OwnershipFactory(person=world.users["owner"].person, unit=UnitFactory(building=world.unit_b.building))
    client = web_as(world.users["owner"])
    client.get("/")
    few = _queries(client, "/")
    for n in range(5):
        ensure_estate_home(EstateFactory(slug=f"more{n}", name=f"更多{n}"))
    assert _queries(client, "/") == few
    with django_assert_max_num_queries(15):
        client.get("/")
