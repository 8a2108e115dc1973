import pytest

from residents.models import UnitClaim, User

pytestmark = pytest.mark.django_db

SIGNUP = {
    "full_name": "陈一",
    "phone": "13912345678",
    "email": "",
    "password": "plenty long passphrase",
    "language": "zh-hans",
    "accept_privacy_notice": "on",
}


def test_signup_then_claim_a_unit_in_the_browser(world, client):
    response = client.post("/accounts/signup/", SIGNUP)
    assert response.status_code == 302 and response["Location"] == "/me/claim/"
    claim = {"estate": "alpha", "building": "1号楼", "number": "0101", "relation": "owner", "note": ""}
    response = client.post("/me/claim/", claim)
    assert response.status_code == 302
    assert UnitClaim.objects.get(person__user__phone="+8613912345678").status == "pending"


def test_signup_errors_show_next_to_the_field_in_chinese(db, client):
    response = client.post("/accounts/signup/", {**SIGNUP, "phone": "12345", "password": "short"})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"phone", "password"}
    assert not User.objects.exists()
    assert "手机号" in response.content.decode() or "电话" in response.content.decode()


def test_sign_in_with_phone_number(world, client):
    owner = world.users["owner"]
    response = client.post("/accounts/login/", {"username": owner.phone[3:], "password": "correct horse battery staple"})
    assert response.status_code == 302


def test_staff_approves_a_claim_from_the_console(world, web_as):
    client = web_as(world.users["dispatcher"])
    assert world.claim_a.person.full_name in client.get("/staff/claims/").content.decode()
    response = client.post(f"/staff/claims/{world.claim_a.pk}/approve/")
    assert response.status_code == 302
    world.claim_a.refresh_from_db()
    assert world.claim_a.status == "approved"


def test_staff_reject_without_reason_changes_nothing(world, web_as):
    client = web_as(world.users["dispatcher"])
    client.post(f"/staff/claims/{world.claim_a.pk}/reject/", {"reason": ""})
    world.claim_a.refresh_from_db()
    assert world.claim_a.status == "pending"


def test_staff_console_is_forbidden_to_residents(world, web_as):
    assert web_as(world.users["owner"]).get("/staff/claims/").status_code == 403


def test_resident_dashboard_lists_units_and_messages(world, web_as):
    response = web_as(world.users["owner"]).get("/me/")
    assert "1号楼" in response.content.decode()
