"""Freezing the roll at announcement (SPC 2009 Art 1, 8, 9)."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from committee.models import CommitteeRules
from committee.votes.models import RollEntry
from committee.votes.roll import roll_build
from tests.residents.factories import BuildingFactory, OwnershipFactory, PersonFactory, UnitFactory


def _estate_roll(world, developer_id=None, at=None):
    entries = roll_build(estate_id=world.estate_a.pk, at=at or timezone.now(), developer_id=developer_id)
    return {e.key: e for e in entries}


def test_roll_counts_an_owner_of_several_units_once_with_all_their_area(world):
    owner = world.users["owner"].person
    OwnershipFactory(person=owner, unit=UnitFactory(building=world.unit_a.building, area=Decimal("50.50")))
    entry = _estate_roll(world)[f"owner-{owner.pk}"]
    assert len(entry.units) == 2 and entry.area == Decimal("138.50")


def test_roll_puts_co_owners_of_a_unit_in_one_entry(world):
    spouse = OwnershipFactory(unit=world.unit_a).person
    roll = _estate_roll(world)
    owner = world.users["owner"].person
    entry = roll[f"owner-{min(owner.pk, spouse.pk)}"]
    assert entry.person_ids == {owner.pk, spouse.pk} and entry.area == Decimal("88.00")
    assert sum(not e.developer for e in roll.values()) == 1


def test_roll_gives_units_without_a_verified_owner_to_the_developer_as_one_head(world):
    # unit_a2 has only a pending claim; another unit's ownership is not verified; a third's ended
    OwnershipFactory(unit=UnitFactory(building=world.unit_a.building), verified_at=None)
    OwnershipFactory(unit=UnitFactory(building=world.unit_a.building), end=date.today() - timedelta(days=1))
    roll = _estate_roll(world)
    assert roll["developer"].developer and len(roll["developer"].units) == 3
    assert roll["developer"].person_ids == set()


def test_roll_merges_the_developers_person_record_with_its_unsold_units(world):
    developer = PersonFactory(full_name="开发商")
    OwnershipFactory(person=developer, unit=UnitFactory(building=world.unit_a.building, area=Decimal("100")))
    roll = _estate_roll(world, developer_id=developer.pk)
    assert roll["developer"].area == Decimal("188.00")  # its own unit and unit_a2
    assert f"owner-{developer.pk}" not in roll


def test_roll_leaves_out_owners_verified_after_the_roll_date(world):
    later = timezone.now() + timedelta(hours=1)
    late = OwnershipFactory(unit=UnitFactory(building=world.unit_a.building), verified_at=later)
    roll = _estate_roll(world)
    assert f"owner-{late.person_id}" not in roll
    assert late.unit_id in {uid for uid, _, _ in roll["developer"].units}


def test_roll_covers_only_the_estate_and_every_unit_of_it(world):
    BuildingFactory(estate=world.estate_a)
    roll = _estate_roll(world)
    assert sum(len(e.units) for e in roll.values()) == 2  # unit_a and unit_a2; estate B's unit is not there


def test_announcing_stores_the_roll_with_units_and_people(world):
    from tests.committee.votes_helpers import announced

    CommitteeRules.objects.create(estate=world.estate_a)
    motion = announced(world)
    entries = RollEntry.objects.filter(motion=motion).order_by("key")
    assert [e.key for e in entries] == ["developer", f"owner-{world.users['owner'].person.pk}"]
    owner_entry = entries.get(developer=False)
    assert list(owner_entry.persons.all()) == [world.users["owner"].person]
    assert [u.code for u in owner_entry.units.all()] == ["1号楼-0101"]
