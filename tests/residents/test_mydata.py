"""'Download my data' and 'ask for deletion of my account' (issue 6, SECURITY.md §5.18)."""

import json

import pytest
from django.apps import apps
from django.db import models
from rest_framework.authtoken.models import Token

from committee.votes.models import Ballot
from core.models import AuditEvent, OutboxMessage
from repairs.models import WorkOrder, WorkOrderPhoto
from residents.models import User
from residents.mydata.exports import sections
from residents.mydata.models import DeletionRequest
from residents.mydata.registry import PERSONAL_FIELDS
from residents.mydata.services import erased_values
from tests.residents.mydata_helpers import PASSWORD, resident_everywhere

pytestmark = pytest.mark.django_db

SECTIONS = {"format_version", "generated_at", "account", "homes", "notifications", "repairs", "feedback", "committee",
            "self_help"}  # fmt: skip


@pytest.fixture
def scene(world):
    return resident_everywhere(world)


def _export(api_as, user) -> str:
    response = api_as(user).get("/api/v1/me/data/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    return response.json()


# --- download ----------------------------------------------------------------------------------------------


def test_every_contributor_gives_its_section_with_the_residents_data(scene, api_as):
    data = _export(api_as, scene.owner)
    assert set(data) == SECTIONS
    assert set(sections()) == SECTIONS - {"format_version", "generated_at"}
    assert data["account"]["person"]["full_name"] == "欧阳测试"
    assert data["account"]["user"]["phone"] == "+8613912345678"  # their own, unmasked
    assert [o["unit"]["number"] for o in data["homes"]["ownerships"]] == ["0101"]
    assert [c["note"] for c in data["homes"]["claims"]] == ["车位也是我的甲九"]
    assert "提醒甲八" in [n["body"] for n in data["notifications"]["in_app"]]
    [order] = data["repairs"]
    assert order["description"] == "厨房水槽漏水甲一" and len(order["photos"]) == 1 and len(order["quotes"]) == 1
    assert [c["body"] for c in data["feedback"]["complaints"]] == ["楼道很脏甲五"]
    assert [s["response"]["comment"] for s in data["feedback"]["surveys"]] == ["师傅迟到甲六"]
    assert [v["ballot"]["choice"] for v in data["committee"]["votes"]] == ["yes"]
    assert [q["question"] for q in data["committee"]["disclosure_questions"]] == ["广告收入明细甲七"]


def test_export_holds_every_value_the_resident_gave(scene, api_as):
    text = json.dumps(_export(api_as, scene.owner), ensure_ascii=False)
    for value in [scene.values["name"], scene.values["email"], scene.values["phone"], *scene.values["texts"]]:
        assert value in text


def test_export_leaves_out_other_peoples_data(scene, world, api_as):
    """The tenant shares the unit and wrote on the owner's order; the technician left his phone in a note."""
    text = json.dumps(_export(api_as, scene.owner), ensure_ascii=False)
    for value in [scene.others["tenant_name"], scene.others["technician_phone"], *scene.others["tenant_texts"]]:
        assert value not in text
    for role in ("tenant", "technician", "manager", "committee"):  # people around the owner's data
        user = User.objects.get(pk=world.users[role].pk)
        assert user.phone.removeprefix("+86") not in text and user.username not in text


def test_export_page_downloads_an_attachment_and_is_audited(scene, web_as):
    client = web_as(scene.owner)
    assert "/me/data/export.json" in client.get("/me/data/").content.decode()
    response = client.get("/me/data/export.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="linli-my-data-')
    assert "no-store" in response["Cache-Control"]
    assert json.loads(response.content)["account"]["user"]["email"] == "ouyang.mydata@example.com"
    assert AuditEvent.objects.filter(action="mydata.exported", actor=scene.owner).count() == 1


def test_staff_login_without_person_gets_no_export(world, api_as):
    assert api_as(world.users["manager"]).get("/api/v1/me/data/").status_code == 403


# --- asking for deletion ----------------------------------------------------------------------------------


def test_deletion_request_needs_the_password_again(world, api_as):
    owner = world.users["owner"]
    response = api_as(owner).post("/api/v1/me/data/deletion/", {"password": "not my password"}, format="json")
    assert response.status_code == 400
    assert "password" in response.json()["errors"]
    assert not DeletionRequest.objects.exists()
    assert AuditEvent.objects.filter(action="mydata.deletion_password_failed", actor=owner).exists()


def test_one_open_deletion_request_per_person(world, api_as):
    client = api_as(world.users["owner"])
    first = client.post("/api/v1/me/data/deletion/", {"password": PASSWORD}, format="json")
    assert first.status_code == 201 and first.json()["status"] == "open"
    again = client.post("/api/v1/me/data/deletion/", {"password": PASSWORD}, format="json")
    assert again.status_code == 409
    assert DeletionRequest.objects.count() == 1
    assert AuditEvent.objects.filter(action="mydata.deletion_requested").count() == 1


def test_deletion_asked_on_the_page_shows_as_waiting(world, web_as):
    client = web_as(world.users["tenant"])
    wrong = client.post("/me/data/deletion/", {"password": "nope"})
    assert wrong.status_code == 200 and "has-error" in wrong.content.decode()
    response = client.post("/me/data/deletion/", {"password": PASSWORD}, follow=True)
    assert DeletionRequest.objects.get().person == world.users["tenant"].person
    assert "/me/data/deletion/" not in response.content.decode()  # no second form while one is waiting


def test_refusal_needs_a_reason_and_tells_the_resident(world, api_as):
    owner = world.users["owner"]
    asked = api_as(owner).post("/api/v1/me/data/deletion/", {"password": PASSWORD}, format="json").json()
    manager = api_as(world.users["manager"])
    url = f"/api/v1/staff/deletion-requests/{asked['id']}/refuse/"
    assert manager.post(url, {"reason": " "}, format="json").status_code == 400
    response = manager.post(url, {"reason": "欠费纠纷未结，暂需保留"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "refused"
    told = OutboxMessage.objects.get(recipient=owner, event_key=f"mydata.{asked['id']}.decided", channel="in_app")
    assert told.body == "欠费纠纷未结，暂需保留"
    assert User.objects.get(pk=owner.pk).is_active
    assert AuditEvent.objects.filter(action="mydata.deletion_refused").count() == 1


def test_staff_of_another_estate_neither_see_nor_decide_the_request(world, api_as):
    asked = api_as(world.users["owner"]).post("/api/v1/me/data/deletion/", {"password": PASSWORD}, format="json")
    pk = asked.json()["id"]
    other = api_as(world.users["manager_b"])
    assert other.get("/api/v1/staff/deletion-requests/").json()["results"] == []
    assert other.post(f"/api/v1/staff/deletion-requests/{pk}/erase/").status_code == 404
    assert api_as(world.users["dispatcher"]).get("/api/v1/staff/deletion-requests/").status_code == 403
    listed = api_as(world.users["manager"]).get("/api/v1/staff/deletion-requests/").json()["results"]
    assert [row["id"] for row in listed] == [pk]
    assert "****" in listed[0]["phone"]


# --- erasure ----------------------------------------------------------------------------------------------


def _erase(scene, api_as, django_capture_on_commit_callbacks, staff):
    asked = api_as(scene.owner).post("/api/v1/me/data/deletion/", {"password": PASSWORD}, format="json").json()
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(staff).post(f"/api/v1/staff/deletion-requests/{asked['id']}/erase/")
    assert response.status_code == 200 and response.json()["status"] == "erased"
    return asked["id"]


def _text_columns():
    """Every registered model's text-holding columns: where a personal value could be left behind."""
    kinds = (models.CharField, models.TextField, models.JSONField, models.FileField, models.GenericIPAddressField)
    for label in sorted({entry.model for entry in PERSONAL_FIELDS}):
        model = apps.get_model(label)
        for field in model._meta.concrete_fields:
            if isinstance(field, kinds):
                yield model, field


def test_after_erasure_no_personal_value_is_left_in_the_database(
    scene, api_as, world, django_capture_on_commit_callbacks
):
    request_id = _erase(scene, api_as, django_capture_on_commit_callbacks, world.users["manager"])
    needles = [scene.values["name"], scene.values["username"], scene.values["email"], scene.values["phone"]]
    needles += scene.values["texts"]
    farewell = f"mydata.{request_id}.decided"
    left = []
    for model, field in _text_columns():
        rows = models.QuerySet(model).values_list("pk", field.attname)
        if model is OutboxMessage and field.name == "address":
            rows = rows.exclude(event_key=farewell)  # the farewell message needs the address to be delivered
        for pk, value in rows:
            text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
            left += [f"{model._meta.label}.{field.name}#{pk}: {needle}" for needle in needles if needle in (text or "")]
    assert not left, "\n".join(left)


def test_erasure_keeps_the_non_personal_records_and_closes_the_login(
    scene, api_as, world, django_capture_on_commit_callbacks
):
    token = Token.objects.create(user=scene.owner)
    storage, image_name = scene.photo.image.storage, scene.photo.image.name
    assert storage.exists(image_name)
    _erase(scene, api_as, django_capture_on_commit_callbacks, world.users["manager"])

    user = User.objects.get(pk=scene.owner.pk)
    assert not user.is_active and not user.has_usable_password() and user.username == f"erased-{user.pk}"
    assert not Token.objects.filter(user=user).exists()
    old_token = api_as(None)
    old_token.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert old_token.get("/api/v1/me/data/").status_code == 401
    order = WorkOrder.objects.get(pk=scene.order.pk)
    assert order.status == scene.order.status and order.events.count() >= 4  # the history stays
    erased_name, erased_text = erased_values()
    assert order.description == erased_text
    assert not WorkOrderPhoto.objects.filter(order=order).exists() and not storage.exists(image_name)
    assert Ballot.objects.filter(pk=scene.ballot.pk, choice="yes").exists()  # the vote's count is unchanged
    assert user.person.full_name == erased_name
    assert AuditEvent.objects.filter(action="mydata.erased", actor=world.users["manager"]).count() == 1


def test_erasure_tells_the_resident_on_their_own_channels(scene, api_as, world, django_capture_on_commit_callbacks):
    request_id = _erase(scene, api_as, django_capture_on_commit_callbacks, world.users["admin"])
    sent = OutboxMessage.objects.filter(event_key=f"mydata.{request_id}.decided").order_by("channel")
    assert {(m.channel, m.address) for m in sent} == {
        ("email", "ouyang.mydata@example.com"),
        ("sms", "+8613912345678"),
    }


def test_a_decided_request_cannot_be_decided_again(scene, api_as, world, django_capture_on_commit_callbacks):
    request_id = _erase(scene, api_as, django_capture_on_commit_callbacks, world.users["manager"])
    url = f"/api/v1/staff/deletion-requests/{request_id}/refuse/"
    again = api_as(world.users["manager"]).post(url, {"reason": "x"})
    assert again.status_code == 404  # no longer in the open queue


def test_staff_page_lists_and_erases(scene, web_as, world, django_capture_on_commit_callbacks):
    from residents.mydata.services import deletion_request_create

    found = deletion_request_create(user=scene.owner, password=PASSWORD)
    client = web_as(world.users["manager"])
    page = client.get("/staff/deletion-requests/").content.decode()
    assert f"/staff/deletion-requests/{found.pk}/erase/" in page and "欧阳测试" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/staff/deletion-requests/{found.pk}/erase/")
    assert response.status_code == 302
    assert DeletionRequest.objects.get(pk=found.pk).status == "erased"
