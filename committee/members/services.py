"""Everything that can happen to an estate's committee and its seats. Each function is one transaction that writes
its audit row; a seat given to or taken from a person grants or revokes their committee role in that estate."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import Conflict, InvalidTransition
from residents import access
from residents.models import EstateRole, Occupancy, Ownership, Person, Role

from .models import Committee, Member, MemberRole


@dataclass(frozen=True)
class TermInput:
    """A committee's election, filing and term."""

    elected_on: date
    term_start: date
    term_end: date
    filed_on: date | None = None


@dataclass(frozen=True)
class SeatInput:
    """Who takes a seat: the person living in or owning the unit (building name and unit number) under that
    full name, and the seat's role and dates (the committee's term when left empty)."""

    building: str
    unit: str
    full_name: str
    role: str
    start: date | None = None
    end: date | None = None


def _term_errors(data: TermInput) -> dict:
    errors = {}
    if data.term_start >= data.term_end:
        errors["term_end"] = [_("The term must end after it starts.")]
    if data.elected_on > data.term_start:
        errors["elected_on"] = [_("The election comes before the term starts.")]
    if data.filed_on is not None and data.filed_on < data.elected_on:
        errors["filed_on"] = [_("A committee is filed after its election, not before.")]
    return errors


def _check_term(data: TermInput) -> None:
    errors = _term_errors(data)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def committee_create(*, actor, estate_id: int, data: TermInput, request=None) -> Committee:
    """Record a newly elected committee. Raises ValidationError on impossible dates and Conflict while the
    estate's current committee has not ended."""
    _check_term(data)
    if Committee.objects.select_for_update().filter(estate_id=estate_id, ended_on__isnull=True).exists():
        raise Conflict(_("The estate already has a current committee; end it before recording the next one."))
    committee = Committee.objects.create(estate_id=estate_id, elected_on=data.elected_on, filed_on=data.filed_on,
                                         term_start=data.term_start, term_end=data.term_end)  # fmt: skip
    audit_record(action="committee.create", actor=actor, obj=committee, estate_id=estate_id, request=request)
    return committee


def _locked_current(committee_id: int) -> Committee:
    committee = Committee.objects.select_for_update().get(pk=committee_id)
    if committee.ended_on is not None:
        raise InvalidTransition(_("This committee's term has ended; it can no longer change."))
    return committee


@transaction.atomic
def committee_update(*, actor, committee_id: int, data: TermInput, request=None) -> Committee:
    """Correct the current committee's dates or record its filing (备案). Raises ValidationError, InvalidTransition
    once ended."""
    committee = _locked_current(committee_id)
    _check_term(data)
    for name in ("elected_on", "filed_on", "term_start", "term_end"):
        setattr(committee, name, getattr(data, name))
    committee.save()
    audit_record(action="committee.update", actor=actor, obj=committee, estate_id=committee.estate_id,
                 request=request)  # fmt: skip
    return committee


@transaction.atomic
def committee_end(*, actor, committee_id: int, request=None) -> Committee:
    """End the current committee today: every open seat ends with it and its holders lose the committee role."""
    committee = _locked_current(committee_id)
    today = timezone.localdate()
    committee.ended_on = today
    committee.save(update_fields=["ended_on", "updated_at"])
    for seat in committee.members.select_for_update().filter(ended_on__isnull=True).select_related("person"):
        _close_seat(seat, today, actor, request)
    audit_record(action="committee.end", actor=actor, obj=committee, estate_id=committee.estate_id, request=request)
    return committee


# --- seats ---------------------------------------------------------------------------------------------------


def _person_in_unit(estate_id: int, data: SeatInput) -> Person | None:
    """The person of that name who currently owns (verified) or lives in the unit."""
    unit = {"unit__estate_id": estate_id, "unit__building__name": data.building.strip(),
            "unit__number": data.unit.strip()}  # fmt: skip
    owners = Ownership.objects.filter(access.current(), verified_at__isnull=False, **unit).values("person_id")
    occupants = Occupancy.objects.filter(access.current(), **unit).values("person_id")
    people = Person.objects.filter(full_name=data.full_name.strip()).select_related("user")
    return (people.filter(pk__in=owners) | people.filter(pk__in=occupants)).first()


