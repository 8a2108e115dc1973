"""Building owners' votes for tests: an estate of owners, a motion, and the clock around its window."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from committee.votes.services import MotionInput, motion_announce, motion_create
from tests.residents.factories import BuildingFactory, OwnershipFactory, PersonFactory, UnitFactory

NOW = timezone.now().replace(microsecond=0)
OPENS = NOW + timedelta(days=16)
CLOSES = OPENS + timedelta(days=14)
DURING = OPENS + timedelta(days=1)
AFTER = CLOSES + timedelta(minutes=1)
PASSWORD = "correct horse battery staple"  # tests.residents.factories.UserFactory


def motion_input(**changes) -> MotionInput:
    values = {
        "title": "更换电梯",
        "agenda": "动用维修资金更换3号楼电梯。",
        "matter": 5,
        "opens_at": OPENS,
        "closes_at": CLOSES,
    }
    return MotionInput(**{**values, **changes})


def owners_of(estate, *areas):
    """One verified owner per unit, units of the given areas in a new building of the estate; their persons."""
    building = BuildingFactory(estate=estate)
    people = []
    for area in areas:
        ownership = OwnershipFactory(unit=UnitFactory(building=building, area=Decimal(area)), person=PersonFactory())
        people.append(ownership.person)
    return people


def announced(world, *, matter=5, now=None):
    """A vote in estate A announced (now, unless told) by its committee member, with the default window."""
    actor = world.users["committee"]
    motion = motion_create(estate_id=world.estate_a.pk, actor=actor, data=motion_input(matter=matter))
    return motion_announce(motion_id=motion.pk, actor=actor, now=now)
