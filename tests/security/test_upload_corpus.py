"""The bad-file corpus against every upload endpoint of the product, web and API (SECURITY.md §2e, §5.10–5.12).

Each bad file gets a clear message naming the problem (a 400 in the API, the form's error or a flash message on
the web page), never a 500, and leaves nothing half-saved: no new row, no new file in storage. Files that are
acceptable once re-encoded (HTML after the JPEG's end, in its comment segment) are stored without the hostile
part. The pure validators' own cases are in tests/repairs/test_photos.py and tests/committee/test_document_files.py.
"""

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image

from committee.disclosures.models import DisclosureAttachment
from committee.documents.models import Document
from committee.votes.models import Ballot
from repairs.models import WorkOrder
from tests.security.bad_files import (
    CLEANED,
    CORPUS,
    GPS_IFD,
    HOSTILE_NAMES,
    MAKER_NOTE,
    SAYS,
    hostile,
    phone_jpeg,
    photo,
)
from tests.security.upload_endpoints import ENDPOINTS, outcome, post_streamed

pytestmark = pytest.mark.django_db
UUID_NAME = re.compile(r"^[0-9a-f]{32}\.(jpg|pdf|xlsx)$")
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
BY_ID = {endpoint.id: endpoint for endpoint in ENDPOINTS}


def stored_files() -> set[Path]:
    return {path for path in Path(settings.LINLI_PRIVATE_MEDIA_ROOT).rglob("*") if path.is_file()}


@dataclass
class Posted:
    """A request to an upload endpoint and what it left: the response, what the user was told, the rows and
    the files in storage before it."""

    response: object
    told: object
    rows_before: tuple
    files_before: set

    def new_files(self) -> set[Path]:
        return stored_files() - self.files_before


@pytest.fixture
def send(world, api_as, web_as):
    """send(endpoint, [(name, bytes), ...]) posts the files as the endpoint's role, with its other fields."""

    def post(endpoint, files, *, streamed: Path | None = None, **headers) -> Posted:
        url, fields = endpoint.prepare(world)
        user = world.users[endpoint.role]
        client = api_as(user) if endpoint.api else web_as(user)
        rows, before = endpoint.rows(), stored_files()
        if streamed is not None:
            response = post_streamed(client, url, fields, endpoint.field, streamed, **ENGLISH)
        else:
            uploads = [SimpleUploadedFile(name, data) for name, data in files]
            body = {**fields, endpoint.field: uploads if len(uploads) > 1 else uploads[0]}
            extra = {"format": "multipart"} if endpoint.api else {}
            response = client.post(url, body, **extra, **{**ENGLISH, **headers})
        with translation.override("en"):
            return Posted(response, outcome(endpoint, response), rows, before)

    return post


def assert_refused(endpoint, posted: Posted, says: str):
    """Refused with a message matching `says`, never a 500, and nothing saved: no row, no file."""
    response, told = posted.response, posted.told
    assert response.status_code < 500 and not told.accepted, (response.status_code, told.messages)
    if endpoint.api:
        assert response.status_code in (400, 413), response.content[:300]
    assert any(re.search(says, message) for message in told.messages), (says, told.messages)
    assert endpoint.rows() == posted.rows_before
    assert posted.new_files() == set()


def assert_stored_cleaned(posted: Posted, poison: bytes = b"") -> Path:
    """Accepted; one new file in storage, under a UUID name, without `poison`. Returns the file."""
    assert posted.told.accepted, (posted.response.status_code, posted.told.messages)
    (new,) = posted.new_files()
    assert UUID_NAME.match(new.name), new.name
    assert not poison or poison not in new.read_bytes()
    return new


@pytest.mark.parametrize("bad", CORPUS, ids=lambda bad: bad.id)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda endpoint: endpoint.id)
def test_bad_file_is_refused_with_a_reason_or_stored_cleaned(endpoint, bad, send):
    posted = send(endpoint, [(bad.name, bad.make())])
    if bad.outcome[endpoint.kind] == CLEANED:
        assert_stored_cleaned(posted, bad.poison)
    else:
        assert_refused(endpoint, posted, bad.says.get(endpoint.kind, SAYS[endpoint.kind]))


@pytest.mark.parametrize("key", HOSTILE_NAMES)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda endpoint: endpoint.id)
def test_hostile_file_names_never_reach_storage_or_the_display_name(endpoint, key, send):
    name, data = hostile(endpoint.kind, key)
    posted = send(endpoint, [(name, data)])
    if key == "rtl-override" and endpoint.kind in ("document", "registry"):  # really a .exe: refused by its name
        assert_refused(endpoint, posted, SAYS[endpoint.kind])
    elif endpoint.kind == "registry":  # read, never stored
        assert posted.response.status_code in (200, 302) and posted.new_files() == set()
    else:
        assert_stored_cleaned(posted)
        shown = [row.name for model in (Document, DisclosureAttachment) for row in model.objects.all()]
        for display in shown:
            assert len(display) <= 120 and not re.search(r"[/\\\x00-\x1f\u202a-\u202e]", display), display


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda endpoint: endpoint.id)
def test_a_50_mb_file_is_refused_by_its_size(endpoint, send, tmp_path):
    """Django spools a file over FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file (DATA_UPLOAD_MAX_MEMORY_SIZE
    counts only the other fields), so the limit bites in each field's validation, which reads one byte past
    its limit: 10 MB for photos and scans, 20 MB for documents and the registry. A proxy body limit stops
    larger bodies before Django (SECURITY.md §1.2)."""
    big = tmp_path / "big.jpg"
    with open(big, "wb") as sparse:
        sparse.write(b"\xff\xd8\xff\xe0")  # a JPEG's first bytes; the rest is a hole, read as zeros
        sparse.truncate(50 * 1024 * 1024)
    posted = send(endpoint, [], streamed=big)
    assert_refused(endpoint, posted, r"(10|20)(\.0)?\s?MB")


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda endpoint: endpoint.id)
def test_too_many_files_in_one_request_are_refused_by_name(endpoint, send):
    many = settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1
    name, data = hostile(endpoint.kind, "dot-dot")
    posted = send(endpoint, [(f"{i}-{name[-8:]}", data) for i in range(many)])
    page = posted.response.content.decode()
    assert posted.response.status_code == 400 and "at most 10" in page, page[:500]
    assert endpoint.rows() == posted.rows_before and posted.new_files() == set()


