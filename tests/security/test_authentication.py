"""Authentication (SECURITY.md §5.13): Argon2, password rules, lockout, and two-factor sign-in for staff."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.hashers import identify_hasher, make_password
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import CommonPasswordValidator, MinimumLengthValidator
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from portal.settings import base
from residents.models import User
from residents.services import SignupData, user_signup
from tests.residents.factories import UserFactory

PASSWORD = "correct horse battery staple"  # tests.residents.factories.UserFactory
NOON = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)


def current_code(device):
    """The TOTP code an authenticator app would show now (time-machine moves `now`)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def enrol(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def rejection_messages(validator, password):
    with pytest.raises(ValidationError) as caught:
        validator.validate(password)
    return caught.value.messages


# --- password hashing and rules ---------------------------------------------------------------------


def test_hashers_argon2_is_first_in_base_settings():
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.django_db
def test_hashers_a_password_set_under_base_settings_is_stored_as_argon2():
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        user = UserFactory()
        user.set_password("a long and uncommon passphrase")
        user.save()
        user.refresh_from_db()
        assert identify_hasher(user.password).algorithm == "argon2"
        assert user.check_password("a long and uncommon passphrase")


@pytest.mark.django_db
def test_hashers_a_legacy_pbkdf2_hash_is_upgraded_to_argon2_on_sign_in(client):
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        user = UserFactory(password="unused")
        User.objects.filter(pk=user.pk).update(password=make_password(PASSWORD, hasher="pbkdf2_sha256"))
        client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
        user.refresh_from_db()
        assert identify_hasher(user.password).algorithm == "argon2"


def signup_data(password, **overrides):
    return SignupData(
        **{
            "full_name": "张三",
            "password": password,
            "phone": "13812341234",
            "accept_privacy_notice": True,
            **overrides,
        }
    )


@pytest.mark.django_db
def test_signup_service_refuses_a_password_shorter_than_12_characters():
    with pytest.raises(ValidationError) as caught:
        user_signup(data=signup_data("short-pw-11"))
    expected = rejection_messages(MinimumLengthValidator(12), "short-pw-11")
    assert set(expected) <= set(caught.value.message_dict["password"])
    assert not User.objects.filter(phone="+8613812341234").exists()


@pytest.mark.django_db
def test_signup_service_refuses_a_common_password():
    with pytest.raises(ValidationError) as caught:
        user_signup(data=signup_data("password1234"))
    expected = rejection_messages(CommonPasswordValidator(), "password1234")
    assert set(expected) <= set(caught.value.message_dict["password"])


@pytest.mark.django_db
def test_signup_service_accepts_a_long_uncommon_password():
    user = user_signup(data=signup_data("twelve chars and more"))
    assert user.check_password("twelve chars and more")


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["short-pw-11", "password1234"])
def test_signup_form_shows_the_password_error_next_to_the_password_field(client, password):
    form = {"full_name": "张三", "phone": "13812341234", "password": password, "language": "zh-hans"}
    response = client.post("/accounts/signup/", {**form, "accept_privacy_notice": "on"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["password"] and not response.context["form"].non_field_errors()
    html = response.content.decode()
    field_block = html[html.index('name="password"') :].split("</div>")[0]
    assert all(message in field_block for message in errors["password"])
    assert not User.objects.filter(phone="+8613812341234").exists()


# --- lockout (django-axes, database handler: works with the LocMem test cache and a shared one alike) ---


def attempt(client, identifier, password):
    return client.post("/accounts/login/", {"username": identifier, "password": password})


@pytest.mark.django_db
def test_lockout_after_five_failures_even_the_right_password_gets_429(client):
    user = UserFactory()
    answers = [attempt(client, user.phone, "wrong password!").status_code for _ in range(5)]
    assert answers[:4] == [200, 200, 200, 200]  # the form again, with an error
    response = attempt(client, user.phone, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_lockout_counts_failures_per_account_whatever_form_of_identifier_is_typed(client):
    """Phone with spaces or dashes, +86, email in capitals: all name one account, so they share one counter."""
    user = UserFactory(phone="+8613812341234", email="wang@example.com")
    typed = ["13812341234", "138 1234 1234", "+86 138-1234-1234", "WANG@example.com", user.username]
    for identifier in typed:
        attempt(client, identifier, "wrong password!")
    assert attempt(client, "wang@example.com", PASSWORD).status_code == 429


@pytest.mark.django_db
def test_lockout_of_one_account_leaves_another_free(client):
    victim, other = UserFactory(), UserFactory()
    for _ in range(5):
        attempt(client, victim.phone, "wrong password!")
    assert attempt(client, other.phone, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_lockout_applies_to_the_api_token_endpoint(api_client_anonymous):
    user = UserFactory()
    for _ in range(5):
        api_client_anonymous.post("/api/v1/auth/token/", {"username": user.phone, "password": "wrong password!"})
    response = api_client_anonymous.post("/api/v1/auth/token/", {"username": user.phone, "password": PASSWORD})
    assert response.status_code == 429
    assert not Token.objects.filter(user=user).exists()


@pytest.fixture
def api_client_anonymous(api_as):
    return api_as(None)


# --- the API token endpoint --------------------------------------------------------------------------


def token_request(client, user, otp=None):
    data = {"username": user.phone, "password": PASSWORD, **({"otp": otp} if otp is not None else {})}
    return client.post("/api/v1/auth/token/", data, format="json")


def test_token_residents_get_one_without_a_two_factor_code(world, api_client_anonymous):
    response = token_request(api_client_anonymous, world.users["owner"])
    assert response.status_code == 200
    assert response.json()["token"] == Token.objects.get(user=world.users["owner"]).key


@pytest.mark.parametrize("role", ["dispatcher", "technician", "manager", "committee", "admin"])
def test_token_is_refused_to_privileged_roles_without_a_code(world, api_client_anonymous, role):
    user = world.users[role]
    enrol(user)
    response = token_request(api_client_anonymous, user)
    assert response.status_code in (401, 403)
    assert not Token.objects.filter(user=user).exists()


def test_token_is_refused_to_staff_who_never_enrolled_an_authenticator(world, api_client_anonymous):
    response = token_request(api_client_anonymous, world.users["dispatcher"], otp="123456")
    assert response.status_code in (401, 403)


def test_token_is_issued_to_staff_with_the_current_code(world, api_client_anonymous):
    device = enrol(world.users["dispatcher"])
    with time_machine.travel(NOON, tick=False):
        response = token_request(api_client_anonymous, world.users["dispatcher"], otp=current_code(device))
    assert response.status_code == 200
    assert response.json()["token"]


def test_token_refuses_a_wrong_code(world, api_client_anonymous):
    device = enrol(world.users["dispatcher"])
    with time_machine.travel(NOON, tick=False):
        wrong = f"{(int(current_code(device)) + 1) % 10**6:06d}"
        assert token_request(api_client_anonymous, world.users["dispatcher"], otp=wrong).status_code in (401, 403)


def test_token_refuses_a_code_used_once_already(world, api_client_anonymous):
    device = enrol(world.users["manager"])
    with time_machine.travel(NOON, tick=False) as clock:
        code = current_code(device)
        assert token_request(api_client_anonymous, world.users["manager"], otp=code).status_code == 200
        clock.shift(timedelta(seconds=5))  # same 30-second step: the code is still "current", but spent
        assert token_request(api_client_anonymous, world.users["manager"], otp=code).status_code in (401, 403)


def test_token_refuses_an_expired_code(world, api_client_anonymous):
    device = enrol(world.users["manager"])
    with time_machine.travel(NOON, tick=False) as clock:
        code = current_code(device)
        clock.shift(timedelta(minutes=10))
        assert token_request(api_client_anonymous, world.users["manager"], otp=code).status_code in (401, 403)


# --- the two-factor gate on browser sessions ---------------------------------------------------------------


def signed_in_without_otp(client, user):
    client.force_login(user, backend="residents.auth_backends.PhoneOrEmailBackend")
    return client


@pytest.mark.parametrize("role", ["dispatcher", "technician", "manager", "committee", "admin"])
def test_two_factor_gate_sends_an_unverified_staff_session_to_the_code_page(world, client, role):
    response = signed_in_without_otp(client, world.users[role]).get("/staff/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/two-factor/?next=/staff/"


@pytest.mark.parametrize("path", ["/api/v1/staff/units/", "/api/v1/me/", "/api/schema/"])
def test_two_factor_gate_answers_403_json_on_the_api(world, client, path):
    response = signed_in_without_otp(client, world.users["dispatcher"]).get(path)
    assert response.status_code == 403
    assert response.json()["code"] == "two_factor_required"


@pytest.mark.parametrize("path", ["/cms/", "/django-admin/"])
def test_two_factor_gate_guards_both_admin_sites_for_the_superuser(world, client, path):
    response = signed_in_without_otp(client, world.users["admin"]).get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/")


def test_two_factor_gate_guards_django_admin_for_a_plain_is_staff_user(db, client):
    response = signed_in_without_otp(client, UserFactory(is_staff=True)).get("/django-admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/")


def test_two_factor_gate_guards_wagtail_admin_for_an_editor(db, client):
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))  # Wagtail's default group: may enter /cms/
    response = signed_in_without_otp(client, editor).get("/cms/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/")


def test_two_factor_gate_lets_residents_through_without_a_code(world, client):
    assert signed_in_without_otp(client, world.users["owner"]).get("/me/").status_code == 200


def test_two_factor_page_verifies_the_session_with_the_current_code(world, client):
    user = world.users["dispatcher"]
    device = enrol(user)
    signed_in_without_otp(client, user)
    with time_machine.travel(NOON, tick=False):
        response = client.post("/accounts/two-factor/?next=/staff/", {"token": current_code(device)})
        assert response.status_code == 302 and response["Location"] == "/staff/"
        assert client.get("/staff/").status_code == 200


def test_two_factor_page_refuses_a_reused_code(world, client):
    user = world.users["dispatcher"]
    device = enrol(user)
    with time_machine.travel(NOON, tick=False) as clock:
        code = current_code(device)
        first = signed_in_without_otp(Client(), user)
        assert first.post("/accounts/two-factor/", {"token": code}).status_code == 302
        clock.shift(timedelta(seconds=5))
        response = signed_in_without_otp(client, user).post("/accounts/two-factor/", {"token": code})
    assert response.status_code == 200
    assert response.context["form"].errors["token"]
    assert client.get("/staff/").status_code == 302


def test_two_factor_page_refuses_an_expired_code(world, client):
    user = world.users["manager"]
    device = enrol(user)
    signed_in_without_otp(client, user)
    with time_machine.travel(NOON, tick=False) as clock:
        code = current_code(device)
        clock.shift(timedelta(minutes=10))
        response = client.post("/accounts/two-factor/", {"token": code})
    assert response.status_code == 200
    assert response.context["form"].errors["token"]
