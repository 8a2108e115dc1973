from datetime import date
from decimal import Decimal

import factory
from django.utils import timezone

from residents.models import Building, Estate, EstateRole, Occupancy, Ownership, Person, Unit, UnitClaim, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.com")
    phone = factory.Sequence(lambda n: f"+86139{n:08d}")
    password = factory.django.Password("correct horse battery staple")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    user = factory.SubFactory(UserFactory)
    full_name = factory.Sequence(lambda n: f"住户{n}")


class EstateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Estate
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"estate{n}")
    name = factory.Sequence(lambda n: f"小区{n}")


class BuildingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Building

    estate = factory.SubFactory(EstateFactory)
    name = factory.Sequence(lambda n: f"{n}号楼")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    building = factory.SubFactory(BuildingFactory)
    estate = factory.LazyAttribute(lambda o: o.building.estate)
    # five digits from 20000: never one of the hand-written numbers tests give (0101, 9001 ...) in the same building
    number = factory.Sequence(lambda n: f"{n + 20000}")
    floor = 3
    area = Decimal("88.00")


class OwnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ownership

    person = factory.SubFactory(PersonFactory)
    unit = factory.SubFactory(UnitFactory)
    start = date(2020, 1, 1)
    verified_at = factory.LazyFunction(timezone.now)


class OccupancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Occupancy

    person = factory.SubFactory(PersonFactory)
    unit = factory.SubFactory(UnitFactory)
    kind = Occupancy.Kind.TENANT
    start = date(2024, 1, 1)


class EstateRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EstateRole

    user = factory.SubFactory(UserFactory)
    estate = factory.SubFactory(EstateFactory)
    role = "dispatcher"


class UnitClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitClaim

    person = factory.SubFactory(PersonFactory)
    unit = factory.SubFactory(UnitFactory)
    relation = UnitClaim.Relation.OWNER
