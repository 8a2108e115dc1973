import pytest
from django.core.exceptions import ValidationError

from core.errors import InvalidTransition, NotPermitted
from core.models import AuditEvent, OutboxMessage
from residents import access
from residents.models import Occupancy, Ownership, Person, User
from residents.services import (
    SignupData,
    person_update_preferences,
    unit_claim_approve,
    unit_claim_create,
    unit_claim_reject,
    user_signup,
)

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "a long enough passphrase"


def _signup(**kw):
    data = {"full_name": "张三", "password": GOOD_PASSWORD, "phone": "138 1234 5678", "accept_privacy_notice": True}
    return user_signup(data=SignupData(**{**data, **kw}))


def test_user_signup_stores_the_phone_normalised_with_consent():
    user = _signup()
    assert user.phone == "+8613812345678"
    assert user.person.consents.get().version
    assert AuditEvent.objects.filter(action="person.created").exists()


def test_user_signup_needs_a_phone_or_an_email():
    with pytest.raises(ValidationError) as exc:
        _signup(phone="", email="")
    assert "phone" in exc.value.message_dict


def test_user_signup_reports_every_bad_field_and_creates_nothing():
    _signup()
    with pytest.raises(ValidationError) as exc:
        _signup(full_name=" ", password="short", accept_privacy_notice=False)
    assert set(exc.value.message_dict) == {"full_name", "phone", "password", "accept_privacy_notice"}
    assert User.objects.count() == 1 and Person.objects.count() == 1


def test_user_signup_refuses_a_duplicate_email_in_any_case():
    _signup(phone="", email="a@example.com")
    with pytest.raises(ValidationError) as exc:
        _signup(phone="", email="A@Example.com")
    assert "email" in exc.value.message_dict


def test_person_update_preferences_refuses_a_channel_without_an_address(world):
    person = world.users["owner"].person
    person.user.email = ""
    person.user.save()
    with pytest.raises(ValidationError) as exc:
        person_update_preferences(person=person, channels=["email"], language="en", marketing=False)
    assert "channels" in exc.value.message_dict


def test_unit_claim_create_refuses_a_second_pending_claim(world):
    person = world.users["newcomer"].person
    with pytest.raises(ValidationError) as exc:
        unit_claim_create(person=person, unit=world.unit_a2, relation="owner")
    assert "unit" in exc.value.message_dict


def test_unit_claim_create_refuses_a_unit_already_linked(world):
    with pytest.raises(ValidationError):
        unit_claim_create(person=world.users["owner"].person, unit=world.unit_a, relation="owner")


def test_unit_claim_approve_makes_a_verified_owner_and_tells_them(world):
    claim = unit_claim_approve(claim_id=world.claim_a.pk, actor=world.users["dispatcher"])
    ownership = Ownership.objects.get(person=claim.person, unit=world.unit_a2)
    assert ownership.verified_by == world.users["dispatcher"]
    assert world.unit_a2.pk in access.resident_unit_ids(User.objects.get(pk=claim.person.user_id))
    assert OutboxMessage.objects.filter(recipient=claim.person.user, event_key=f"claim.{claim.pk}.decided").exists()
    assert AuditEvent.objects.filter(action="claim.approved", object_id=str(claim.pk)).exists()


def test_unit_claim_approve_tenant_claim_makes_an_occupancy(world):
    world.claim_a.relation = "tenant"
    world.claim_a.save()
    unit_claim_approve(claim_id=world.claim_a.pk, actor=world.users["manager"])
    assert Occupancy.objects.filter(person=world.claim_a.person, kind="tenant").exists()


def test_unit_claim_approve_twice_is_an_invalid_transition(world):
    unit_claim_approve(claim_id=world.claim_a.pk, actor=world.users["dispatcher"])
    with pytest.raises(InvalidTransition):
        unit_claim_reject(claim_id=world.claim_a.pk, actor=world.users["dispatcher"], reason="late")


def test_unit_claim_approve_by_staff_of_another_estate_is_refused(world):
    with pytest.raises(NotPermitted):
        unit_claim_approve(claim_id=world.claim_a.pk, actor=world.users["manager_b"])
    assert not Ownership.objects.filter(unit=world.unit_a2).exists()


def test_unit_claim_reject_needs_a_reason(world):
    with pytest.raises(ValidationError) as exc:
        unit_claim_reject(claim_id=world.claim_a.pk, actor=world.users["dispatcher"], reason="  ")
    assert "reason" in exc.value.message_dict
    world.claim_a.refresh_from_db()
    assert world.claim_a.status == "pending"


def test_unit_claim_reject_records_the_reason_and_tells_the_resident(world):
    claim = unit_claim_reject(claim_id=world.claim_a.pk, actor=world.users["dispatcher"], reason="名字与房产证不符")
    assert (claim.status, claim.reason) == ("rejected", "名字与房产证不符")
    message = OutboxMessage.objects.get(recipient=claim.person.user, channel="in_app")
    assert message.body == "名字与房产证不符"
