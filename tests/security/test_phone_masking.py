"""Phones (SECURITY.md §0.4, §5.4): stored as E.164, shown as 138****1234; the full number only through the
audited reveal, and only to dispatchers and managers of an estate the person belongs to."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.models import AuditEvent
from core.phones import mask_phone, normalize_phone

MASKED = re.compile(r"^1[3-9]\d\*{4}\d{4}$")


def test_mask_phone_shows_the_first_three_and_last_four_digits():
    assert mask_phone("+8613812341234") == "138****1234"


def test_mask_phone_of_no_phone_is_empty():
    assert mask_phone("") == ""


@pytest.mark.parametrize("typed", ["13812341234", "138 1234 1234", "+86 138-1234-1234", " 138-1234-1234 "])
def test_normalize_phone_accepts_the_ways_residents_type_a_number(typed):
    assert normalize_phone(typed) == "+8613812341234"


@pytest.mark.parametrize("garbage", ["not a phone", "123", "138123412345678", "+86 000 0000 0000"])
def test_normalize_phone_rejects_garbage(garbage):
    with pytest.raises(ValidationError) as caught:
        normalize_phone(garbage)
    assert caught.value.code == "invalid_phone"


@pytest.mark.parametrize(("language", "expected"), [("zh-hans", "不是"), ("en", "is not a")])
def test_normalize_phone_rejection_is_translated(language, expected):
    with translation.override(language), pytest.raises(ValidationError) as caught:
        normalize_phone("not a phone")
    (message,) = caught.value.messages
    assert expected in message
    assert "not a phone" in message  # names what was typed


# --- the staff view of people ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["dispatcher", "manager", "manager_b", "admin"])
def test_staff_people_list_shows_only_masked_phones(world, api_as, role):
    response = api_as(world.users[role]).get("/api/v1/staff/people/")
    assert response.status_code == 200
    people = response.json()["results"]
    assert people and all(MASKED.match(person["phone"]) for person in people)
    assert "+86" not in response.content.decode()


def test_staff_people_list_mask_matches_the_stored_number(world, api_as):
    owner = world.users["owner"]
    people = api_as(world.users["dispatcher"]).get("/api/v1/staff/people/").json()["results"]
    (row,) = [person for person in people if person["id"] == owner.person.pk]
    assert row["phone"] == mask_phone(owner.phone)


# --- the reveal ----------------------------------------------------------------------------------------


def reveal(api_as, staff, person):
    return api_as(staff).post(f"/api/v1/staff/people/{person.pk}/reveal-phone/")


@pytest.mark.parametrize("role", ["dispatcher", "manager"])
def test_reveal_gives_the_full_phone_to_dispatchers_and_managers_of_the_estate(world, api_as, role):
    owner = world.users["owner"]
    response = reveal(api_as, world.users[role], owner.person)
    assert response.status_code == 200
    assert response.json() == {"phone": owner.phone}


def test_reveal_is_audited_with_actor_person_and_estate(world, api_as):
    dispatcher, person = world.users["dispatcher"], world.users["tenant"].person
    reveal(api_as, dispatcher, person)
    event = AuditEvent.objects.get(action="person.phone_revealed")
    assert (event.actor, event.object_type, event.object_id) == (dispatcher, "residents.person", str(person.pk))
    assert event.estate_id == world.estate_a.pk


def test_reveal_of_a_claimant_works_for_the_estate_claimed(world, api_as):
    newcomer = world.users["newcomer"]  # tied to estate A only by a pending claim
    assert reveal(api_as, world.users["manager"], newcomer.person).json() == {"phone": newcomer.phone}


@pytest.mark.parametrize(("role", "resident"), [("dispatcher", "other_household"), ("manager_b", "owner")])
def test_reveal_is_404_for_staff_of_another_estate(world, api_as, role, resident):
    response = reveal(api_as, world.users[role], world.users[resident].person)
    assert response.status_code == 404
    assert world.users[resident].phone.removeprefix("+86") not in response.content.decode()
    assert not AuditEvent.objects.filter(action="person.phone_revealed").exists()


@pytest.mark.parametrize("role", ["technician", "committee", "owner"])
def test_reveal_is_refused_to_roles_without_the_capability(world, api_as, role):
    response = reveal(api_as, world.users[role], world.users["tenant"].person)
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="person.phone_revealed").exists()
