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
    response = client.post(
        "/accounts/login/", {"username": owner.phone[3:], "password": "correct horse battery staple"}
    )
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


def test_estate_register_shows_owners_with_masked_phones(world, web_as):
    owner = world.users["owner"]
    html = web_as(world.users["dispatcher"]).get("/staff/estates/alpha/").content.decode()
    assert owner.person.full_name in html
    assert owner.phone[3:] not in html
    assert f"{owner.phone[3:6]}****{owner.phone[-4:]}" in html


def test_estate_register_of_another_estate_is_not_found(world, web_as):
    assert web_as(world.users["technician"]).get("/staff/estates/beta/").status_code == 404


def test_estate_register_runs_a_fixed_number_of_queries(world, web_as, django_assert_max_num_queries):
    from tests.residents.factories import OwnershipFactory, UnitFactory

    client = web_as(world.users["manager"])
    client.get("/staff/estates/alpha/")
    for n in range(10):
        OwnershipFactory(unit=UnitFactory(building=world.unit_a.building, number=f"9{n:03d}"))
    with django_assert_max_num_queries(14):
        client.get("/staff/estates/alpha/")


def test_estate_register_hides_people_from_technicians(world, web_as):
    html = web_as(world.users["technician"]).get("/staff/estates/alpha/").content.decode()
    assert "0101" in html and world.users["owner"].person.full_name not in html
