"""Photos on work orders: the reporter's pictures of the fault and the technician's after-photos."""

import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.errors import InvalidTransition, NotPermitted
from core.storage import store

from . import images
from .models import WorkOrder, WorkOrderPhoto
from .services import actor_roles, work_order_event_record
from .workflow import FINAL_STATUSES, Actor, Status

MAX_PER_KIND = 6
REFUSALS = {
    "too_large": _("The photo is larger than 10 MB."),
    "not_image": _("This file is not a JPEG, PNG, WebP or HEIC photo, or it is damaged."),
    "too_many_pixels": _("The photo has too many pixels (more than 60 megapixels)."),
}
WHO = {
    WorkOrderPhoto.Kind.REPORT: {Actor.REPORTER, Actor.DISPATCHER, Actor.MANAGER},
    WorkOrderPhoto.Kind.AFTER: {Actor.ASSIGNEE, Actor.DISPATCHER, Actor.MANAGER},
}
AFTER_STATUSES = frozenset({Status.IN_PROGRESS, Status.ON_HOLD, Status.COMPLETED})


def read_upload(upload) -> bytes:
    """At most one byte more than the limit, so an oversized file is refused without reading it all."""
    upload.seek(0)
    return upload.read(images.MAX_BYTES + 1)


def _check(order: WorkOrder, actor, kind: str) -> None:
    if not WHO[kind] & actor_roles(actor, order):
        raise NotPermitted(_("You may not add this kind of photo to this order."))
    allowed = AFTER_STATUSES if kind == WorkOrderPhoto.Kind.AFTER else None
    if order.status in FINAL_STATUSES or (allowed and order.status not in allowed):
        raise InvalidTransition(_("Photos cannot be added to this order now."))
    if order.photos.filter(kind=kind).count() >= MAX_PER_KIND:
        raise ValidationError({"photo": [_("At most %(n)s photos of each kind.") % {"n": MAX_PER_KIND}]})


@transaction.atomic
def work_order_photo_add(*, order_id: int, actor, data: bytes, kind: str) -> WorkOrderPhoto:
    """Re-encode and attach a photo (EXIF and GPS removed); a thumbnail follows from Celery after commit.

    Raises ValidationError naming `photo` for a bad file, NotPermitted or InvalidTransition otherwise.
    """
    if kind not in WorkOrderPhoto.Kind.values:
        raise ValidationError({"kind": [_("Unknown kind of photo.")]})
    order = WorkOrder.objects.select_for_update(of=("self",)).select_related("reporter").get(pk=order_id)
    _check(order, actor, kind)
    try:
        clean = images.clean(data)
    except images.BadImage as exc:
        raise ValidationError({"photo": [REFUSALS[exc.code]]}) from exc
    photo = WorkOrderPhoto(order=order, kind=kind, width=clean.width, height=clean.height, uploaded_by=actor)
    store(photo.image, f"{uuid.uuid4().hex}.jpg", clean.data)
    photo.save()
    work_order_event_record(order, actor, "photo", order.status, order.status, note="", kind=kind, photo=photo.pk)
    transaction.on_commit(lambda: _queue_thumbnail(photo.pk))
    return photo


def _queue_thumbnail(photo_id: int) -> None:
    from .tasks import make_photo_thumbnail

    try:
        make_photo_thumbnail.delay(photo_id)
    except Exception:  # broker down: the full image is served until a thumbnail exists  # noqa: S110
        pass


def work_order_photo_thumbnail(*, photo_id: int) -> None:
    """Make the photo's thumbnail (idempotent)."""
    photo = WorkOrderPhoto.objects.filter(pk=photo_id).first()
    if photo is None or photo.thumbnail:
        return
    with photo.image.open("rb") as source:
        small = images.thumbnail(source.read())
    photo.thumbnail.save(f"{uuid.uuid4().hex}-thumb.jpg", ContentFile(small), save=False)
    WorkOrderPhoto.objects.filter(pk=photo.pk, thumbnail="").update(thumbnail=photo.thumbnail.name)


@transaction.atomic
def work_order_submit_with_photos(*, actor, report, photos: list[bytes], request=None) -> WorkOrder:
    """File a request with its photos: all of it is saved, or (on any bad photo) none of it."""
    from .services import work_order_submit

    if len(photos) > MAX_PER_KIND:
        raise ValidationError({"photos": [_("At most %(n)s photos of each kind.") % {"n": MAX_PER_KIND}]})

    def attach(order):  # before the order may join an outage, after which it takes no photos
        for data in photos:
            try:
                work_order_photo_add(order_id=order.pk, actor=actor, data=data, kind=WorkOrderPhoto.Kind.REPORT)
            except ValidationError as exc:
                raise ValidationError({"photos": exc.message_dict.get("photo", exc.messages)}) from exc

    return work_order_submit(actor=actor, report=report, request=request, attach=attach)
