"""Reading instruments."""

from django.db.models import F, Q

from feedback.models import Instrument


def instrument_for(*, estate_id: int, purpose: str) -> Instrument | None:
    """The published instrument new surveys of this purpose use in an estate: its own if it has one, else the
    shared default; None when neither exists (then no survey is sent)."""
    published = Instrument.objects.filter(
        Q(estate_id=estate_id) | Q(estate__isnull=True), purpose=purpose, status=Instrument.Status.PUBLISHED
    )
    return published.order_by(F("estate_id").asc(nulls_last=True), "-published_at").first()