def _seat_errors(committee: Committee, data: SeatInput, person, start: date, end: date) -> dict:
    errors = {}
    if data.role not in MemberRole.values:
        errors["role"] = [_("Choose chair, vice-chair, member or alternate member.")]
    if person is None:
        errors["full_name"] = [_("Nobody of that name owns or lives in that unit of this estate. Check the building, "
                                 "the unit number and the name as registered.")]  # fmt: skip
    elif committee.members.filter(person=person, ended_on__isnull=True).exists():
        errors["full_name"] = [_("%(name)s already has a seat on this committee.") % {"name": person.full_name}]
    if data.role == MemberRole.CHAIR and committee.members.filter(role=MemberRole.CHAIR,
                                                                 ended_on__isnull=True).exists():  # fmt: skip
        errors["role"] = [_("The committee already has a chair; end that seat first.")]
    if not (committee.term_start <= start <= end <= committee.term_end):
        errors["end"] = [_("A seat runs within the committee's term (%(start)s to %(end)s).")
                         % {"start": committee.term_start, "end": committee.term_end}]  # fmt: skip
    return errors


@transaction.atomic
def member_add(*, actor, committee_id: int, data: SeatInput, request=None) -> Member:
    """Seat a person of the estate on its current committee and grant them the committee role there. Raises
    ValidationError naming each bad field (a second chair, an unknown person), InvalidTransition once ended."""
    committee = _locked_current(committee_id)
    person = _person_in_unit(committee.estate_id, data)
    start, end = data.start or committee.term_start, data.end or committee.term_end
    errors = _seat_errors(committee, data, person, start, end)
    if errors:
        raise ValidationError(errors)
    seat = Member.objects.create(committee=committee, person=person, role=data.role, start=start, end=end)
    grant, created = EstateRole.objects.get_or_create(user=person.user, estate_id=committee.estate_id,
                                                      role=Role.COMMITTEE)  # fmt: skip
    audit_record(action="committee.member_add", actor=actor, obj=seat, estate_id=committee.estate_id,
                 request=request, role=seat.role)  # fmt: skip
    if created:
        audit_record(action="role.grant", actor=actor, obj=grant, estate_id=committee.estate_id, request=request,
                     role=Role.COMMITTEE, reason="committee.member_add")  # fmt: skip
    return seat


@transaction.atomic
def member_end(*, actor, member_id: int, request=None) -> Member:
    """A member leaves today: their seat ends and they lose the committee role in the estate unless they hold
    another open seat there. Raises InvalidTransition when the seat has already ended."""
    seat = Member.objects.select_for_update().select_related("person", "committee").get(pk=member_id)
    if seat.ended_on is not None:
        raise InvalidTransition(_("This member has already left the committee."))
    _close_seat(seat, timezone.localdate(), actor, request)
    return seat


def _close_seat(seat: Member, today: date, actor, request) -> None:
    seat.ended_on = today
    seat.save(update_fields=["ended_on", "updated_at"])
    estate_id = seat.committee.estate_id
    audit_record(action="committee.member_end", actor=actor, obj=seat, estate_id=estate_id, request=request)
    still_seated = Member.objects.filter(person_id=seat.person_id, committee__estate_id=estate_id,
                                         ended_on__isnull=True).exists()  # fmt: skip
    grant = EstateRole.objects.filter(user_id=seat.person.user_id, estate_id=estate_id, role=Role.COMMITTEE).first()
    if grant is not None and not still_seated:
        audit_record(action="role.revoke", actor=actor, obj=grant, estate_id=estate_id, request=request,
                     role=Role.COMMITTEE, reason="committee.member_end")  # fmt: skip
        grant.delete()
