from collections import Counter
from datetime import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F, ProtectedError
from django.utils import timezone

from residents.models import Building, Estate, Ownership, Person, Unit, User
from residents.scale import SECOND_UNIT_EVERY, ScaleSpec, plan_estate, scale_seed
from tests.residents.factories import OccupancyFactory, OwnershipFactory

pytestmark = pytest.mark.django_db


def seed(*extra, estates=2, units=50, seed=7):
    call_command("seed_scale", "--estates", estates, "--units-per-estate", units, "--seed", seed, *extra, verbosity=0)


def snapshot():
    """Everything the seed decides, without database ids or timestamps."""
    return list(
        Ownership.objects.order_by("unit__estate__slug", "unit__building__name", "unit__number").values_list(
            "unit__estate__slug",
            "unit__building__name",
            "unit__number",
            "unit__floor",
            "unit__area",
            "unit__use",
            "person__full_name",
            "person__user__username",
            "person__user__phone",
            "start",
            "verified_at",
        )
    )


def test_seed_scale_creates_the_expected_counts():
    seed("--buildings-per-estate", 3)

    owners = 2 * (50 - 50 // SECOND_UNIT_EVERY)
    assert list(Estate.objects.order_by("slug").values_list("slug", flat=True)) == ["scale-001", "scale-002"]
    assert Building.objects.count() == 6
    assert Unit.objects.count() == 100
    assert User.objects.count() == Person.objects.count() == owners
    assert Ownership.objects.count() == 100
    assert owners < 100


def test_seed_scale_gives_every_unit_one_verified_owner_in_its_buildings_estate():
    seed()

    units = Unit.objects.annotate(owners=Count("ownerships"))
    assert set(units.values_list("owners", flat=True)) == {1}
    assert not Ownership.objects.filter(verified_at__isnull=True).exists()
    assert not Unit.objects.exclude(estate=F("building__estate")).exists()
    assert set(Unit.objects.values_list("use", flat=True)) <= set(Unit.Use.values)
    assert Unit.objects.filter(use=Unit.Use.RESIDENTIAL).count() > 80


def test_seed_scale_writes_the_planned_units_owners_and_defaults():
    seed("--buildings-per-estate", 2, estates=1, units=60)

    plan = plan_estate(index=1, spec=ScaleSpec(1, 60, 2, seed=7))
    units = Unit.objects.filter(estate__slug="scale-001").order_by("pk")
    assert [(u.building.name, u.number, u.floor, u.area, u.use) for u in units] == [
        (plan.buildings[u.building], u.number, u.floor, u.area, u.use) for u in plan.units
    ]
    ownership = Ownership.objects.select_related("person__user").get(unit=units[0])
    owner = plan.owners[plan.units[0].owner]
    assert (ownership.person.full_name, ownership.start, ownership.share) == (owner.full_name, owner.start, 1)
    assert ownership.person.channels == ["in_app", "sms"] and ownership.person.language == "zh-hans"
    assert ownership.person.user.is_active and not ownership.person.user.is_staff
    assert ownership.created_at is not None and ownership.verified_at > timezone.make_aware(datetime(2000, 1, 1))


def test_seed_scale_owners_cannot_sign_in_with_a_password_and_have_unique_phones():
    seed()

    phones = list(User.objects.values_list("phone", flat=True))
    assert len(set(phones)) == len(phones)
    assert all(phone.startswith("+86139") and len(phone) == 14 for phone in phones)
    assert not any(user.has_usable_password() for user in User.objects.all())


def test_seed_scale_some_owners_own_two_units():
    seed(estates=1, units=210)

    per_owner = Counter(Ownership.objects.values_list("person", flat=True))
    assert sorted(set(per_owner.values())) == [1, 2]
    assert list(per_owner.values()).count(2) == 210 // SECOND_UNIT_EVERY


def test_seed_scale_is_deterministic_for_a_seed():
    seed()
    first = snapshot()
    seed("--replace")

    assert snapshot() == first
    assert plan_estate(index=1, spec=ScaleSpec(2, 50, 1, seed=8)) != plan_estate(
        index=1, spec=ScaleSpec(2, 50, 1, seed=7)
    )


def test_seed_scale_refuses_to_run_twice_without_replace():
    seed()

    with pytest.raises(CommandError, match="--replace"):
        seed()
    assert Unit.objects.count() == 100


def test_seed_scale_replace_deletes_only_the_earlier_scale_data():
    other = OwnershipFactory()
    seed(units=50)

    seed("--replace", units=30, estates=1)

    assert Estate.objects.filter(slug__startswith="scale-").count() == 1
    assert Unit.objects.filter(estate__slug="scale-001").count() == 30
    assert Ownership.objects.filter(pk=other.pk).exists()
    assert User.objects.filter(username__startswith="scale-").count() == 30 - 30 // SECOND_UNIT_EVERY


@pytest.mark.parametrize("units", [20, 400])
def test_seed_scale_query_count_does_not_grow_with_units(django_assert_max_num_queries, units):
    # A query per row would need at least 4 × 2 × 20 = 160; chunked bulk inserts need a handful per estate.
    with django_assert_max_num_queries(20):
        scale_seed(spec=ScaleSpec(estates=2, units_per_estate=units, buildings_per_estate=2))


def test_seed_scale_rejects_an_empty_spec():
    with pytest.raises(CommandError):
        seed(units=0)


def test_seed_scale_replace_keeps_everything_when_other_data_refers_to_it():
    seed(estates=1, units=30)
    OccupancyFactory(person=Person.objects.get(user__username="scale-0000000"))

    with pytest.raises(CommandError) as refused:
        seed("--replace", estates=1, units=30)
    assert isinstance(refused.value.__cause__, ProtectedError)
    assert Unit.objects.filter(estate__slug="scale-001").count() == 30
