"""Uploads: only real images, re-encoded without EXIF, served only to those who may see the order."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.models import AuditEvent
from repairs import images
from repairs.models import WorkOrder, WorkOrderPhoto
from repairs.photos import work_order_photo_add, work_order_photo_thumbnail

pytestmark = pytest.mark.django_db
GPS_IFD = 0x8825


def jpeg_with_gps(size=(640, 480)) -> bytes:
    image = Image.new("RGB", size, (200, 40, 40))
    exif = image.getexif()
    exif[0x0110] = "Phone X"  # camera model
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (39.0, 54.0, 27.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A PNG header announcing a huge image (a decompression bomb needs no real pixels to be refused)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def test_clean_strips_exif_and_gps():
    data = jpeg_with_gps()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)
    cleaned = Image.open(io.BytesIO(images.clean(data).data))
    assert dict(cleaned.getexif()) == {} and GPS_IFD not in cleaned.getexif()


def test_clean_drops_anything_appended_after_the_image():
    polyglot = jpeg_with_gps() + b"<html><script>alert(1)</script></html>"
    assert b"<script" not in images.clean(polyglot).data


def test_clean_shrinks_large_photos_to_2560_pixels():
    cleaned = images.clean(jpeg_with_gps(size=(4000, 3000)))
    assert (cleaned.width, cleaned.height) == (2560, 1920)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"MZ\x90\x00" + b"\x00" * 200, "not_image"),  # a Windows executable renamed .jpg
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "not_image"),
        (b"%PDF-1.4\n" + b"x" * 100, "not_image"),
        (b"", "not_image"),
        ("truncated", "not_image"),
        ("bomb", "too_many_pixels"),
        ("huge", "too_large"),
    ],
    ids=["exe", "svg", "pdf", "empty", "truncated", "bomb", "huge"],
)
def test_clean_refuses_bad_files(data, code):
    if data == "truncated":
        data = jpeg_with_gps()[:2000]
    elif data == "bomb":
        data = png_claiming(30000, 30000)
    elif data == "huge":
        data = b"\xff\xd8\xff" + b"\0" * (images.MAX_BYTES + 1)
    with pytest.raises(images.BadImage) as exc:
        images.clean(data)
    assert exc.value.code == code


def test_photo_added_by_the_reporter_is_stored_without_exif(world, order):
    photo = work_order_photo_add(order_id=order.pk, actor=world.users["owner"], data=jpeg_with_gps(), kind="report")
    with photo.image.open("rb") as stored:
        assert GPS_IFD not in Image.open(stored).getexif()
    assert photo.image.name.endswith(".jpg") and str(order.pk) in photo.image.name


def test_photo_is_served_only_to_those_who_see_the_order(world, web_as, client, order):
    photo = work_order_photo_add(order_id=order.pk, actor=world.users["owner"], data=jpeg_with_gps(), kind="report")
    url = f"/repairs/photos/{photo.pk}/"
    response = web_as(world.users["owner"]).get(url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Security-Policy"].startswith("sandbox")
    client.logout()
    assert web_as(world.users["other_household"]).get(url).status_code == 404
    assert web_as(world.users["technician"]).get(url).status_code == 404  # not assigned to it


def test_photo_files_are_not_under_the_public_media_path(world, client, order, settings):
    photo = work_order_photo_add(order_id=order.pk, actor=world.users["owner"], data=jpeg_with_gps(), kind="report")
    assert not str(settings.LINLI_PRIVATE_MEDIA_ROOT).startswith(str(settings.MEDIA_ROOT))
    assert client.get(f"/media/{photo.image.name}").status_code == 404


def test_staff_views_of_a_photo_are_audited(world, web_as, order):
    photo = work_order_photo_add(order_id=order.pk, actor=world.users["owner"], data=jpeg_with_gps(), kind="report")
    web_as(world.users["dispatcher"]).get(f"/repairs/photos/{photo.pk}/")
    assert AuditEvent.objects.filter(action="photo.viewed", object_id=str(photo.pk)).exists()


def test_thumbnail_is_made_once_and_served(world, web_as, order):
    photo = work_order_photo_add(order_id=order.pk, actor=world.users["owner"], data=jpeg_with_gps(), kind="report")
    work_order_photo_thumbnail(photo_id=photo.pk)
    work_order_photo_thumbnail(photo_id=photo.pk)
    photo.refresh_from_db()
    with photo.thumbnail.open("rb") as thumb:
        assert max(Image.open(thumb).size) <= images.THUMB_SIDE
    response = web_as(world.users["owner"]).get(f"/repairs/photos/{photo.pk}/?size=thumb")
    assert response.status_code == 200


def test_after_photos_are_for_the_assignee(world, order):
    from core.errors import InvalidTransition, NotPermitted

    with pytest.raises(NotPermitted):
        work_order_photo_add(order_id=order.pk, actor=world.users["owner"], data=jpeg_with_gps(), kind="after")
    with pytest.raises(InvalidTransition):
        work_order_photo_add(order_id=order.pk, actor=world.users["dispatcher"], data=jpeg_with_gps(), kind="after")


def test_api_upload_bad_file_is_a_400_naming_the_photo_and_stores_nothing(world, api_as, order):
    upload = SimpleUploadedFile("fix.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    response = api_as(world.users["owner"]).post(
        f"/api/v1/me/repairs/{order.pk}/photos/", {"photo": upload}, format="multipart"
    )
    assert response.status_code == 400 and "photo" in response.json()["errors"]
    assert not WorkOrderPhoto.objects.exists()


def test_api_upload_and_detail_links(world, api_as, order):
    upload = SimpleUploadedFile("leak.jpg", jpeg_with_gps(), content_type="image/jpeg")
    client = api_as(world.users["owner"])
    assert (
        client.post(f"/api/v1/me/repairs/{order.pk}/photos/", {"photo": upload}, format="multipart").status_code == 201
    )
    photos = client.get(f"/api/v1/me/repairs/{order.pk}/").json()["photos"]
    assert photos[0]["url"] == f"/repairs/photos/{photos[0]['id']}/"
    other = api_as(world.users["other_household"])
    upload = SimpleUploadedFile("x.jpg", jpeg_with_gps(), content_type="image/jpeg")
    assert (
        other.post(f"/api/v1/me/repairs/{order.pk}/photos/", {"photo": upload}, format="multipart").status_code == 404
    )


def test_report_with_one_bad_photo_saves_nothing(world, web_as):
    form = {
        "place": f"unit:{world.unit_a.pk}",
        "trade": "plumbing",
        "priority": "routine",
        "description": "漏水",
        "photos": [SimpleUploadedFile("a.jpg", jpeg_with_gps()), SimpleUploadedFile("b.jpg", b"MZ not a photo")],
    }
    response = web_as(world.users["owner"]).post("/repairs/new/", form)
    assert response.status_code == 200 and "photos" in response.context["form"].errors
    assert not WorkOrder.objects.exists() and not WorkOrderPhoto.objects.exists()


def test_report_with_photos_in_the_browser(world, web_as):
    form = {
        "place": f"unit:{world.unit_a.pk}",
        "trade": "plumbing",
        "priority": "routine",
        "description": "漏水",
        "photos": [SimpleUploadedFile("a.jpg", jpeg_with_gps()), SimpleUploadedFile("b.png", jpeg_with_gps())],
    }
    response = web_as(world.users["owner"]).post("/repairs/new/", form)
    assert response.status_code == 302
    assert WorkOrder.objects.get().photos.count() == 2


def heic_with_gps(size=(640, 480)) -> bytes:
    """What an iPhone sends: HEIC with the camera model and GPS position in its EXIF."""
    image = Image.new("RGB", size, (10, 120, 200))
    exif = image.getexif()
    exif[0x0110] = "iPhone"
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (31.0, 14.0, 5.0)
    out = io.BytesIO()
    image.save(out, format="HEIF", exif=exif.tobytes())
    return out.getvalue()


def test_heic_from_a_phone_is_decoded_and_stored_as_jpeg_without_exif(world, api_as, order):
    data = heic_with_gps()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)  # the fixture really carries a position
    upload = SimpleUploadedFile("IMG_0001.HEIC", data, content_type="image/heic")
    response = api_as(world.users["owner"]).post(
        f"/api/v1/me/repairs/{order.pk}/photos/", {"photo": upload}, format="multipart"
    )
    assert response.status_code == 201
    stored = WorkOrderPhoto.objects.get()
    with stored.image.open("rb") as handle:
        saved = Image.open(io.BytesIO(handle.read()))
    assert saved.format == "JPEG" and (saved.width, saved.height) == (640, 480)
    assert dict(saved.getexif()) == {}


def test_truncated_heic_is_refused():
    with pytest.raises(images.BadImage) as refused:
        images.clean(heic_with_gps()[:300])
    assert refused.value.code == "not_image"
