"""Everything that can happen to a committee meeting. Each public function is one transaction: lock the meeting,
ask the state table, save, write the audit row. Quorum and the decisions' verdicts come from rules.py."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audit_record
from core.errors import Conflict, InvalidTransition

from ..members.models import VOTING_ROLES, Member
from ..members.selectors import current_committee
from . import rules
from .models import AgendaItem, Attendance, Choice, Meeting, Vote
from .workflow import STATUS_LABELS, TransitionError, transition

MAX_AGENDA = 30
MAX_MINUTES = 20000


@dataclass(frozen=True)
class AgendaLine:
    title: str
    needs_decision: bool = True


@dataclass(frozen=True)
class MeetingInput:
    """A planned meeting: title, time, place and agenda."""

    title: str
    scheduled_at: datetime
    place: str = ""
    agenda: tuple[AgendaLine, ...] = ()


@dataclass(frozen=True)
class DecisionRecord:
    """One agenda item's resolution and each present member's vote on it ({member id: "for"|"against"|"abstain"})."""

    item_id: int
    resolution: str = ""
    votes: dict = field(default_factory=dict)


@dataclass(frozen=True)
class HoldRecord:
    """What happened at the meeting: the day, the voting members present, the decisions and the minutes."""

    held_on: date
    present: tuple[int, ...]
    decisions: tuple[DecisionRecord, ...] = ()
    minutes: str = ""


def _meeting_errors(data: MeetingInput) -> dict:
    errors = {}
    if not data.title.strip() or len(data.title) > 120:
        errors["title"] = [_("Give the meeting a title (at most 120 characters).")]
    lines = [line for line in data.agenda if line.title.strip()]
    if not lines:
        errors["agenda"] = [_("Put at least one matter on the agenda.")]
    elif len(lines) > MAX_AGENDA or any(len(line.title) > 200 for line in lines):
        errors["agenda"] = [_("At most %(n)s matters, each under 200 characters.") % {"n": MAX_AGENDA}]
    return errors


@transaction.atomic
def meeting_create(*, actor, estate_id: int, data: MeetingInput, request=None) -> Meeting:
    """Plan a meeting of the estate's current committee with its agenda. Raises ValidationError naming each bad
    field, or when the estate has no current committee."""
    errors = _meeting_errors(data)
    committee = current_committee(estate_id=estate_id)
    if committee is None:
        errors["__all__"] = [_("Record the current committee and its members before planning a meeting.")]
    if errors:
        raise ValidationError(errors)
    meeting = Meeting.objects.create(estate_id=estate_id, committee=committee, title=data.title.strip(),
                                     scheduled_at=data.scheduled_at, place=data.place.strip())  # fmt: skip
    lines = [line for line in data.agenda if line.title.strip()]
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=i, title=line.title.strip(), needs_decision=line.needs_decision)
        for i, line in enumerate(lines, start=1)
    )
    audit_record(action="meeting.create", actor=actor, obj=meeting, estate_id=estate_id, request=request)
    return meeting


# --- the transitions -----------------------------------------------------------------------------------------

_WRONG_STATUS = gettext_lazy("This meeting is “%(status)s”; that is not possible now.")


def _locked(meeting_id: int, action: str, expected_version: int | None = None) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    if expected_version is not None and meeting.version != expected_version:
        raise Conflict(_("Someone else changed this meeting a moment ago. Reload it and try again."))
    try:
        move = transition(status=meeting.status, action=action)
    except TransitionError as exc:
        raise InvalidTransition(_WRONG_STATUS % {"status": STATUS_LABELS[meeting.status]}) from exc
    meeting.move = move
    return meeting


def _save(meeting: Meeting, action: str, actor, request, **detail) -> Meeting:
    meeting.status = meeting.move.target
    meeting.version += 1
    meeting.save()
    audit_record(action=f"meeting.{action}", actor=actor, obj=meeting, estate_id=meeting.estate_id, request=request,
                 **detail)  # fmt: skip
    return meeting


def _minutes_errors(minutes: str) -> dict:
    if len(minutes) > MAX_MINUTES:
        return {"minutes": [_("Keep the minutes under %(n)s characters.") % {"n": f"{MAX_MINUTES:,}"}]}
    return {}


def _attendance_errors(meeting: Meeting, record: HoldRecord, voting: dict) -> dict:
    errors = {}
    if len(set(record.present)) != len(record.present) or not set(record.present) <= set(voting):
        errors["present"] = [_("Mark as present only voting members of this committee, each once (alternates do "
                               "not count and there are no proxies).")]  # fmt: skip
    if record.held_on < timezone.localtime(meeting.scheduled_at).date() or record.held_on > timezone.localdate():
        errors["held_on"] = [_("The meeting is held on or after its planned day, and not in the future.")]
    return errors


def _decision_errors(items: dict, record: HoldRecord, quorate: bool) -> dict:
    present, errors = set(record.present), []
    for decision in record.decisions:
        item = items.get(decision.item_id)
        if item is None:
            errors.append(_("Record decisions only on this meeting's agenda items."))
        elif decision.votes and not (quorate and item.needs_decision):
            errors.append(_("“%(item)s”: no votes can be recorded (the meeting is not quorate or the item is not "
                            "for decision).") % {"item": item.title})  # fmt: skip
        elif quorate and item.needs_decision and set(decision.votes) != present:
            errors.append(_("“%(item)s”: record the vote of every member present, and only theirs.")
                          % {"item": item.title})  # fmt: skip
        elif any(choice not in Choice.values for choice in decision.votes.values()):
            errors.append(_("A vote is for, against or abstain."))
    missing = [i.title for i in items.values() if quorate and i.needs_decision
               and i.pk not in {d.item_id for d in record.decisions}]  # fmt: skip
    if missing:
        errors.append(_("Record the votes on: %(items)s.") % {"items": "; ".join(missing)})
    return {"decisions": errors} if errors else {}


@transaction.atomic
def meeting_hold(*, actor, meeting_id: int, record: HoldRecord, request=None) -> Meeting:
    """Record that the meeting took place: who of the voting members was present, each decision's votes, the
    minutes. Quorum and every verdict are measured against all voting members then. Raises ValidationError
    (nothing saved), InvalidTransition unless planned."""
    meeting = _locked(meeting_id, "hold")
    voting = {m.pk: m for m in Member.objects.filter(committee_id=meeting.committee_id, ended_on__isnull=True,
                                                     role__in=VOTING_ROLES)}  # fmt: skip
    quorate = rules.is_quorate(members=len(voting), present=len(set(record.present) & set(voting)))
    items = {item.pk: item for item in meeting.agenda.all()}
    errors = {**_attendance_errors(meeting, record, voting), **_decision_errors(items, record, quorate),
              **_minutes_errors(record.minutes)}  # fmt: skip
    if errors:
        raise ValidationError(errors)
    Attendance.objects.bulk_create(Attendance(meeting=meeting, member_id=pk) for pk in record.present)
    for decision in record.decisions:
        _decide(items[decision.item_id], decision, members=len(voting), present=len(record.present))
    meeting.held_on, meeting.voting_members, meeting.quorate = record.held_on, len(voting), quorate
    meeting.minutes = record.minutes.strip()
    return _save(meeting, "hold", actor, request, present=len(record.present), voting_members=len(voting),
                 quorate=quorate)  # fmt: skip


def _decide(item: AgendaItem, decision: DecisionRecord, *, members: int, present: int) -> None:
    Vote.objects.bulk_create(Vote(item=item, member_id=pk, choice=c) for pk, c in decision.votes.items())
    counts = {choice: list(decision.votes.values()).count(choice) for choice in Choice.values}
    if item.needs_decision:
        item.passed = rules.tally(members=members, present=present, votes_for=counts["for"],
                                  against=counts["against"], abstain=counts["abstain"]).passed  # fmt: skip
    item.resolution = decision.resolution.strip()
    item.save(update_fields=["passed", "resolution"])


@transaction.atomic
def meeting_minutes_update(*, actor, meeting_id: int, minutes: str, expected_version=None, request=None) -> Meeting:
    """Correct the minutes of a held meeting before they are approved. Raises InvalidTransition once approved."""
    meeting = _locked(meeting_id, "edit_minutes", expected_version)
    errors = _minutes_errors(minutes)
    if errors:
        raise ValidationError(errors)
    meeting.minutes = minutes.strip()
    return _save(meeting, "edit_minutes", actor, request)


@transaction.atomic
def meeting_approve(*, actor, meeting_id: int, expected_version=None, request=None) -> Meeting:
    """Approve the minutes: from now on they cannot change. Raises ValidationError when they are empty."""
    meeting = _locked(meeting_id, "approve", expected_version)
    if not meeting.minutes.strip():
        raise ValidationError({"minutes": [_("Write the minutes before approving them.")]})
    meeting.approved_at, meeting.approved_by = timezone.now(), actor
    return _save(meeting, "approve", actor, request)


@transaction.atomic
def meeting_publish(*, actor, meeting_id: int, expected_version=None, request=None) -> Meeting:
    """Publish the approved minutes to the estate's residents."""
    meeting = _locked(meeting_id, "publish", expected_version)
    meeting.published_at = timezone.now()
    return _save(meeting, "publish", actor, request)


@transaction.atomic
def meeting_cancel(*, actor, meeting_id: int, expected_version=None, request=None) -> Meeting:
    """Cancel a planned meeting."""
    meeting = _locked(meeting_id, "cancel", expected_version)
    return _save(meeting, "cancel", actor, request)
