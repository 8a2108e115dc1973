"""Reads for the committee's members: the estate a page names (scoped), the current committee and its seats, and
the warnings about its size, filing and term."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.utils import timezone

from residents import access
from residents.models import Estate
from residents.selectors import estates_for_staff

from ..selectors import rules_for
from . import checks
from .models import VOTING_ROLES, Committee, Member, MemberRole

ROLE_ORDER = Case(*[When(role=role, then=Value(i)) for i, role in enumerate(MemberRole.values)],
                  output_field=IntegerField())  # fmt: skip


def committee_estate(*, user, slug: str, capability: str = "committee.view") -> Estate:
    """The estate `slug` if the user has `capability` there; PermissionDenied without it anywhere, Http404 when
    the estate is another's."""
    if not access.can(user, capability):
        raise PermissionDenied
    estate = estates_for_staff(user=user, capability=capability).filter(slug=slug).first()
    if estate is None:
        raise Http404
    return estate


def resident_estate(*, user, slug: str) -> Estate:
    """The estate `slug` if the user currently owns or lives in a home there; Http404 otherwise."""
    estate = Estate.objects.filter(slug=slug, units__in=access.resident_unit_ids(user)).first()
    if estate is None:
        raise Http404
    return estate


def current_committee(*, estate_id: int) -> Committee | None:
    return Committee.objects.filter(estate_id=estate_id, ended_on__isnull=True).first()


def open_seats(*, committee_id: int):
    """The committee's members who have not left, chair first, with their person."""
    seats = Member.objects.filter(committee_id=committee_id, ended_on__isnull=True).select_related("person")
    return seats.annotate(role_order=ROLE_ORDER).order_by("role_order", "person__full_name", "pk")


def voting_count(*, committee_id: int) -> int:
    return Member.objects.filter(committee_id=committee_id, ended_on__isnull=True, role__in=VOTING_ROLES).count()


def size_rules(*, estate_id: int) -> checks.SizeRules:
    rules = rules_for(estate_id=estate_id)
    return checks.SizeRules(rules.members_min, rules.members_max, rules.members_odd, rules.filing_days,
                            rules.term_years_max)  # fmt: skip


def committee_warnings(*, committee: Committee, voting: int) -> list[str]:
    """Every warning about the committee: its size (voting members), its filing and its term."""
    rules = size_rules(estate_id=committee.estate_id)
    term = checks.term_warnings(elected_on=committee.elected_on, filed_on=committee.filed_on,
                                term_start=committee.term_start, term_end=committee.term_end,
                                today=timezone.localdate(), rules=rules)  # fmt: skip
    return checks.size_warnings(voting=voting, rules=rules) + term


@dataclass
class CommitteeOverview:
    """The current committee of an estate (None when there is none), its open seats and the warnings."""

    committee: Committee | None
    seats: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def voting(self) -> int:
        return sum(1 for seat in self.seats if seat.votes)


def committee_overview(*, estate_id: int) -> CommitteeOverview:
    committee = current_committee(estate_id=estate_id)
    if committee is None:
        return CommitteeOverview(None)
    seats = list(open_seats(committee_id=committee.pk))
    overview = CommitteeOverview(committee, seats)
    overview.warnings = committee_warnings(committee=committee, voting=overview.voting)
    return overview


def seat_in_estate(*, estate_id: int, member_id: int) -> Member:
    """A seat on any of the estate's committees; Http404 when it is another estate's."""
    seat = Member.objects.filter(pk=member_id, committee__estate_id=estate_id).select_related("person", "committee")
    found = seat.first()
    if found is None:
        raise Http404
    return found
