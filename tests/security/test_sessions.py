"""Sessions (SECURITY.md §5.14): a new id on sign-in; sign-out and deactivation end the session; staff idle 30
minutes and absolute 12 hours, residents idle 7 days (residents.middleware.SessionTimeoutMiddleware, which reads
time.time(): time-machine moves it)."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from core.models import AuditEvent
from tests.conftest import sign_in_verified

PASSWORD = "correct horse battery staple"  # tests.residents.factories.UserFactory
MORNING = datetime(2026, 11, 23, 0, 30, tzinfo=UTC)  # 08:30 in Shanghai


def sign_in(client, user):
    response = client.post("/accounts/login/", {"username": user.phone, "password": PASSWORD})
    assert response.status_code == 302
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def client_with_cookie(value):
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = value
    return client


def is_signed_out(response):
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")


# --- identity of the session -------------------------------------------------------------------------


def test_login_issues_a_new_session_key(world, client):
    session = client.session  # an anonymous session with a cookie, as a visitor gets before signing in
    session["seen_the_notice"] = True
    session.save()
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    after = sign_in(client, world.users["owner"])
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()


def test_logout_makes_the_old_cookie_worthless(world, client):
    cookie = sign_in(client, world.users["owner"])
    assert client.post("/accounts/logout/").status_code == 302
    replay = client_with_cookie(cookie)
    assert is_signed_out(replay.get("/me/"))
    assert replay.get("/api/v1/me/").status_code == 401


def test_logout_stored_session_is_gone(world, client):
    cookie = sign_in(client, world.users["owner"])
    client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=cookie).exists()


def test_deactivated_user_is_anonymous_on_the_next_request(world, client):
    owner = world.users["owner"]
    sign_in(client, owner)
    assert client.get("/me/").status_code == 200
    owner.is_active = False
    owner.save(update_fields=["is_active"])
    assert is_signed_out(client.get("/me/"))
    assert client.get("/api/v1/me/").status_code == 401


def test_deactivated_user_token_stops_working(world):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    owner = world.users["owner"]
    token = Token.objects.create(user=owner)
    client = APIClient(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/v1/me/").status_code == 200
    owner.is_active = False
    owner.save(update_fields=["is_active"])
    assert client.get("/api/v1/me/").status_code == 401


# --- idle and absolute limits ------------------------------------------------------------------------------


@pytest.fixture
def clock():
    with time_machine.travel(MORNING, tick=False) as traveller:
        yield traveller


def test_staff_idle_30_minutes_are_signed_out(world, clock):
    client = sign_in_verified(Client(), world.users["dispatcher"])
    assert client.get("/staff/").status_code == 200
    clock.shift(timedelta(minutes=31))
    assert is_signed_out(client.get("/staff/"))
    assert AuditEvent.objects.filter(action="auth.session_expired", actor=world.users["dispatcher"]).exists()


def test_staff_active_within_30_minutes_stay_signed_in(world, clock):
    client = sign_in_verified(Client(), world.users["dispatcher"])
    for _ in range(4):
        assert client.get("/staff/").status_code == 200
        clock.shift(timedelta(minutes=25))
    assert client.get("/staff/").status_code == 200


def test_staff_are_signed_out_after_12_hours_even_when_active(world, clock):
    client = sign_in_verified(Client(), world.users["manager"])
    for _ in range(28):  # a request every 25 minutes: 11 h 40 min
        assert client.get("/staff/").status_code == 200
        clock.shift(timedelta(minutes=25))
    assert client.get("/staff/").status_code == 200  # 11 h 40 min after sign-in
    clock.shift(timedelta(minutes=25))
    assert is_signed_out(client.get("/staff/"))  # 12 h 05 min


def test_staff_idle_limit_also_ends_api_sessions(world, clock):
    client = sign_in_verified(Client(), world.users["dispatcher"])
    assert client.get("/api/v1/staff/units/").status_code == 200
    clock.shift(timedelta(minutes=31))
    assert client.get("/api/v1/staff/units/").status_code == 401


def test_residents_idle_a_few_days_stay_signed_in(world, clock):
    client = sign_in_verified(Client(), world.users["owner"])
    assert client.get("/me/").status_code == 200
    clock.shift(timedelta(days=6, hours=23))
    assert client.get("/me/").status_code == 200


def test_residents_idle_7_days_are_signed_out(world, clock):
    client = sign_in_verified(Client(), world.users["owner"])
    assert client.get("/me/").status_code == 200
    clock.shift(timedelta(days=7, minutes=1))
    assert is_signed_out(client.get("/me/"))


def test_residents_are_signed_out_after_30_days_even_when_active(world, clock):
    client = sign_in_verified(Client(), world.users["owner"])
    for _ in range(6):  # a visit every 5 days
        assert client.get("/me/").status_code == 200
        clock.shift(timedelta(days=5))
    assert client.get("/me/").status_code == 200  # day 30, minus a few minutes of request time: none
    clock.shift(timedelta(hours=1))
    assert is_signed_out(client.get("/me/"))


def test_wagtail_editor_sessions_get_the_staff_idle_limit(db, clock):
    from django.contrib.auth.models import Group

    from tests.residents.factories import UserFactory

    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))  # no estate role: may enter /cms/ only
    client = sign_in_verified(Client(), editor)
    assert client.get("/cms/").status_code == 200
    clock.shift(timedelta(minutes=31))
    response = client.get("/cms/")
    assert response.status_code == 302 and "login" in response["Location"]
