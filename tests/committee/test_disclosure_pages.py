from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.translation import gettext

from committee.disclosures import services
from committee.disclosures.models import Disclosure
from tests.committee.disclosure_helpers import published
from tests.committee.files_helpers import PDF


@pytest.fixture
def entries(world):
    manager = world.users["manager"]
    entries = [published(manager, world.estate_a, title=f"第{n}季度", period_end=date(2026, n * 3, 28)) for n in (1, 2)]
    for entry in entries:
        services.disclosure_question_ask(actor=world.users["owner"], disclosure_id=entry.pk, body="明细？")
    return entries


def test_resident_list_shows_published_entries_in_a_fixed_number_of_queries(world, web_as, entries,
                                                                            django_assert_max_num_queries):  # fmt: skip
    services.disclosure_draft_create(actor=world.users["manager"], estate_id=world.estate_a.pk,
                                     data=services.DisclosureInput("fund", "草稿", date(2026, 1, 1),
                                                                   date(2026, 6, 30), "x"))  # fmt: skip
    client = web_as(world.users["tenant"])
    with django_assert_max_num_queries(13):  # session, user, homes, estate, the page of entries, chrome
        response = client.get("/me/committee/alpha/disclosures/")
    page = response.content.decode()
    assert response.status_code == 200 and "第1季度" in page and "第2季度" in page and "草稿" not in page


def test_company_list_shows_what_is_overdue(world, web_as, entries, django_assert_max_num_queries):
    client = web_as(world.users["manager"])
    with django_assert_max_num_queries(14):
        response = client.get("/staff/committee/alpha/disclosures/")
    assert response.status_code == 200 and 'class="overdue"' in response.content.decode()


def test_detail_hides_who_asked_from_other_residents(world, web_as, entries):
    owner = world.users["owner"]
    page = web_as(world.users["tenant"]).get(f"/me/committee/alpha/disclosures/{entries[0].pk}/").content.decode()
    with translation.override("zh-hans"):
        labels = {"An owner asked", gettext("An owner asked")}
    assert any(label in page for label in labels)
    assert owner.username not in page and owner.person.full_name not in page and owner.phone not in page


def test_resident_asks_through_the_page(world, web_as, entries):
    response = web_as(world.users["tenant"]).post(f"/me/committee/alpha/disclosures/{entries[0].pk}/ask/",
                                                  {"body": "车位收入多少？"})  # fmt: skip
    assert response.status_code == 302
    assert entries[0].questions.filter(asker=world.users["tenant"], asker_is_owner=False).exists()


def test_company_attach_with_a_bad_file_says_why_and_saves_nothing(world, web_as):
    draft = services.disclosure_draft_create(actor=world.users["manager"], estate_id=world.estate_a.pk,
                                             data=services.DisclosureInput("fund", "维修资金", date(2026, 1, 1),
                                                                           date(2026, 6, 30), "x"))  # fmt: skip
    client = web_as(world.users["manager"])
    upload = SimpleUploadedFile("fund.pdf", b"<script>alert(1)</script>", content_type="application/pdf")
    response = client.post(f"/staff/committee/alpha/disclosures/{draft.pk}/attach/", {"file": upload}, follow=True)
    assert response.status_code == 200 and not draft.attachments.exists()
    assert len(list(response.context["messages"])) == 1


def test_attachment_is_served_privately_with_safe_headers(world, web_as, entries):
    attachment = entries[0].attachments.get()
    response = web_as(world.users["owner"]).get(f"/committee-files/disclosures/{attachment.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff" and "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
    stranger = web_as(world.users["other_household"])
    assert stranger.get(f"/committee-files/disclosures/{attachment.pk}/").status_code == 404


# --- API -------------------------------------------------------------------------------------------------


def test_api_draft_attach_publish_and_correct(world, api_as):
    client = api_as(world.users["manager"])
    body = {"kind": "revenue", "title": "Q2", "period_start": "2026-04-01", "period_end": "2026-06-30", "body": "收入"}
    created = client.post("/api/v1/staff/committee/alpha/disclosures/", body, format="json")
    assert created.status_code == 201
    pk = created.json()["id"]
    bad = client.post(f"/api/v1/staff/committee/alpha/disclosures/{pk}/attachments/",
                      {"file": SimpleUploadedFile("a.xlsx", b"not a zip")}, format="multipart")  # fmt: skip
    assert bad.status_code == 400 and "file" in bad.json()["errors"]
    good = client.post(f"/api/v1/staff/committee/alpha/disclosures/{pk}/attachments/",
                       {"file": SimpleUploadedFile("a.pdf", PDF)}, format="multipart")  # fmt: skip
    assert good.status_code == 201
    assert client.post(f"/api/v1/staff/committee/alpha/disclosures/{pk}/publish/").json()["status"] == "published"
    assert client.put(f"/api/v1/staff/committee/alpha/disclosures/{pk}/", body, format="json").status_code == 409
    fix = client.post("/api/v1/staff/committee/alpha/disclosures/", {**body, "supersedes": pk}, format="json").json()
    client.post(f"/api/v1/staff/committee/alpha/disclosures/{fix['id']}/publish/")
    listed = api_as(world.users["owner"]).get("/api/v1/me/committee/alpha/disclosures/").json()["results"]
    assert {(row["id"], row["status"], row["superseded_by"]) for row in listed} == {
        (pk, "superseded", fix["id"]), (fix["id"], "published", None)}  # fmt: skip


def test_api_questions_never_name_the_asker(world, api_as, entries):
    detail = api_as(world.users["tenant"]).get(f"/api/v1/me/committee/alpha/disclosures/{entries[0].pk}/").json()
    (question,) = detail["questions"]
    assert question["asked_by"] == "owner" and question["mine"] is False
    assert set(question) == {"id", "asked_by", "mine", "body", "asked_at", "answer", "answered_at"}
    mine = api_as(world.users["owner"]).get(f"/api/v1/me/committee/alpha/disclosures/{entries[0].pk}/").json()
    assert mine["questions"][0]["mine"] is True


def test_api_answer_then_everyone_sees_it(world, api_as, entries):
    question = entries[0].questions.get()
    url = f"/api/v1/staff/committee/alpha/disclosures/questions/{question.pk}/answer/"
    answered = api_as(world.users["manager"]).post(url, {"answer": "见附件"}, format="json")
    assert answered.status_code == 200
    seen = api_as(world.users["committee"]).get(f"/api/v1/me/committee/alpha/disclosures/{entries[0].pk}/").json()
    assert seen["questions"][0]["answer"] == "见附件"


def test_api_due_lists_each_scheduled_kind(world, api_as, entries):
    due = api_as(world.users["manager"]).get("/api/v1/staff/committee/alpha/disclosures/due/").json()
    assert {row["kind"] for row in due} == {"revenue", "fund", "fees", "accounts", "contract"}


def test_api_list_query_count_is_fixed(world, api_as, entries, django_assert_max_num_queries):
    client = api_as(world.users["owner"])
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/me/committee/alpha/disclosures/").status_code == 200
    assert Disclosure.objects.count() == 2
