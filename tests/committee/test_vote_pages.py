"""Owners' vote pages and API as people use them: an owner votes, the committee sees the arithmetic and exports."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from committee.votes.models import Ballot, Motion
from committee.votes.services import ballot_cast, motion_close
from tests.committee.votes_helpers import AFTER, DURING, PASSWORD, announced, owners_of
from tests.conftest import sign_in_verified


def open_now(motion):
    """Move the window so that voting is running at the real clock (the pages use timezone.now())."""
    from datetime import timedelta

    from django.utils import timezone

    Motion.objects.filter(pk=motion.pk).update(opens_at=timezone.now() - timedelta(days=1))
    motion.refresh_from_db()
    return motion


def test_owner_casts_and_changes_a_vote_on_the_page_after_reentering_the_password(world, client):
    motion = open_now(announced(world))
    sign_in_verified(client, world.users["owner"])
    url = reverse("votes-mine-detail", args=[motion.pk])
    page = client.get(url)
    assert "动用维修资金更换3号楼电梯" in page.content.decode() and 'type="password"' in page.content.decode()
    with translation.override("en"):
        wrong = client.post(url, {"choice": "yes", "password": "nope"}, HTTP_ACCEPT_LANGUAGE="en")
    assert wrong.status_code == 200 and not Ballot.objects.exists()
    assert client.post(url, {"choice": "yes", "password": PASSWORD}).status_code == 302
    assert client.post(url, {"choice": "no", "password": PASSWORD}).status_code == 302
    assert Ballot.objects.get().choice == "no"


def test_committee_sees_the_live_tally_with_its_arithmetic(world, client):
    people = owners_of(world.estate_a, 100, 100)
    motion = announced(world)
    ballot_cast(motion_id=motion.pk, user=people[0].user, choice="yes", password=PASSWORD, now=DURING)
    sign_in_verified(client, world.users["committee"])
    body = client.get(reverse("committee-vote", args=[motion.pk])).content.decode()
    # 100 of 376 m² took part: 100 × 3 = 300 ≥ 376 × 2 = 752 fails
    assert "100.00 × 3 = 300.00 ≥ 376.00 × 2 = 752.00" in body


def test_owners_read_the_result_with_its_arithmetic_once_closed(world, client):
    people = owners_of(world.estate_a, 100, 100, 100)
    motion = announced(world)
    for person in people:
        ballot_cast(motion_id=motion.pk, user=person.user, choice="yes", password=PASSWORD, now=DURING)
    motion_close(motion_id=motion.pk, now=AFTER)
    sign_in_verified(client, world.users["tenant"])
    body = client.get(reverse("votes-mine-detail", args=[motion.pk])).content.decode()
    assert "3 × 2 = 6 &gt; 3 × 1 = 3" in body  # approval by headcount: 3 yes of 3 taking part


def test_roll_export_lists_every_unit_with_its_area_and_the_ballots_export_every_ballot(world, client):
    motion = announced(world)
    ballot_cast(motion_id=motion.pk, user=world.users["owner"], choice="abstain", password=PASSWORD, now=DURING)
    sign_in_verified(client, world.users["committee"])
    roll = client.get(reverse("committee-vote-export", args=[motion.pk, "roll"]))
    rows = list(csv.reader(io.StringIO(roll.content.decode("utf-8-sig"))))
    owner = world.users["owner"].person
    assert rows[0] == ["voter", "developer", "owners", "unit", "exclusive_area_m2"]
    assert sorted(rows[1:]) == [
        ["developer", "1", "", "1号楼-0102", "88.00"],
        [f"owner-{owner.pk}", "0", owner.full_name, "1号楼-0101", "88.00"],
    ]
    ballots = client.get(reverse("committee-vote-export", args=[motion.pk, "ballots"])).content.decode("utf-8-sig")
    assert f"owner-{owner.pk},abstain,online" in ballots


def test_api_ballot_with_a_wrong_password_names_the_field_and_saves_nothing(world, api_as):
    motion = open_now(announced(world))
    url = reverse("api-my-vote-ballot", args=[motion.pk])
    response = api_as(world.users["owner"]).post(url, {"choice": "yes", "password": "nope"}, format="json")
    assert response.status_code == 400 and "password" in response.json()["errors"]
    assert not Ballot.objects.exists()
    assert (
        api_as(world.users["owner"]).post(url, {"choice": "yes", "password": PASSWORD}, format="json").status_code
        == 201
    )
    second = api_as(world.users["owner"]).post(url, {"choice": "no", "password": PASSWORD}, format="json")
    assert second.status_code == 409 and second.json()["code"] == "already_voted"


def test_api_agenda_edit_after_announcement_is_refused_with_409(world, api_as):
    motion = announced(world)
    url = reverse("api-committee-vote", args=[motion.pk])
    data = {
        "title": "别的",
        "agenda": "别的议题",
        "matter": 5,
        "opens_at": motion.opens_at.isoformat(),
        "closes_at": motion.closes_at.isoformat(),
    }
    response = api_as(world.users["committee"]).put(url, data, format="json")
    assert response.status_code == 409
    motion.refresh_from_db()
    assert motion.title == "更换电梯"


def test_api_committee_detail_carries_the_live_tally(world, api_as):
    motion = announced(world)
    tally = api_as(world.users["committee"]).get(reverse("api-committee-vote", args=[motion.pk])).json()["tally"]
    assert tally["heads"] == {"total": "2", "participating": "0", "yes": "0", "no": "0", "abstain": "0"}
    assert tally["area"]["total"] == "176.00" and tally["passed"] is False


@pytest.mark.parametrize("extra", [0, 5])
def test_vote_list_pages_run_a_fixed_number_of_queries(world, client, django_assert_max_num_queries, extra):
    for _ in range(extra):
        announced(world)
    sign_in_verified(client, world.users["committee"])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("committee-votes")).status_code == 200
    sign_in_verified(client, world.users["owner"])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("votes-mine")).status_code == 200


def test_home_page_shows_a_running_vote_until_the_home_has_voted(world, client):
    motion = open_now(announced(world))
    sign_in_verified(client, world.users["owner"])
    home = client.get(reverse("resident-dashboard")).content.decode()
    assert reverse("votes-mine-detail", args=[motion.pk]) in home and "votes-h" in home
    ballot_cast(motion_id=motion.pk, user=world.users["owner"], choice="yes", password=PASSWORD)
    with translation.override("en"):
        home = client.get(reverse("resident-dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "votes-h" in home
    sign_in_verified(client, world.users["other_household"])
    assert "votes-h" not in client.get(reverse("resident-dashboard")).content.decode()


def test_api_exports_the_roll_as_csv_for_the_committee_only(world, api_as):
    motion = announced(world)
    url = reverse("api-committee-vote-export", args=[motion.pk, "roll"])
    response = api_as(world.users["committee"]).get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response.content.decode("utf-8-sig").splitlines()[0] == "voter,developer,owners,unit,exclusive_area_m2"
    assert api_as(world.users["committee_b"]).get(url).status_code == 404
    assert (
        api_as(world.users["committee"]).get(reverse("api-committee-vote-export", args=[motion.pk, "x"])).status_code
        == 404
    )
