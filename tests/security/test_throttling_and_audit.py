"""Abuse limits and the audit trail (SECURITY.md §5.16, §5.17): the token endpoint answers 429 with
Retry-After; auth events, denials, claim decisions and phone reveals are audited; the audit log is append-only;
no log line carries a password or a full phone number."""

import json
import logging
import re

import pytest
from django.db import DatabaseError, connection, transaction
from django.forms.models import model_to_dict
from rest_framework.throttling import SimpleRateThrottle

from core.models import AuditEvent
from residents.models import UnitClaim
from tests.residents.factories import UserFactory

PASSWORD = "correct horse battery staple"  # tests.residents.factories.UserFactory
PHONE = re.compile(r"(?<![0-9A-Za-z])(?:\+?86)?1[3-9]\d{9}(?![0-9A-Za-z])")


def as_text(event):
    return json.dumps(model_to_dict(event), default=str, ensure_ascii=False)


# --- throttling ------------------------------------------------------------------------------------


@pytest.fixture
def auth_rate_of_three(monkeypatch):
    # DRF reads the rates into a class attribute at import, so override_settings would not reach it.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {**SimpleRateThrottle.THROTTLE_RATES, "auth": "3/min"})


def test_throttle_token_endpoint_answers_429_with_retry_after(world, api_as, auth_rate_of_three):
    client, owner = api_as(None), world.users["owner"]
    answers = [
        client.post("/api/v1/auth/token/", {"username": owner.phone, "password": PASSWORD}).status_code
        for _ in range(3)
    ]
    assert answers == [200, 200, 200]
    response = client.post("/api/v1/auth/token/", {"username": owner.phone, "password": PASSWORD})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["code"] == "throttled"


def test_throttle_token_endpoint_counts_wrong_passwords_too(db, api_as, auth_rate_of_three):
    client = api_as(None)
    for i in range(3):
        client.post("/api/v1/auth/token/", {"username": f"nobody{i}@example.com", "password": "wrong password!"})
    response = client.post("/api/v1/auth/token/", {"username": "someone@example.com", "password": "wrong password!"})
    assert response.status_code == 429


# --- audit rows ------------------------------------------------------------------------------------------


def test_audit_sign_in_is_recorded(world, client):
    owner = world.users["owner"]
    client.post("/accounts/login/", {"username": owner.phone, "password": PASSWORD})
    assert AuditEvent.objects.filter(action="auth.login", actor=owner, object_id=str(owner.pk)).exists()


@pytest.mark.parametrize("typed", ["13812341234", "wang@example.com", "correct horse battery stapler"])
def test_audit_failed_sign_in_is_recorded_without_the_password_or_the_identifier(db, client, typed):
    UserFactory(phone="+8613812341234", email="wang@example.com")
    client.post("/accounts/login/", {"username": typed, "password": "my secret guess 42"})
    event = AuditEvent.objects.get(action="auth.login_failed")
    text = as_text(event)
    assert "my secret guess 42" not in text
    assert typed not in text and typed.lower() not in text
    assert not PHONE.search(text)
    assert event.actor is None and event.ip_address == "127.0.0.1"


def test_audit_api_denial_is_recorded(world, api_as):
    owner = world.users["owner"]
    assert api_as(owner).get("/api/v1/staff/units/").status_code == 403
    event = AuditEvent.objects.get(action="access.denied")
    assert event.actor == owner
    assert event.detail == {"path": "/api/v1/staff/units/", "method": "GET", "status": 403}


def test_audit_html_denial_is_recorded(world, web_as):
    assert web_as(world.users["technician"]).get("/staff/claims/").status_code == 403
    assert AuditEvent.objects.filter(action="access.denied", actor=world.users["technician"]).exists()


def test_audit_claim_approval_is_recorded(world, api_as):
    manager, claim = world.users["manager"], world.claim_a
    assert api_as(manager).post(f"/api/v1/staff/claims/{claim.pk}/approve/").status_code == 200
    event = AuditEvent.objects.get(action="claim.approved")
    assert (event.actor, event.object_id, event.estate_id) == (manager, str(claim.pk), world.estate_a.pk)


