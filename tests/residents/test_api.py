import pytest

from residents.models import Ownership, UnitClaim

pytestmark = pytest.mark.django_db


def test_me_shows_the_persons_own_phone_in_full(world, api_as):
    owner = world.users["owner"]
    body = api_as(owner).get("/api/v1/me/").json()
    assert body["phone"] == owner.phone
    assert "resident" in body["roles"]


def test_my_units_lists_only_my_units(world, api_as):
    body = api_as(world.users["owner"]).get("/api/v1/me/units/").json()
    assert [u["id"] for u in body["results"]] == [world.unit_a.pk]


def test_claim_create_by_api_then_staff_approves(world, api_as):
    newcomer = world.users["newcomer"]
    claim = {"estate": "alpha", "building": "1号楼", "number": "0101", "relation": "tenant"}
    response = api_as(newcomer).post("/api/v1/me/claims/", claim, format="json")
    assert response.status_code == 201, response.content
    claim_id = response.json()["id"]
    assert api_as(world.users["dispatcher"]).post(f"/api/v1/staff/claims/{claim_id}/approve/").status_code == 200
    assert world.unit_a.pk in [u["id"] for u in api_as(newcomer).get("/api/v1/me/units/").json()["results"]]


def test_claim_create_for_an_unknown_unit_names_the_field(world, api_as):
    claim = {"estate": "alpha", "building": "1号楼", "number": "9999", "relation": "owner"}
    response = api_as(world.users["newcomer"]).post("/api/v1/me/claims/", claim, format="json")
    assert response.status_code == 400
    assert "number" in response.json()["errors"]


def test_claim_create_with_bad_fields_lists_each_field_and_saves_nothing(world, api_as):
    response = api_as(world.users["newcomer"]).post("/api/v1/me/claims/", {"relation": "landlord"}, format="json")
    assert response.status_code == 400
    assert {"estate", "building", "number", "relation"} <= set(response.json()["errors"])
    assert UnitClaim.objects.count() == 2


def test_claim_create_ignores_extra_keys_for_protected_columns(world, api_as):
    claim = {"estate": "alpha", "building": "1号楼", "number": "0101", "relation": "owner", "status": "approved"}
    response = api_as(world.users["newcomer"]).post("/api/v1/me/claims/", claim, format="json")
    assert response.json()["status"] == "pending"


def test_claim_approve_of_another_estates_claim_is_not_found(world, api_as):
    response = api_as(world.users["dispatcher"]).post(f"/api/v1/staff/claims/{world.claim_b.pk}/approve/")
    assert response.status_code == 404
    assert not Ownership.objects.filter(unit=world.unit_b, person=world.claim_b.person).exists()


def test_claim_decided_twice_answers_409(world, api_as):
    client = api_as(world.users["manager"])
    client.post(f"/api/v1/staff/claims/{world.claim_a.pk}/approve/")
    response = client.post(f"/api/v1/staff/claims/{world.claim_a.pk}/reject/", {"reason": "x"}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"


def test_claim_reject_without_reason_names_the_field(world, api_as):
    response = api_as(world.users["manager"]).post(f"/api/v1/staff/claims/{world.claim_a.pk}/reject/", {})
    assert response.status_code == 400
    assert "reason" in response.json()["errors"]


def test_staff_claims_list_holds_only_in_scope_claims(world, api_as):
    body = api_as(world.users["dispatcher"]).get("/api/v1/staff/claims/").json()
    assert [c["id"] for c in body["results"]] == [world.claim_a.pk]


def test_staff_units_list_is_paginated_and_scoped(world, api_as):
    body = api_as(world.users["technician"]).get("/api/v1/staff/units/?page_size=1").json()
    assert body["count"] == 2 and len(body["results"]) == 1
    assert {u["estate"] for u in body["results"]} == {"alpha"}


def test_preferences_put_with_unknown_language_names_the_field(world, api_as):
    response = api_as(world.users["owner"]).put("/api/v1/me/preferences/", {"channels": [], "language": "fr"})
    assert response.status_code == 400
    assert "language" in response.json()["errors"]


def test_staff_list_query_count_does_not_grow_with_rows(world, api_as, django_assert_max_num_queries):
    client = api_as(world.users["manager"])
    with django_assert_max_num_queries(6):
        client.get("/api/v1/staff/claims/")


def test_signup_by_api_returns_a_token_that_works(db, api_as):
    body = {
        "full_name": "刘洋",
        "phone": "13700001111",
        "password": "a sufficiently long one",
        "accept_privacy_notice": True,
    }
    response = api_as(None).post("/api/v1/auth/signup/", body, format="json")
    assert response.status_code == 201, response.content
    client = api_as(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get("/api/v1/me/").json()["phone"] == "+8613700001111"


def test_signup_by_api_with_bad_input_names_each_field(db, api_as):
    body = {"full_name": "刘洋", "phone": "123", "password": "short", "accept_privacy_notice": False}
    response = api_as(None).post("/api/v1/auth/signup/", body, format="json")
    assert response.status_code == 400
    assert {"phone", "password", "accept_privacy_notice"} <= set(response.json()["errors"])
