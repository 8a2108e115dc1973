import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from committee.documents import selectors, services
from committee.documents.models import Document
from core.errors import NotPermitted
from tests.committee.files_helpers import PDF, xlsx


def _upload(actor, estate, access="residents", **changes):
    data = {"title": "管理规约", "category": "covenant", "access": access, "name": "规约.pdf", "data": PDF, **changes}
    return services.document_upload(actor=actor, estate_id=estate.pk, data=services.DocumentInput(**data))


@pytest.fixture
def library(world):
    return {level: _upload(world.users["committee"], world.estate_a, access=level) for level in ("residents",
            "committee")}  # fmt: skip


def test_upload_by_managers_and_the_committee_only(world):
    assert _upload(world.users["manager"], world.estate_a).pk
    assert _upload(world.users["committee"], world.estate_a, name="表.xlsx", data=xlsx()).kind == "xlsx"
    for role in ("owner", "dispatcher", "committee_b"):
        with pytest.raises(NotPermitted):
            _upload(world.users[role], world.estate_a)


def test_upload_refuses_a_bad_file_naming_the_field(world):
    with pytest.raises(ValidationError) as caught:
        _upload(world.users["manager"], world.estate_a, name="x.pdf", data=b"GIF89a")
    assert set(caught.value.message_dict) == {"file"}
    assert not Document.objects.exists()


def test_residents_see_resident_documents_committee_sees_both(world, library):
    def seen(role, estate=world.estate_a):
        return set(selectors.documents_for(user=world.users[role], estate=estate).values_list("access", flat=True))

    assert seen("owner") == seen("tenant") == {"residents"}
    assert seen("committee") == seen("manager") == {"residents", "committee"}
    assert seen("other_household") == seen("committee_b") == seen("dispatcher") == set()


def test_committee_only_file_is_404_to_residents(world, web_as, library):
    url = f"/committee-files/documents/{library['committee'].pk}/"
    assert web_as(world.users["owner"]).get(url).status_code == 404
    response = web_as(world.users["committee"]).get(url)
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"


def test_resident_page_lists_in_a_fixed_number_of_queries(world, web_as, library, django_assert_max_num_queries):
    for n in range(5):
        _upload(world.users["manager"], world.estate_a, title=f"决定 {n}", category="decision")
    client = web_as(world.users["owner"])
    with django_assert_max_num_queries(14):  # the same with 2 documents or 200: one query for the page
        response = client.get("/me/committee/alpha/documents/")
    assert response.status_code == 200 and response.content.decode().count("/committee-files/documents/") == 6


def test_committee_page_upload_with_a_bad_type_is_a_clear_400(world, web_as):
    bad = SimpleUploadedFile("rules.docx", b"PK\x03\x04whatever")
    form = {"title": "议事规则", "category": "procedure", "access": "residents", "file": bad}
    response = web_as(world.users["committee"]).post("/committee/alpha/documents/", form)
    assert response.status_code == 400 and ".xlsx" in response.content.decode()
    assert not Document.objects.exists()


def test_api_upload_bad_type_is_400_and_delete_removes(world, api_as, library):
    client = api_as(world.users["committee"])
    bad = client.post("/api/v1/committee/alpha/documents/", {"title": "x", "category": "other", "access": "residents",
                      "file": SimpleUploadedFile("x.exe", b"MZ")}, format="multipart")  # fmt: skip
    assert bad.status_code == 400 and "file" in bad.json()["errors"]
    doc = library["committee"]
    assert client.delete(f"/api/v1/committee/alpha/documents/{doc.pk}/").status_code == 204
    assert not Document.objects.filter(pk=doc.pk).exists()
    listed = api_as(world.users["owner"]).get("/api/v1/me/committee/alpha/documents/").json()["results"]
    assert [row["id"] for row in listed] == [library["residents"].pk]
