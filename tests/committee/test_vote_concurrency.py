"""Ballots racing each other and the close, in two real transactions (PostgreSQL only: SQLite has no row locks)."""

from datetime import timedelta
from functools import partial

import pytest

from committee.votes.models import Ballot, Motion
from committee.votes.services import ballot_cast, motion_close
from core.errors import InvalidTransition
from tests.committee.votes_helpers import AFTER, CLOSES, PASSWORD, announced
from tests.concurrency import POSTGRES_RACE, together
from tests.residents.factories import OwnershipFactory

pytestmark = POSTGRES_RACE
ROUNDS = 20


@pytest.fixture(autouse=True)
def _no_publish(monkeypatch):
    monkeypatch.setattr("core.outbox._publish", lambda ids: None)
    monkeypatch.setattr("committee.votes.services._queue_notices", lambda motion_id, kind: None)


def test_a_ballot_racing_the_close_is_either_counted_or_refused_20_times_out_of_20(world):
    last_minute = CLOSES - timedelta(seconds=1)
    for _ in range(ROUNDS):
        motion = announced(world)
        cast, closed = together(
            partial(
                ballot_cast,
                motion_id=motion.pk,
                user=world.users["owner"],
                choice="yes",
                password=PASSWORD,
                now=last_minute,
            ),
            partial(motion_close, motion_id=motion.pk, now=AFTER),
        )
        assert isinstance(closed, Motion), closed
        motion.refresh_from_db()
        counted = motion.result["counts"]["heads"]["participating"]
        if isinstance(cast, Ballot):
            assert counted == "1"
        else:
            assert isinstance(cast, InvalidTransition) and cast.code == "vote_closed"
            assert counted == "0" and not Ballot.objects.filter(motion=motion).exists()


def test_two_co_owners_voting_at_once_leave_one_ballot_20_times_out_of_20(world):
    spouse = OwnershipFactory(unit=world.unit_a).person.user
    during = CLOSES - timedelta(days=1)
    for _ in range(ROUNDS):
        motion = announced(world)
        outcomes = together(
            *(
                partial(ballot_cast, motion_id=motion.pk, user=user, choice="no", password=PASSWORD, now=during)
                for user in (world.users["owner"], spouse)
            )
        )
        assert sorted(type(o).__name__ for o in outcomes) == ["Ballot", "InvalidTransition"]
        assert Ballot.objects.filter(motion=motion).count() == 1
