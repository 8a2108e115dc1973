"""The committee's pages for rules, members and meetings, and the residents' pages."""

import pytest
from django.utils import timezone

from committee.meetings.models import Meeting
from committee.members.models import Committee, Member
from committee.models import CommitteeRules
from tests.committee.helpers import owner_in, planned_meeting, seated_committee


@pytest.fixture
def board(world):
    committee, seats = seated_committee(world.estate_b, world.users["admin"], voting=4, alternates=1)
    return committee, seats


def test_rules_page_saves_and_creates_the_row_on_first_save(world, web_as):
    client = web_as(world.users["committee_b"])
    data = {"notice_days": 15, "voting_days_min": 5, "voting_days_max": 30, "members_min": 5,
            "members_max": 9, "members_odd": "on", "term_years_max": 5, "filing_days": 30, "publish_days": 3,
            "supervision_answer_days": 7, "spot_check_size": 5}  # fmt: skip
    response = client.post("/committee/beta/rules/", data)
    assert response.status_code == 302
    assert CommitteeRules.objects.get(estate=world.estate_b).members_max == 9


def test_rules_page_shows_a_translated_error_when_the_shortest_window_exceeds_the_longest(world, web_as):
    client = web_as(world.users["committee_b"])
    data = {"notice_days": 15, "voting_days_min": 40, "voting_days_max": 30, "members_min": 5, "members_max": 11,
            "term_years_max": 5, "filing_days": 30, "publish_days": 3, "supervision_answer_days": 7,
            "spot_check_size": 5}  # fmt: skip
    response = client.post("/committee/beta/rules/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "The shortest voting window (40 days) is longer than the longest (30 days)." in response.content.decode()
    assert not CommitteeRules.objects.filter(estate=world.estate_b).exists()


def test_members_page_shows_the_size_warning_and_the_members(world, web_as, board, django_assert_max_num_queries):
    client = web_as(world.users["committee_b"])
    with django_assert_max_num_queries(20):
        response = client.get("/committee/beta/members/", HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert "4 voting members; the estate&#x27;s rules ask for at least 5" in body
    assert board[1][0].person.full_name in body


def test_members_page_records_the_term_then_seats_a_member(world, web_as):
    client = web_as(world.users["committee_b"])
    today = timezone.localdate()
    client.post("/committee/beta/members/", {"term": "", "term-elected_on": today, "term-term_start": today,
                                             "term-term_end": today.replace(year=today.year + 3)})  # fmt: skip
    person, building = owner_in(world.estate_b, "0808")
    response = client.post("/committee/beta/members/", {"seat": "", "seat-building": building.name,
                           "seat-unit": "0808", "seat-full_name": person.full_name, "seat-role": "chair"})  # fmt: skip
    assert response.status_code == 302
    assert Member.objects.get(committee=Committee.objects.get(estate=world.estate_b)).person == person


def test_members_page_of_another_estate_answers_404(world, web_as, board):
    assert web_as(world.users["committee"]).get("/committee/beta/members/").status_code == 404


def test_residents_see_names_and_roles_only(world, web_as, board):
    response = web_as(world.users["other_household"]).get("/me/committee/beta/members/")
    body = response.content.decode()
    seat = board[1][0]
    assert seat.person.full_name in body
    assert seat.person.user.phone.removeprefix("+86") not in body and "9000" not in body
    assert web_as(world.users["owner"]).get("/me/committee/beta/members/").status_code == 404


def test_a_meeting_is_planned_held_approved_and_published_to_residents(world, web_as, board):
    client = web_as(world.users["committee_b"])
    response = client.post(
        "/committee/beta/meetings/new/",
        {
            "title": "月度会议",
            "scheduled_at": "2020-01-05T19:00",
            "decide": "续聘保洁公司\n更换门禁",
            "inform": "财务报告",
        },
    )
    meeting = Meeting.objects.get(estate=world.estate_b)
    assert response.status_code == 302 and meeting.agenda.count() == 3
    seats = [s for s in board[1] if s.role != "alternate"]
    decide = list(meeting.agenda.filter(needs_decision=True))
    data = {"held_on": timezone.localdate(), "minutes": "会议纪要正文",
            **{f"present_{s.pk}": "on" for s in seats[:3]},
            **{f"vote_{item.pk}_{s.pk}": "for" for item in decide for s in seats[:3]}}  # fmt: skip
    response = client.post(f"/committee/beta/meetings/{meeting.pk}/hold/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(meeting.agenda.filter(needs_decision=True).values_list("passed", flat=True)) == {True}
    for action in ("approve", "publish"):
        client.post(f"/committee/beta/meetings/{meeting.pk}/", {"action": action})
    assert Meeting.objects.get(pk=meeting.pk).status == "published"
    resident = web_as(world.users["other_household"])
    assert "月度会议" in resident.get("/me/committee/beta/minutes/").content.decode()
    detail = resident.get(f"/me/committee/beta/minutes/{meeting.pk}/").content.decode()
    assert "会议纪要正文" in detail and seats[0].person.full_name not in detail


def test_meeting_list_warns_of_minutes_overdue_and_keeps_its_queries_fixed(
    world, web_as, board, django_assert_max_num_queries
):
    for _ in range(5):
        planned_meeting(world.estate_b, world.users["admin"])
    Meeting.objects.filter(estate=world.estate_b).update(status="held", held_on=timezone.localdate().replace(year=2020))
    client = web_as(world.users["committee_b"])
    with django_assert_max_num_queries(20):
        response = client.get("/committee/beta/meetings/", HTTP_ACCEPT_LANGUAGE="en")
    assert "these are overdue" in response.content.decode()


def test_unpublished_minutes_are_not_shown_to_residents(world, web_as, board):
    meeting = planned_meeting(world.estate_b, world.users["admin"])
    assert web_as(world.users["other_household"]).get(f"/me/committee/beta/minutes/{meeting.pk}/").status_code == 404