def test_audit_claim_rejection_is_recorded(world, api_as):
    dispatcher, claim = world.users["dispatcher"], world.claim_a
    response = api_as(dispatcher).post(f"/api/v1/staff/claims/{claim.pk}/reject/", {"reason": "No deed on file."})
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="claim.rejected")
    assert (event.actor, event.object_id, event.estate_id) == (dispatcher, str(claim.pk), world.estate_a.pk)


def test_audit_phone_reveal_is_recorded_without_the_phone(world, api_as):
    dispatcher, person = world.users["dispatcher"], world.users["owner"].person
    assert api_as(dispatcher).post(f"/api/v1/staff/people/{person.pk}/reveal-phone/").status_code == 200
    event = AuditEvent.objects.get(action="person.phone_revealed")
    assert (event.actor, event.object_id, event.estate_id) == (dispatcher, str(person.pk), world.estate_a.pk)
    assert not PHONE.search(as_text(event))


# --- append-only ---------------------------------------------------------------------------------------


@pytest.fixture
def event(db):
    return AuditEvent.objects.create(action="test.event", detail={"n": 1})


def test_audit_event_refuses_to_be_saved_again(event):
    event.action = "test.changed"
    with pytest.raises(PermissionError):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event"


def test_audit_event_refuses_to_be_deleted(event):
    with pytest.raises(PermissionError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the append-only trigger (core/migrations/0003) exists on PostgreSQL only; CI runs this there",
)


@pytest.mark.postgres
@postgres_only
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_auditevent SET action = 'tampered' WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
    ],
)
def test_audit_table_refuses_raw_update_and_delete(event, sql):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event"


# --- nothing secret in the logs ------------------------------------------------------------------------


def _leaks(records, secrets):
    leaks = []
    for record in records:
        text = record.getMessage() + (record.exc_text or "")
        if any(secret in text for secret in secrets) or PHONE.search(text):
            leaks.append(f"{record.name}: {text[:200]}")
    return leaks


def test_logs_hold_no_password_or_phone_through_signup_login_and_claim(world, client, api_as, caplog):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="axes")
    password = "a long and private passphrase"
    signup = {"full_name": "张三", "phone": "138 1234 1234", "email": "zhang@example.com", "password": password}
    response = client.post("/accounts/signup/", {**signup, "language": "zh-hans", "accept_privacy_notice": "on"})
    assert response.status_code == 302
    client.post("/accounts/logout/")
    assert client.post("/accounts/login/", {"username": "zhang@example.com", "password": password}).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(6):  # failures up to a lockout, with the phone as identifier
        client.post("/accounts/login/", {"username": "13812341234", "password": "wrong but typed in full"})
    claim = {"estate": "alpha", "building": "1号楼", "number": "0102", "relation": "owner", "note": ""}
    resident = world.users["owner"]
    client.force_login(resident, backend="residents.auth_backends.PhoneOrEmailBackend")
    client.post("/me/claim/", claim)
    pending = UnitClaim.objects.filter(person=resident.person, status="pending").get()
    api_as(world.users["manager"]).post(f"/api/v1/staff/claims/{pending.pk}/approve/")
    api_as(world.users["manager"]).post(f"/api/v1/staff/people/{resident.person.pk}/reveal-phone/")
    assert caplog.records, "the flow should have logged something (axes warnings at least)"
    assert _leaks(caplog.records, [password, "wrong but typed in full"]) == []


def test_deleting_a_user_keeps_their_audit_rows_unchanged(db):
    """Erasure must work even though the log is append-only (on PostgreSQL a trigger refuses UPDATE)."""
    from core.audit import audit_record
    from core.models import AuditEvent
    from tests.residents.factories import UserFactory

    user = UserFactory()
    event = audit_record(action="auth.login", actor=user, obj=user)
    user.delete()
    assert AuditEvent.objects.filter(pk=event.pk, actor_id=event.actor_id).exists()


def test_audit_events_refuse_bulk_update_and_delete(db):
    from core.audit import audit_record
    from core.models import AuditEvent

    audit_record(action="auth.login")
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(action="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
