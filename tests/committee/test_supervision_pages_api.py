"""Supervision pages and API for the committee, the company and residents; a private complaint's content never
reaches the company through an item."""

import pytest

from committee.supervision import services
from tests.feedback.complaints_support import file

from .supervision_support import raise_item


def _answered_and_published(world):
    item = raise_item(world)
    services.supervision_answer(item_id=item.pk, actor=world.users["manager"], answer="已更换电梯主板")
    return services.supervision_publish(item_id=item.pk, actor=world.users["committee"])


def test_committee_raises_through_the_page_and_sees_the_item(world, web_as):
    client = web_as(world.users["committee"])
    response = client.post("/committee/alpha/supervision/new/", {"subject": "垃圾清运", "details": "每天只清一次",
                                                                "about": "pattern"})  # fmt: skip
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "垃圾清运" in page.content.decode() and "Close" not in page.content.decode()


def test_the_raise_form_shows_a_cross_estate_link_next_to_the_field(world, web_as):
    other = file(world, "other_household", estate="beta")
    response = web_as(world.users["committee"]).post(
        "/committee/alpha/supervision/new/",
        {"subject": "投诉处理", "details": "见投诉", "about": "complaint", "complaint_id": other.pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["complaint_id"]


def test_manager_answers_on_the_company_page_and_the_committee_closes(world, web_as, client):
    item = raise_item(world)
    web_as(world.users["manager"]).post(f"/staff/committee/alpha/supervision/{item.pk}/",
                                        {"action": "answer", "note": "本周内处理"})  # fmt: skip
    client.logout()
    web_as(world.users["committee"]).post(f"/committee/alpha/supervision/{item.pk}/", {"action": "close"})
    item.refresh_from_db()
    assert (item.status, item.answer) == ("closed", "本周内处理")


def test_the_company_page_offers_no_committee_steps(world, web_as):
    item = raise_item(world)
    response = web_as(world.users["manager"]).post(f"/staff/committee/alpha/supervision/{item.pk}/",
                                                   {"action": "close"})  # fmt: skip
    assert response.status_code == 403


def test_api_committee_create_detail_reopen_and_publish(world, api_as):
    committee, manager = api_as(world.users["committee"]), api_as(world.users["manager"])
    created = committee.post("/api/v1/committee/alpha/supervision/",
                             {"subject": "绿化", "details": "草坪枯死", "about": "pattern"}, format="json")  # fmt: skip
    assert created.status_code == 201
    pk = created.json()["id"]
    assert manager.post(f"/api/v1/staff/committee/alpha/supervision/{pk}/answer/", {"answer": "补种"},
                        format="json").json()["status"] == "answered"  # fmt: skip
    detail = committee.get(f"/api/v1/committee/alpha/supervision/{pk}/").json()
    assert detail["actions"] == ["close", "reopen", "publish"]
    assert [e["action"] for e in detail["timeline"]] == ["raise", "answer"]
    reopened = committee.post(f"/api/v1/committee/alpha/supervision/{pk}/reopen/", {"reason": "没补"}, format="json")
    assert reopened.json()["status"] == "open"
    refused = committee.post(f"/api/v1/committee/alpha/supervision/{pk}/publish/", {}, format="json")
    assert (refused.status_code, refused.json()["code"]) == (409, "invalid_transition")


def test_api_bad_input_is_400_naming_the_field(world, api_as):
    response = api_as(world.users["committee"]).post(
        "/api/v1/committee/alpha/supervision/", {"subject": "x", "details": "y", "about": "work_order"}, format="json"
    )
    assert response.status_code == 400
    assert "work_order_id" in response.json()["errors"]


def test_residents_see_published_items_only_without_names(world, api_as, web_as):
    published = _answered_and_published(world)
    raise_item(world, subject="未公开事项")
    rows = api_as(world.users["tenant"]).get("/api/v1/me/committee/alpha/supervision/").json()["results"]
    assert [(r["id"], r["answer"]) for r in rows] == [(published.pk, "已更换电梯主板")]
    page = web_as(world.users["owner"]).get("/me/committee/alpha/supervision/").content.decode()
    assert "已更换电梯主板" in page and "未公开事项" not in page
    assert world.users["committee"].username not in page and world.users["manager"].username not in page


def test_residents_of_another_estate_get_404(world, api_as):
    _answered_and_published(world)
    assert api_as(world.users["other_household"]).get("/api/v1/me/committee/alpha/supervision/").status_code == 404


@pytest.mark.parametrize("audience", ["api", "html"])
def test_a_private_committee_complaint_reaches_the_company_by_number_only(world, api_as, web_as, audience):
    private = file(world, addressee="committee", title="物业经理收红包", body="某经理收受装修公司红包")
    item = raise_item(world, about="complaint", complaint_id=private.pk, details="请物业说明情况")
    if audience == "api":
        body = api_as(world.users["manager"]).get(f"/api/v1/staff/committee/alpha/supervision/{item.pk}/").content
    else:
        body = web_as(world.users["manager"]).get(f"/staff/committee/alpha/supervision/{item.pk}/").content
    text = body.decode()
    assert str(private.pk) in text
    assert "红包" not in text and f"/staff/complaints/{private.pk}/" not in text


def test_a_company_complaint_is_linked_on_the_company_page(world, web_as):
    complaint = file(world)
    item = raise_item(world, about="complaint", complaint_id=complaint.pk)
    page = web_as(world.users["manager"]).get(f"/staff/committee/alpha/supervision/{item.pk}/").content.decode()
    assert f"/staff/complaints/{complaint.pk}/" in page


def test_lists_take_a_fixed_number_of_queries(world, api_as, django_assert_max_num_queries):
    for n in range(8):
        raise_item(world, subject=f"事项{n}")
    client = api_as(world.users["committee"])
    with django_assert_max_num_queries(6):
        assert len(client.get("/api/v1/committee/alpha/supervision/").json()["results"]) == 8
