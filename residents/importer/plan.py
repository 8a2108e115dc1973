"""Matching checked rows to the registry, to people and to the actor's estates, before anything is written."""

import dataclasses
from decimal import Decimal

from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import Channel

from .. import access
from ..models import Building, Estate, Ownership, Person, Unit, User
from .report import ImportCounts, RowError
from .rows import Row

LOOKUP_CHUNK = 1000  # stays under SQLite's limit on query parameters
UNIT_FIELDS = ("floor", "area", "use")
REGISTERED_DIFFERENT = {
    "floor": gettext_lazy("This unit is already registered on floor %(value)s."),
    "area": gettext_lazy("This unit is already registered with a different area: %(value)s m²."),
    "use": gettext_lazy("This unit is already registered with a different use: %(value)s."),
}
FILE_DIFFERENT = {
    "floor": gettext_lazy("Line %(line)s gives this unit a different floor."),
    "area": gettext_lazy("Line %(line)s gives this unit a different area."),
    "use": gettext_lazy("Line %(line)s gives this unit a different use."),
}


def _chunks(values: set[str]):
    values = sorted(values)
    return [values[i : i + LOOKUP_CHUNK] for i in range(0, len(values), LOOKUP_CHUNK)]


@dataclasses.dataclass(eq=False)  # identity, so an owner can be a dict key
class _Owner:
    user: User
    person: Person | None
    line: int  # the first line naming a new owner
    new: bool


