"""Legal holds: place and release them (audited), and read which objects are held. The retention purge
(residents.mydata.purge) keeps every row that points at a held object."""

from django.db import transaction
from django.utils import timezone

from .audit import audit_record
from .models import LegalHold


@transaction.atomic
def legal_hold_place(*, obj, reason: str, actor=None) -> LegalHold:
    """Hold `obj` (any model instance) and everything the retention registry links to it."""
    hold = LegalHold.objects.create(
        object_type=obj._meta.label_lower, object_id=str(obj.pk), reason=reason, placed_by=actor
    )
    audit_record(action="legal_hold.placed", actor=actor, obj=hold, object_type=hold.object_type)
    return hold


@transaction.atomic
def legal_hold_release(*, hold_id: int, actor=None) -> LegalHold:
    """End a hold; the next nightly purge treats its rows like any others. Releasing twice changes nothing."""
    hold = LegalHold.objects.select_for_update().get(pk=hold_id)
    if hold.released_at is None:
        hold.released_at = timezone.now()
        hold.save(update_fields=["released_at"])
        audit_record(action="legal_hold.released", actor=actor, obj=hold, object_type=hold.object_type)
    return hold


def held_ids(object_type: str) -> list[str]:
    """Ids (as stored: strings) of the objects of one type under an active hold."""
    return list(
        LegalHold.objects.filter(object_type=object_type, released_at__isnull=True).values_list("object_id", flat=True)
    )
