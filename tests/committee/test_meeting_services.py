"""Committee meetings (committee.meetings.services): the state table, quorum and decisions, immutable minutes."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from committee.meetings import workflow
from committee.meetings.models import AgendaItem, Attendance, Meeting
from committee.meetings.selectors import overdue_meetings, publish_deadline
from committee.meetings.services import (
    AgendaLine,
    DecisionRecord,
    HoldRecord,
    MeetingInput,
    meeting_approve,
    meeting_cancel,
    meeting_create,
    meeting_hold,
    meeting_minutes_update,
    meeting_publish,
)
from core.errors import InvalidTransition
from core.models import AuditEvent
from tests.committee.helpers import planned_meeting, seated_committee


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def board(world):
    """Estate B's committee of five voting members and one alternate, and a planned meeting with two matters."""
    committee, seats = seated_committee(world.estate_b, world.users["admin"], voting=5, alternates=1)
    meeting = planned_meeting(world.estate_b, world.users["admin"])
    return committee, seats, meeting, list(meeting.agenda.all())


def _votes(seats, *choices):
    return {seat.pk: choice for seat, choice in zip(seats, choices, strict=True)}


def _hold(world, meeting, present, decisions=(), minutes="会议纪要"):
    record = HoldRecord(held_on=timezone.localdate(), present=tuple(s.pk for s in present), decisions=decisions,
                        minutes=minutes)  # fmt: skip
    return meeting_hold(actor=world.users["committee_b"], meeting_id=meeting.pk, record=record)


def test_state_table_allows_each_action_from_its_sources_only():
    for status, _label in workflow.STATUS_CHOICES:
        for action, move in workflow.TABLE.items():
            if status in move.sources:
                assert workflow.transition(status=status, action=action).target == move.target
            else:
                with pytest.raises(workflow.TransitionError):
                    workflow.transition(status=status, action=action)


def test_meeting_create_needs_a_current_committee(world):
    data = MeetingInput(title="会议", scheduled_at=timezone.now(), agenda=(AgendaLine("议题"),))
    with pytest.raises(ValidationError) as exc:
        meeting_create(actor=world.users["admin"], estate_id=world.estate_a.pk, data=data)
    assert "__all__" in exc.value.message_dict


def test_meeting_create_refuses_an_empty_agenda(world, board):
    data = MeetingInput(title="会议", scheduled_at=timezone.now(), agenda=(AgendaLine("  "),))
    with pytest.raises(ValidationError) as exc:
        meeting_create(actor=world.users["admin"], estate_id=world.estate_b.pk, data=data)
    assert "agenda" in exc.value.message_dict


def test_hold_with_three_of_five_present_is_quorate_and_three_for_passes(world, board):
    _committee, seats, meeting, (first, second) = board
    present = seats[:3]
    meeting = _hold(world, meeting, present, (
        DecisionRecord(first.pk, "同意续聘", _votes(present, "for", "for", "for")),
        DecisionRecord(second.pk, "同意维修", _votes(present, "for", "for", "abstain")),
    ))  # fmt: skip
    assert (meeting.status, meeting.quorate, meeting.voting_members) == ("held", True, 5)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.passed, second.passed) == (True, False)  # 2 for of 5 members fails though none was against
    assert Attendance.objects.filter(meeting=meeting).count() == 3


def test_hold_with_two_of_five_present_is_not_quorate_and_takes_no_votes(world, board):
    _committee, seats, meeting, (first, _second) = board
    with pytest.raises(ValidationError) as exc:
        _hold(world, meeting, seats[:2], (DecisionRecord(first.pk, "", _votes(seats[:2], "for", "for")),))
    assert "decisions" in exc.value.message_dict
    meeting = _hold(world, meeting, seats[:2])
    assert meeting.quorate is False
    assert set(AgendaItem.objects.filter(meeting=meeting).values_list("passed", flat=True)) == {None}


def test_hold_refuses_an_alternate_as_present(world, board):
    _committee, seats, meeting, _items = board
    with pytest.raises(ValidationError) as exc:
        _hold(world, meeting, [seats[0], seats[1], seats[5]])
    assert "present" in exc.value.message_dict
    assert Meeting.objects.get(pk=meeting.pk).status == "draft"


def test_hold_refuses_a_vote_missing_for_a_present_member_and_saves_nothing(world, board):
    _committee, seats, meeting, (first, second) = board
    present = seats[:3]
    with pytest.raises(ValidationError):
        _hold(world, meeting, present, (
            DecisionRecord(first.pk, "", _votes(present[:2], "for", "for")),
            DecisionRecord(second.pk, "", _votes(present, "for", "for", "for")),
        ))  # fmt: skip
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_minutes_are_immutable_once_approved(world, board):
    _committee, seats, meeting, _items = board
    meeting = _hold(world, meeting, seats[:2])
    meeting_minutes_update(actor=world.users["committee_b"], meeting_id=meeting.pk, minutes="改正后的纪要")
    meeting_approve(actor=world.users["committee_b"], meeting_id=meeting.pk)
    with pytest.raises(InvalidTransition):
        meeting_minutes_update(actor=world.users["committee_b"], meeting_id=meeting.pk, minutes="再改")
    meeting = meeting_publish(actor=world.users["committee_b"], meeting_id=meeting.pk)
    assert (meeting.status, meeting.minutes) == ("published", "改正后的纪要")
    actions = list(AuditEvent.objects.filter(object_type="committee.meeting").values_list("action", flat=True))
    assert {"meeting.hold", "meeting.edit_minutes", "meeting.approve", "meeting.publish"} <= set(actions)


def test_approve_refuses_empty_minutes(world, board):
    _committee, seats, meeting, _items = board
    meeting = _hold(world, meeting, seats[:2], minutes="")
    with pytest.raises(ValidationError):
        meeting_approve(actor=world.users["committee_b"], meeting_id=meeting.pk)


def test_publish_before_approval_and_cancel_after_holding_are_invalid_transitions(world, board):
    _committee, seats, meeting, _items = board
    with pytest.raises(InvalidTransition):
        meeting_publish(actor=world.users["committee_b"], meeting_id=meeting.pk)
    _hold(world, meeting, seats[:2])
    with pytest.raises(InvalidTransition):
        meeting_cancel(actor=world.users["committee_b"], meeting_id=meeting.pk)


def test_overdue_lists_held_minutes_past_the_publication_deadline(world, board):
    _committee, seats, meeting, _items = board
    meeting = _hold(world, meeting, seats[:2])
    Meeting.objects.filter(pk=meeting.pk).update(held_on=timezone.localdate() - timedelta(days=4))
    meeting.refresh_from_db()
    assert publish_deadline(meeting, 3) == timezone.localdate() - timedelta(days=1)
    assert overdue_meetings(estate_id=world.estate_b.pk) == [meeting]
    assert overdue_meetings(estate_id=world.estate_b.pk, today=timezone.localdate() - timedelta(days=1)) == []
