"""Reads, always scoped to what the user may see. A row out of scope simply is not in the queryset (→ 404)."""

from dataclasses import dataclass

from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q, Value

from . import access
from .models import Building, CommonArea, ContactConsent, Estate, Occupancy, Ownership, Person, Unit, UnitClaim


def units_for_resident(*, user):
    """The units the user currently owns (verified) or lives in."""
    return Unit.objects.filter(pk__in=access.resident_unit_ids(user)).select_related("building", "estate")


def claims_for_resident(*, user):
    return UnitClaim.objects.filter(person__user=user).select_related("unit__building", "unit__estate")


def estates_for_staff(*, user, capability: str = "registry.view"):
    return access.scope_by_estate(Estate.objects.all(), user, capability, field="id")


def buildings_for_staff(*, user):
    return access.scope_by_estate(Building.objects.select_related("estate"), user, "registry.view")


def units_for_staff(*, user):
    return access.scope_by_estate(Unit.objects.select_related("building", "estate"), user, "registry.view")


def common_areas_for_staff(*, user):
    return access.scope_by_estate(CommonArea.objects.select_related("estate", "building"), user, "registry.view")


def claims_for_staff(*, user):
    return access.scope_by_estate(
        UnitClaim.objects.select_related("unit__building", "unit__estate", "person__user"),
        user,
        "claims.decide",
        field="unit__estate_id",
    )


def people_for_staff(*, user):
    """People with a current or past tie to a unit in an estate where the user may view people."""
    ids = access.estate_ids_with(user, "people.view")
    people = Person.objects.select_related("user")
    if ids is None:
        return people
    owns = Ownership.objects.filter(person=OuterRef("pk"), unit__estate_id__in=ids)
    lives = Occupancy.objects.filter(person=OuterRef("pk"), unit__estate_id__in=ids)
    claims = UnitClaim.objects.filter(person=OuterRef("pk"), unit__estate_id__in=ids)
    return people.filter(Q(Exists(owns)) | Q(Exists(lives)) | Q(Exists(claims)))


def person_estate_ids(*, person) -> set[int]:
    """Estates a person is tied to (for deciding who may reveal their phone)."""
    return (
        set(Ownership.objects.filter(person=person).values_list("unit__estate_id", flat=True))
        | set(Occupancy.objects.filter(person=person).values_list("unit__estate_id", flat=True))
        | set(UnitClaim.objects.filter(person=person).values_list("unit__estate_id", flat=True))
    )


def unit_find(*, estate_slug: str, building: str, number: str):
    """The unit a resident names when claiming it, or None."""
    return (
        Unit.objects.select_related("estate", "building")
        .filter(estate__slug=estate_slug, building__name=building, number=number)
        .first()
    )


def places_with_code(*, estate_id: int, code: str) -> list:
    """Units and common areas of the estate whose `address_code` is `code` (normally one; more is ambiguous).

    A code "building-rest" may split at any hyphen (building and unit names may hold hyphens themselves), so
    every split is tried against the (building, number) and (building, name) unique keys.
    """
    splits = [(code[:i], code[i + 1 :]) for i, char in enumerate(code) if char == "-"]
    unit_q, area_q = Q(pk__in=[]), Q(building__isnull=True, name=code)
    for building, rest in splits:
        unit_q |= Q(building__name=building, number=rest)
        area_q |= Q(building__name=building, name=rest)
    units = Unit.objects.filter(unit_q, estate_id=estate_id).select_related("building")
    areas = CommonArea.objects.filter(area_q, estate_id=estate_id).select_related("building")
    return [*units, *areas]


def building_register(*, user, estate_slug: str, building_id: int | None):
    """(estate, its buildings, the chosen building, its units, whether people are shown) for staff.

    Current owners and occupants come along only for users who may view people in that estate.
    Raises Estate.DoesNotExist when the estate is out of the user's scope.
    """
    from django.db.models import Prefetch

    estate = estates_for_staff(user=user).get(slug=estate_slug)
    buildings = list(estate.buildings.order_by("name"))
    chosen = next((b for b in buildings if b.pk == building_id), buildings[0] if buildings else None)
    units = Unit.objects.filter(building=chosen).select_related("building").order_by("floor", "number")
    with_people = access.can(user, "people.view", estate.pk)
    if with_people:
        units = units.prefetch_related(
            Prefetch("ownerships", Ownership.objects.filter(access.current()).select_related("person__user")),
            Prefetch("occupancies", Occupancy.objects.filter(access.current()).select_related("person__user")),
        )
    return estate, buildings, chosen, units, with_people