class Plan:
    """Matches checked rows to the registry and to people, collecting the objects to create and the errors."""

    def __init__(self, *, actor, rows: list[Row]):
        self.actor, self.now, self.errors = actor, timezone.now(), []
        self.allowed = access.estate_ids_with(actor, "registry.import")  # None: an admin, every estate
        self.new = {model: [] for model in (Estate, Building, Unit, User, Person, Ownership)}
        self.first_rows, self.listed, self.share_totals, self.matched_units = {}, {}, {}, set()
        self._load_registry({row.estate_slug for row in rows})
        self._load_people({r.owner_phone for r in rows} - {""}, {r.owner_email for r in rows} - {""})

    def _load_registry(self, slugs: set[str]) -> None:
        found = (estate for chunk in _chunks(slugs) for estate in Estate.objects.filter(slug__in=chunk))
        self.estates = {estate.slug: estate for estate in found}
        slug_of = {estate.pk: slug for slug, estate in self.estates.items()}
        self.buildings = {(slug_of[b.estate_id], b.name): b for b in Building.objects.filter(estate_id__in=slug_of)}
        units = Unit.objects.filter(estate_id__in=slug_of).select_related("building")
        self.units = {(slug_of[u.estate_id], u.building.name, u.number): u for u in units}
        self.holders = {}  # unit id → {user id: share} of its current owners
        owned = Ownership.objects.filter(access.current(), unit__estate_id__in=slug_of)
        for unit_id, user_id, share in owned.values_list("unit_id", "person__user_id", "share"):
            self.holders.setdefault(unit_id, {})[user_id] = share

    def _load_people(self, phones: set[str], emails: set[str]) -> None:
        users = User.objects.select_related("person").annotate(email_lower=Lower("email"))
        found = {u.pk: u for chunk in _chunks(phones) for u in users.filter(phone__in=chunk)}
        found.update({u.pk: u for chunk in _chunks(emails) for u in users.filter(email_lower__in=chunk)})
        self.by_phone, self.by_email = {}, {}
        for user in found.values():
            owner = _Owner(user=user, person=getattr(user, "person", None), line=0, new=False)
            if user.phone:
                self.by_phone[user.phone] = owner
            if user.email:
                self.by_email[user.email.lower()] = owner

    def error(self, row: Row, field: str, message, **params) -> None:
        self.errors.append(RowError(row.line, field, message % params if params else str(message)))

    def check(self, rows: list[Row], progress=None) -> None:
        for done, row in enumerate(rows, start=1):
            estate = self._estate(row)
            unit = estate and self._unit(row, estate)
            if unit and row.has_owner:
                self._ownership(row, unit)
            if progress:
                progress(done, len(rows))

    def _estate(self, row: Row) -> Estate | None:
        estate = self.estates.get(row.estate_slug)
        if estate is None:
            return self._new_estate(row) if self.allowed is None else self._not_yours(row)
        if estate.pk is None and row.estate_name and row.estate_name != estate.name:
            return self.error(row, "estate_name", _("Another row names this new estate “%(name)s”."), name=estate.name)
        if estate.pk and self.allowed is not None and estate.pk not in self.allowed:
            return self._not_yours(row)
        return estate

    def _not_yours(self, row: Row) -> None:
        # One message for unknown and other estates: a manager learns nothing about estates they do not serve.
        message = _("You may import only into estates you manage; “%(slug)s” is not one of them.")
        self.error(row, "estate_slug", message, slug=row.estate_slug)

    def _new_estate(self, row: Row) -> Estate | None:
        if not row.estate_name:
            return self.error(
                row, "estate_name", _("Give the name of the new estate “%(slug)s”."), slug=row.estate_slug
            )
        estate = self.estates[row.estate_slug] = Estate(slug=row.estate_slug, name=row.estate_name)
        self.new[Estate].append(estate)
        return estate

    def _unit(self, row: Row, estate: Estate) -> Unit | None:
        first = self.first_rows.setdefault(row.unit_key, row)
        if first is not row and not (row.has_owner and first.has_owner):
            return self.error(row, "unit", _("This unit is already on line %(line)s."), line=first.line)
        if differs := _first_difference(row, first):
            return self.error(row, differs, FILE_DIFFERENT[differs], line=first.line)
        unit = self.units.get(row.unit_key) or self._new_unit(row, estate)
        if unit.pk and (differs := _first_difference(row, unit)):
            value = unit.get_use_display() if differs == "use" else getattr(unit, differs)
            return self.error(row, differs, REGISTERED_DIFFERENT[differs], value=value)
        if unit.pk:
            self.matched_units.add(unit.pk)
        return unit

    def _new_unit(self, row: Row, estate: Estate) -> Unit:
        building = self.buildings.get((row.estate_slug, row.building))
        if building is None:
            building = self.buildings[(row.estate_slug, row.building)] = Building(estate=estate, name=row.building)
            self.new[Building].append(building)
        unit = Unit(estate=estate, building=building, number=row.unit, floor=row.floor, area=row.area, use=row.use)
        self.units[row.unit_key] = unit
        self.new[Unit].append(unit)
        return unit

    def _ownership(self, row: Row, unit: Unit) -> None:
        owner = self._owner(row)
        holders = self.holders.get(unit.pk, {}) if unit.pk else {}
        if owner is None or (owner.user.pk and owner.user.pk in holders):
            return  # a bad owner (already reported), or one already registered: left as they are
        if (owner, row.unit_key) in self.listed:
            line = self.listed[owner, row.unit_key]
            return self.error(
                row, "owner_name", _("This owner is already listed for this unit on line %(line)s."), line=line
            )
        self.listed[owner, row.unit_key] = row.line
        total = self.share_totals.get(row.unit_key, sum(holders.values(), Decimal(0))) + row.share
        self.share_totals[row.unit_key] = total
        if total > 1:
            return self.error(
                row, "share", _("The owners' shares of this unit add up to %(total)s, more than 1."), total=total
            )
        ownership = Ownership(person=owner.person, unit=unit, share=row.share, start=row.owner_since)
        ownership.verified_at, ownership.verified_by = self.now, self.actor
        self.new[Ownership].append(ownership)

    def _owner(self, row: Row) -> _Owner | None:
        by_phone, by_email = self.by_phone.get(row.owner_phone), self.by_email.get(row.owner_email)
        if by_phone and by_email and by_phone is not by_email:
            return self.error(
                row, "owner_email", _("This email address belongs to someone other than the phone number.")
            )
        owner = by_phone or by_email
        if owner is None:
            return self._new_owner(row)
        if row.owner_phone and owner.user.phone not in ("", row.owner_phone):
            return self.error(row, "owner_phone", _("This email address is registered with another phone number."))
        if row.owner_email and owner.user.email.lower() not in ("", row.owner_email):
            return self.error(row, "owner_email", _("This phone number is registered with another email address."))
        if owner.new and owner.person.full_name != row.owner_name:
            return self.error(row, "owner_name", _("Line %(line)s gives this owner another name."), line=owner.line)
        self._remember(owner, row)
        return owner

    def _new_owner(self, row: Row) -> _Owner:
        # No password: the owner cannot sign in until they set one through a later flow (e.g. a reset).
        user = User(username=f"u{get_random_string(11).lower()}")
        user.set_unusable_password()
        self.new[User].append(user)
        owner = _Owner(user=user, person=None, line=row.line, new=True)
        self._remember(owner, row)
        return owner

    def _remember(self, owner: _Owner, row: Row) -> None:
        if owner.new:  # a new account takes the contacts the file gives it; existing ones stay as they are
            owner.user.phone, owner.user.email = (
                owner.user.phone or row.owner_phone,
                owner.user.email or row.owner_email,
            )
        if owner.person is None:
            owner.person = Person(user=owner.user, full_name=row.owner_name)
            self.new[Person].append(owner.person)
        if row.owner_phone:
            self.by_phone.setdefault(row.owner_phone, owner)
        if row.owner_email:
            self.by_email.setdefault(row.owner_email, owner)

    def counts(self) -> ImportCounts:
        return ImportCounts(
            estates=len(self.new[Estate]),
            buildings=len(self.new[Building]),
            units=len(self.new[Unit]),
            unchanged_units=len(self.matched_units),
            people=len(self.new[Person]),
            ownerships=len(self.new[Ownership]),
        )

    def write(self) -> None:
        for person in self.new[Person]:
            person.channels = [Channel.IN_APP, Channel.SMS if person.user.phone else Channel.EMAIL]
        # Parents first: bulk_create sets their ids, which the children's foreign keys then pick up.
        for model, objects in self.new.items():
            model.objects.bulk_create(objects)


def _first_difference(row: Row, other) -> str | None:
    return next((name for name in UNIT_FIELDS if getattr(row, name) != getattr(other, name)), None)
