"""Owners' votes from draft to result: the agenda and roll frozen at announcement, ballots in their window."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from PIL import Image

from committee import voting
from committee.models import CommitteeRules
from committee.votes import notices
from committee.votes.models import Ballot, BallotEvent, Motion, VoteNotice
from committee.votes.services import (
    PaperBallot,
    ballot_cast,
    ballot_change,
    ballot_record_paper,
    motion_announce,
    motion_cancel,
    motion_close,
    motion_create,
    motion_update,
    motions_close_due,
    roll_and_ballots,
)
from core.errors import InvalidTransition, NotPermitted
from core.models import OutboxMessage
from tests.committee.votes_helpers import AFTER, DURING, OPENS, PASSWORD, announced, motion_input, owners_of
from tests.residents.factories import OwnershipFactory, UnitFactory


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, "JPEG")
    return out.getvalue()


def paper(motion, key, **changes):
    values = {"voter": key, "choice": "yes", "channel": "paper", "scan": jpeg()}
    return PaperBallot(**{**values, **changes})


def test_motion_create_refuses_a_window_outside_the_estates_limits(world):
    actor = world.users["committee"]
    with pytest.raises(ValidationError) as caught:
        motion_create(estate_id=world.estate_a.pk, actor=actor, data=motion_input(closes_at=OPENS + timedelta(days=4)))
    assert "closes_at" in caught.value.message_dict
    CommitteeRules.objects.create(estate=world.estate_a, voting_days_min=3)
    motion_create(estate_id=world.estate_a.pk, actor=actor, data=motion_input(closes_at=OPENS + timedelta(days=4)))


def test_motion_create_names_each_bad_field_and_saves_nothing(world):
    with pytest.raises(ValidationError) as caught:
        motion_create(
            estate_id=world.estate_a.pk,
            actor=world.users["committee"],
            data=motion_input(title=" ", agenda="", matter=10),
        )
    assert set(caught.value.message_dict) == {"title", "agenda", "matter"}
    assert not Motion.objects.exists()


def test_motion_create_is_refused_to_anyone_but_the_estates_committee(world):
    for role in ("manager", "committee_b", "owner"):
        with pytest.raises(NotPermitted):
            motion_create(estate_id=world.estate_a.pk, actor=world.users[role], data=motion_input())


def test_motion_announce_needs_the_notice_period(world):
    actor = world.users["committee"]
    motion = motion_create(estate_id=world.estate_a.pk, actor=actor, data=motion_input())
    with pytest.raises(ValidationError) as caught:
        motion_announce(motion_id=motion.pk, actor=actor, now=OPENS - timedelta(days=14))
    assert "opens_at" in caught.value.message_dict
    motion.refresh_from_db()
    assert motion.status == "draft" and not motion.roll.exists()


def test_motion_agenda_cannot_change_after_announcement(world):
    motion = announced(world)
    with pytest.raises(InvalidTransition), translation.override("en"):
        motion_update(motion_id=motion.pk, actor=world.users["committee"], data=motion_input(agenda="别的议题"))
    motion.refresh_from_db()
    assert motion.agenda == "动用维修资金更换3号楼电梯。" and len(motion.agenda_digest) == 64


def test_motion_roll_is_frozen_at_announcement(world):
    motion = announced(world)
    newcomer = OwnershipFactory(unit=UnitFactory(building=world.unit_a.building))
    assert not motion.roll.filter(persons=newcomer.person).exists()
    with pytest.raises(NotPermitted) as caught:
        ballot_cast(motion_id=motion.pk, user=newcomer.person.user, choice="yes", password=PASSWORD, now=DURING)
    assert caught.value.code == "not_on_roll"


def test_ballot_cast_only_while_the_window_runs(world):
    motion, owner = announced(world), world.users["owner"]
    with pytest.raises(InvalidTransition) as early:
        ballot_cast(motion_id=motion.pk, user=owner, choice="yes", password=PASSWORD, now=OPENS - timedelta(seconds=1))
    with pytest.raises(InvalidTransition) as late:
        ballot_cast(motion_id=motion.pk, user=owner, choice="yes", password=PASSWORD, now=AFTER)
    assert (early.value.code, late.value.code) == ("vote_not_open", "vote_closed")
    assert not Ballot.objects.exists()


def test_ballot_cast_needs_the_owners_password_again(world):
    motion = announced(world)
    with pytest.raises(ValidationError) as caught:
        ballot_cast(motion_id=motion.pk, user=world.users["owner"], choice="yes", password="wrong", now=DURING)
    assert "password" in caught.value.message_dict and not Ballot.objects.exists()


def test_ballot_cast_refuses_a_second_ballot_and_a_bad_choice(world):
    motion, owner = announced(world), world.users["owner"]
    with pytest.raises(ValidationError):
        ballot_cast(motion_id=motion.pk, user=owner, choice="maybe", password=PASSWORD, now=DURING)
    ballot_cast(motion_id=motion.pk, user=owner, choice="yes", password=PASSWORD, now=DURING)
    with pytest.raises(InvalidTransition) as caught:
        ballot_cast(motion_id=motion.pk, user=owner, choice="no", password=PASSWORD, now=DURING)
    assert caught.value.code == "already_voted"
    assert Ballot.objects.get().choice == "yes"


def test_ballot_cast_by_a_co_owner_is_the_homes_one_ballot(world):
    spouse = OwnershipFactory(unit=world.unit_a).person.user
    motion = announced(world)
    ballot_cast(motion_id=motion.pk, user=world.users["owner"], choice="yes", password=PASSWORD, now=DURING)
    with pytest.raises(InvalidTransition):
        ballot_cast(motion_id=motion.pk, user=spouse, choice="no", password=PASSWORD, now=DURING)


def test_ballot_change_is_logged_and_refused_once_closed(world):
    motion, owner = announced(world), world.users["owner"]
    ballot_cast(motion_id=motion.pk, user=owner, choice="yes", password=PASSWORD, now=DURING)
    ballot_change(motion_id=motion.pk, user=owner, choice="abstain", password=PASSWORD, now=DURING)
    log = list(BallotEvent.objects.order_by("pk").values_list("choice_from", "choice_to"))
    assert log == [("", "yes"), ("yes", "abstain")]
    motion_close(motion_id=motion.pk, now=AFTER)
    with pytest.raises(InvalidTransition):
        ballot_change(motion_id=motion.pk, user=owner, choice="no", password=PASSWORD, now=AFTER)
    assert Ballot.objects.get().choice == "abstain"


def test_paper_ballot_needs_its_scan_a_proxys_name_and_a_voter_on_the_roll(world):
    motion, actor = announced(world), world.users["manager"]
    with pytest.raises(ValidationError) as caught:
        ballot_record_paper(
            motion_id=motion.pk,
            actor=actor,
            now=DURING,
            paper=paper(motion, "nobody", channel="proxy", scan=b"<html><script>", choice="x"),
        )
    assert set(caught.value.message_dict) == {"voter", "proxy_name", "scan", "choice"}
    assert not Ballot.objects.exists()


def test_paper_ballot_is_stored_with_its_scan_and_a_correction_needs_a_note(world):
    motion, actor = announced(world), world.users["committee"]
    ballot = ballot_record_paper(motion_id=motion.pk, actor=actor, paper=paper(motion, "developer"), now=DURING)
    assert ballot.channel == "paper" and ballot.scan.name.endswith(".jpg")
    with pytest.raises(ValidationError) as caught:
        ballot_record_paper(motion_id=motion.pk, actor=actor, paper=paper(motion, "developer", choice="no"), now=DURING)
    assert "note" in caught.value.message_dict
    ballot_record_paper(
        motion_id=motion.pk,
        actor=actor,
        now=DURING,
        paper=paper(motion, "developer", choice="no", note="误录，按原件更正"),
    )
    assert Ballot.objects.get().choice == "no" and BallotEvent.objects.count() == 2


def test_paper_ballot_accepts_a_pdf_scan_and_refuses_other_estates_staff(world):
    motion = announced(world)
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    with pytest.raises(NotPermitted):
        ballot_record_paper(
            motion_id=motion.pk, actor=world.users["manager_b"], paper=paper(motion, "developer"), now=DURING
        )
    ballot = ballot_record_paper(
        motion_id=motion.pk, actor=world.users["manager"], now=DURING, paper=paper(motion, "developer", scan=pdf)
    )
    assert ballot.scan.name.endswith(".pdf")


def test_motion_close_counts_every_ballot_with_the_pure_tally(world):
    people = owners_of(world.estate_a, 100, 100, 100)
    motion = announced(world, matter=6)
    for person, choice in zip(people, ("yes", "yes", "no"), strict=True):
        ballot_cast(motion_id=motion.pk, user=person.user, choice=choice, password=PASSWORD, now=DURING)
    with pytest.raises(InvalidTransition):
        motion_close(motion_id=motion.pk, now=DURING)
    motion = motion_close(motion_id=motion.pk, now=AFTER)
    expected = voting.tally(*roll_and_ballots(motion.pk), item=6)
    assert motion.status == "closed" and motion.result["passed"] is expected.passed is False
    assert motion.result["counts"]["heads"] == {
        "total": "5",
        "participating": "3",
        "yes": "2",
        "no": "1",
        "abstain": "0",
    }
    assert motion.result["counts"]["area"]["total"] == "476.00"  # 88 + 88 (developer: unit_a2) + 300


def test_motions_close_due_closes_only_ended_votes(world):
    motion = announced(world)
    assert motions_close_due(now=DURING) == []
    assert motions_close_due(now=AFTER) == [motion.pk]
    assert Motion.objects.get().status == "closed"


def test_motion_cancel_only_before_voting_opens_and_with_a_reason(world):
    motion, actor = announced(world), world.users["committee"]
    with pytest.raises(ValidationError):
        motion_cancel(motion_id=motion.pk, actor=actor, reason="", now=OPENS - timedelta(days=1))
    with pytest.raises(InvalidTransition):
        motion_cancel(motion_id=motion.pk, actor=actor, reason="议题有误", now=DURING)
    motion_cancel(motion_id=motion.pk, actor=actor, reason="议题有误", now=OPENS - timedelta(days=1))
    with pytest.raises(InvalidTransition) as caught:
        ballot_cast(motion_id=motion.pk, user=world.users["owner"], choice="yes", password=PASSWORD, now=DURING)
    assert caught.value.code == "vote_cancelled"


def test_owners_are_told_once_of_an_announced_vote(world):
    owners_of(world.estate_a, 90, 90)
    motion = announced(world)
    assert notices.motion_notify_owners(motion_id=motion.pk, kind="announced") == 3
    assert notices.motion_notify_owners(motion_id=motion.pk, kind="announced") == 0
    assert VoteNotice.objects.count() == 3
    assert OutboxMessage.objects.filter(event_key=f"vote-announced-{motion.pk}").count() >= 3


def test_announce_closes_nothing_early_and_roll_dates_the_announcement(world):
    now = timezone.now()
    motion = announced(world, now=now)
    assert motion.roll_date == timezone.localdate(now) and motion.announced_at == now


def test_set_based_counts_equal_the_pure_count_over_the_same_roll(world):
    import random

    from committee.votes.services import roll_counts

    rng = random.Random(7)
    people = owners_of(world.estate_a, *[f"{rng.randint(5000, 15000) / 100:.2f}" for _ in range(15)])
    OwnershipFactory(person=people[0], unit=UnitFactory(building=world.unit_a.building))  # one owner, two units
    motion = announced(world, matter=7)
    for person in rng.sample(people, 11):
        choice = rng.choice(["yes", "no", "abstain"])
        ballot_cast(motion_id=motion.pk, user=person.user, choice=choice, password=PASSWORD, now=DURING)
    ballot_record_paper(
        motion_id=motion.pk, actor=world.users["committee"], paper=paper(motion, "developer"), now=DURING
    )
    assert roll_counts(motion.pk) == voting.count(*roll_and_ballots(motion.pk))
    assert roll_counts(motion.pk).heads.participating == 12


def test_ballot_stops_checking_passwords_after_five_wrong_ones_and_audits_each(world):
    from core.models import AuditEvent

    motion = announced(world)
    for _ in range(5):
        with pytest.raises(ValidationError):
            ballot_cast(motion_id=motion.pk, user=world.users["owner"], choice="yes", password="guess", now=DURING)
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            ballot_cast(motion_id=motion.pk, user=world.users["owner"], choice="yes", password=PASSWORD, now=DURING)
        assert "Too many wrong passwords" in caught.value.message_dict["password"][0]
    assert AuditEvent.objects.filter(action="vote.reconfirm_failed").count() == 5
    assert not Ballot.objects.exists()
