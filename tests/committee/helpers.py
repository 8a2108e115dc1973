"""Building an estate's committee through the services, for the committee's tests and the permission matrix."""

from datetime import timedelta

from django.utils import timezone

from committee.meetings.services import AgendaLine, MeetingInput, meeting_create
from committee.members.services import SeatInput, TermInput, committee_create, member_add
from residents.models import Building
from tests.residents.factories import BuildingFactory, OwnershipFactory, UnitFactory

ROLES = ("chair", "vice_chair", "member", "member", "member", "member", "member", "member", "member", "member")


def owner_in(estate, number: str, building=None):
    """A verified owner of a new unit of the estate; returns (person, building)."""
    building = building or Building.objects.filter(estate=estate, name="委员楼").first()
    building = building or BuildingFactory(estate=estate, name="委员楼")
    unit = UnitFactory(building=building, number=number)
    return OwnershipFactory(unit=unit).person, building


def term(today=None) -> TermInput:
    today = today or timezone.localdate()
    start = today - timedelta(days=20)
    return TermInput(elected_on=start, filed_on=start + timedelta(days=10), term_start=start,
                     term_end=start.replace(year=start.year + 5))  # fmt: skip


def seated_committee(estate, actor, *, voting: int = 5, alternates: int = 0):
    """The estate's current committee with `voting` voting members (a chair first) and `alternates`."""
    committee = committee_create(actor=actor, estate_id=estate.pk, data=term())
    building, seats = None, []
    for i in range(voting + alternates):
        person, building = owner_in(estate, f"9{i:03d}", building)
        role = ROLES[i] if i < voting else "alternate"
        data = SeatInput(building=building.name, unit=f"9{i:03d}", full_name=person.full_name, role=role)
        seats.append(member_add(actor=actor, committee_id=committee.pk, data=data))
    return committee, seats


def planned_meeting(estate, actor, *, items=2):
    """A meeting planned for an hour ago, with `items` matters for decision."""
    agenda = tuple(AgendaLine(f"议题{i}") for i in range(1, items + 1))
    data = MeetingInput(
        title="第三次会议", scheduled_at=timezone.now() - timedelta(hours=1), place="会议室", agenda=agenda
    )
    return meeting_create(actor=actor, estate_id=estate.pk, data=data)