def common_areas_of(*, estate, building):
    """The estate-wide common areas and those of `building`, for the staff registry page."""
    areas = CommonArea.objects.filter(Q(building__isnull=True) | Q(building=building), estate=estate)
    return areas.select_related("building").order_by("building_id", "name")


@dataclass(frozen=True)
class HouseholdMember:
    """Someone linked to one of the user's units, as a household member may see them: a name and a relation,
    never a phone or an email. A claim not yet verified shows the name masked (王**)."""

    unit_id: int
    name: str
    relation: str  # UnitClaim.Relation value: owner, tenant or household
    pending: bool
    is_me: bool

    @property
    def relation_label(self):
        return UnitClaim.Relation(self.relation).label


def _mask_name(name: str) -> str:
    return name[:1] + "*" * max(len(name) - 1, 1)


def household_for_resident(*, user) -> dict[int, list[HouseholdMember]]:
    """{unit id: members} for the units the user currently owns (verified) or lives in: current owners (verified
    or awaiting verification), current occupants and pending claims, the user included. One query."""
    unit_ids = access.resident_unit_ids(user)
    if not unit_ids:
        return {}
    columns = ("unit_id", "person__user_id", "person__full_name", "relation", "pending")
    owners = (
        Ownership.objects.filter(access.current(), unit_id__in=unit_ids)
        .annotate(
            relation=Value(UnitClaim.Relation.OWNER),
            pending=ExpressionWrapper(Q(verified_at__isnull=True), BooleanField()),
        )
        .values_list(*columns)
        .order_by()
    )
    occupants = (
        Occupancy.objects.filter(access.current(), unit_id__in=unit_ids)
        .annotate(relation=F("kind"), pending=Value(False))
        .values_list(*columns)
        .order_by()
    )
    claims = (
        UnitClaim.objects.filter(unit_id__in=unit_ids, status=UnitClaim.Status.PENDING)
        .annotate(pending=Value(True))
        .values_list(*columns)
        .order_by()
    )
    household: dict[int, list[HouseholdMember]] = {}
    for unit_id, user_id, name, relation, pending in owners.union(occupants, claims, all=True).order_by("unit_id"):
        is_me = user_id == user.pk
        shown = _mask_name(name) if pending and not is_me else name
        household.setdefault(unit_id, []).append(HouseholdMember(unit_id, shown, relation, bool(pending), is_me))
    for members in household.values():
        members.sort(key=lambda m: (not m.is_me, m.pending, m.relation, m.name))
    return household


def contact_consents_open(*, person) -> dict[str, object]:
    """{topic: given at} for the consents the person now holds (channels and news and offers). One query."""
    return dict(person.contact_consents.filter(withdrawn_at__isnull=True).values_list("topic", "given_at"))


def contact_settings(*, person) -> list[tuple]:
    """(label, on, agreed at) for each channel and for news and offers, as 'my home' shows them. A channel is on
    when the person chose it (one a person imported by staff had may have no consent recorded yet); news and
    offers only while a consent to them is held. One query."""
    held, chosen = contact_consents_open(person=person), set(person.channels)
    marketing = ContactConsent.Topic.MARKETING
    return [
        (label, topic in held if topic == marketing else topic in chosen, held.get(topic))
        for topic, label in ContactConsent.Topic.choices
    ]


def privacy_consent_current(*, person):
    """The person's latest privacy-notice acceptance not withdrawn, or None. One query."""
    return person.consents.filter(withdrawn_at__isnull=True).order_by("-accepted_at").first()


def homes_for_resident(*, user) -> list:
    """The user's current units, each with `.household` (its HouseholdMembers). Two queries."""
    household = household_for_resident(user=user)
    units = (
        list(units_for_resident(user=user).order_by("estate__name", "building__name", "number")) if household else []
    )
    for unit in units:
        unit.household = household.get(unit.pk, [])
    return units
