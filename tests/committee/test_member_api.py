"""The committee's rules, term, members and meetings through the REST API."""

import pytest
from django.utils import timezone, translation

from committee.models import CommitteeRules
from tests.committee.helpers import planned_meeting, seated_committee


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_rules_put_refuses_a_shortest_window_above_the_longest_with_a_clear_message(world, api_as):
    client = api_as(world.users["committee_b"])
    rules = client.get("/api/v1/committee/beta/rules/").json()
    response = client.put("/api/v1/committee/beta/rules/", {**rules, "voting_days_min": 61}, format="json",
                          HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    assert response.status_code == 400
    assert response.json()["errors"]["voting_days_min"] == [
        "The shortest voting window (61 days) is longer than the longest (60 days)."
    ]
    assert not CommitteeRules.objects.exists()


def test_term_lists_warnings_and_members_list_the_seats(world, api_as):
    seated_committee(world.estate_b, world.users["admin"], voting=6)
    client = api_as(world.users["committee_b"])
    term = client.get("/api/v1/committee/beta/term/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert term["voting_members"] == 6
    assert any("odd number" in w for w in term["warnings"])
    members = client.get("/api/v1/committee/beta/members/").json()
    assert members["count"] == 6 and members["results"][0]["role"] == "chair"
    public = api_as(world.users["other_household"]).get("/api/v1/me/committee/beta/members/").json()
    assert set(public["results"][0]) == {"full_name", "role"}


def test_a_meeting_runs_through_the_api_and_a_bad_transition_answers_409(world, api_as):
    _committee, seats = seated_committee(world.estate_b, world.users["admin"], voting=5)
    meeting = planned_meeting(world.estate_b, world.users["admin"], items=1)
    item = meeting.agenda.get()
    client = api_as(world.users["committee_b"])
    assert client.post(f"/api/v1/committee/beta/meetings/{meeting.pk}/publish/", {}, format="json").status_code == 409
    present = [s.pk for s in seats[:3]]
    body = {"held_on": timezone.localdate(), "present": present, "minutes": "纪要",
            "decisions": [{"item_id": item.pk, "resolution": "同意",
                           "votes": [{"member_id": pk, "choice": "for"} for pk in present[:2]]
                           + [{"member_id": present[2], "choice": "against"}]}]}  # fmt: skip
    held = client.post(f"/api/v1/committee/beta/meetings/{meeting.pk}/hold/", body, format="json").json()
    assert (held["quorate"], held["agenda"][0]["passed"], held["agenda"][0]["votes_for"]) == (True, False, 2)
    for step in ("approve", "publish"):
        assert (
            client.post(f"/api/v1/committee/beta/meetings/{meeting.pk}/{step}/", {}, format="json").status_code == 200
        )
    again = client.put(f"/api/v1/committee/beta/meetings/{meeting.pk}/minutes/", {"minutes": "x"}, format="json")
    assert again.status_code == 409
    resident = api_as(world.users["other_household"])
    minutes = resident.get(f"/api/v1/me/committee/beta/minutes/{meeting.pk}/").json()
    assert minutes["agenda"][0]["votes_against"] == 1 and "votes" not in minutes["agenda"][0]


def test_meeting_list_keeps_its_queries_fixed(world, api_as, django_assert_max_num_queries):
    seated_committee(world.estate_b, world.users["admin"], voting=5)
    for _ in range(6):
        planned_meeting(world.estate_b, world.users["admin"])
    with django_assert_max_num_queries(8):
        response = api_as(world.users["committee_b"]).get("/api/v1/committee/beta/meetings/")
    assert response.json()["count"] == 6


def test_meetings_of_another_estate_answer_404(world, api_as):
    seated_committee(world.estate_b, world.users["admin"], voting=5)
    meeting = planned_meeting(world.estate_b, world.users["admin"])
    assert api_as(world.users["committee"]).get(f"/api/v1/committee/beta/meetings/{meeting.pk}/").status_code == 404