def test_more_photos_than_a_report_takes_are_refused_on_the_form(send):
    posted = send(BY_ID["web-report"], [(f"{i}.jpg", photo()) for i in range(7)])
    assert_refused(BY_ID["web-report"], posted, "At most 6 photos")


def test_a_report_whose_second_photo_is_bad_leaves_no_file_of_the_first(send):
    """The first photo is written before the second is refused; the rolled-back request must take it along."""
    posted = send(BY_ID["web-report"], [("good.jpg", photo()), ("bad.jpg", b"MZ\x90\x00")])
    assert_refused(BY_ID["web-report"], posted, "JPEG")
    assert not WorkOrder.objects.exists()


def test_refusals_are_in_the_residents_language(send):
    posted = send(BY_ID["api-resident-photo"], [("x.jpg", b"MZ\x90\x00")], HTTP_ACCEPT_LANGUAGE="zh-hans")
    (message,) = posted.response.json()["errors"]["photo"]
    assert re.search(r"[\u4e00-\u9fff]", message), message


# --- what an accepted photo becomes -------------------------------------------------------------------------
PICTURE_ENDPOINTS = [e for e in ENDPOINTS if e.kind in ("photo", "scan", "document")]


@pytest.mark.parametrize("endpoint", PICTURE_ENDPOINTS, ids=lambda endpoint: endpoint.id)
def test_accepted_photo_is_stored_upright_without_exif_gps_or_maker_notes(endpoint, send):
    posted = send(endpoint, [("IMG_0001.jpg", phone_jpeg())])
    stored = Image.open(io.BytesIO(assert_stored_cleaned(posted).read_bytes()))
    exif = stored.getexif()
    assert stored.format == "JPEG" and dict(exif) == {} and not exif.get_ifd(GPS_IFD)
    assert not {"exif", "xmp", "comment", "icc_profile"} & set(stored.info) and MAKER_NOTE not in exif.get_ifd(0x8769)
    assert b"GPS" not in posted.new_files().pop().read_bytes()
    assert stored.size == (480, 640)  # turned as Orientation 6 asked: the portrait the phone showed
    top, bottom = stored.convert("RGB").getpixel((240, 10)), stored.convert("RGB").getpixel((240, 630))
    assert top[2] > 200 > top[0] and bottom[0] > 200  # the blue half is now on top


SERVED = {
    "api-company-documents": lambda: f"/committee-files/documents/{Document.objects.get().pk}/",
    "api-disclosure-attachment": lambda: f"/committee-files/disclosures/{DisclosureAttachment.objects.get().pk}/",
    "api-paper-ballot": lambda: f"/committee/ballots/{Ballot.objects.get().pk}/scan/",
}


@pytest.mark.parametrize("endpoint_id", SERVED)
def test_stored_upload_is_served_only_by_its_authorising_view(endpoint_id, send, world, web_as, client):
    endpoint = BY_ID[endpoint_id]
    new = assert_stored_cleaned(send(endpoint, [("scan.jpg", phone_jpeg())]))
    url = SERVED[endpoint_id]()
    response = web_as(world.users[endpoint.role]).get(url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff" and "no-store" in response["Cache-Control"]
    assert response["Content-Security-Policy"].startswith("sandbox")
    client.logout()
    assert web_as(world.users["other_household"]).get(url).status_code == 404
    relative = new.relative_to(settings.LINLI_PRIVATE_MEDIA_ROOT).as_posix()
    assert client.get(f"/media/{relative}").status_code == 404


# --- any bytes at all -------------------------------------------------------------------------------------------
MAGIC = [b"", b"\xff\xd8\xff\xe0", b"\x89PNG\r\n\x1a\n", b"RIFF\x00\x00\x00\x00WEBPVP8 ",
         b"\x00\x00\x00\x18ftypheic", b"GIF89a", b"%PDF-1.4\n", b"PK\x03\x04"]  # fmt: skip


@hypothesis_settings(
    hypothesis_settings.get_profile("ci"),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(head=st.sampled_from(MAGIC), body=st.binary(max_size=4096))
def test_any_bytes_as_a_photo_are_answered_201_or_400_never_500(head, body, world, api_as):
    """The magic bytes take the fuzzer past the type check into each decoder."""
    order = WorkOrder.objects.filter(unit=world.unit_a).first() or _report(world)
    response = api_as(world.users["owner"]).post(f"/api/v1/me/repairs/{order.pk}/photos/",
                                                 {"photo": SimpleUploadedFile("x.jpg", head + body)},
                                                 format="multipart")  # fmt: skip
    assert response.status_code in (201, 400), response.content[:300]
    if response.status_code == 400:
        assert "photo" in response.json()["errors"]


def _report(world):
    from repairs.services import Report, work_order_submit

    return work_order_submit(actor=world.users["owner"], report=Report(trade="plumbing", description="漏水",
                                                                       unit_id=world.unit_a.pk))  # fmt: skip
