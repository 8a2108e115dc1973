"""Reads of supervision items, scoped: the committee and the company see their estates' items (another estate's
answer 404), residents only the published items of the estates they live in."""

from django.db.models import Case, Q, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from feedback.complaints.workflow import Route
from residents import access
from residents.models import Estate
from residents.selectors import estates_for_staff

from .models import SupervisionEvent, SupervisionItem
from .workflow import Status

LIST_RELATED = ("estate", "complaint", "work_order")


def estate_for(*, user, slug: str, capability: str) -> Estate:
    """The estate by slug if the user has the capability there; else Http404."""
    return get_object_or_404(estates_for_staff(user=user, capability=capability), slug=slug)


def estate_for_resident(*, user, slug: str) -> Estate:
    """The estate by slug if the user owns or lives in a home there; else Http404."""
    return get_object_or_404(Estate.objects.filter(units__in=access.resident_unit_ids(user)).distinct(), slug=slug)


def with_overdue(items):
    """Annotate `overdue` (open past the deadline) and list overdue first, then open, answered, closed."""
    now = timezone.now()
    late = Q(status=Status.OPEN, answer_due__lt=now)
    rank = Case(When(late, then=Value(0)), When(status=Status.OPEN, then=Value(1)),
                When(status=Status.ANSWERED, then=Value(2)), default=Value(3))  # fmt: skip
    return items.annotate(overdue=Case(When(late, then=Value(True)), default=Value(False)), rank=rank).order_by(
        "rank", "answer_due", "id"
    )


def supervision_items(*, estate):
    """The estate's items for the committee and the company, overdue first."""
    return with_overdue(SupervisionItem.objects.filter(estate=estate).select_related(*LIST_RELATED))


def supervision_published(*, estate):
    """What the committee published to the estate's residents, newest first."""
    items = SupervisionItem.objects.filter(estate=estate, published_at__isnull=False)
    return items.select_related(None).order_by("-published_at", "-id")


def timeline(*, item):
    return SupervisionEvent.objects.filter(item=item).select_related("actor")


def complaint_page(item, audience: str) -> str | None:
    """The page name to link a linked complaint to, if this audience may open it there: the committee once the
    complaint is visible to it, the company only for complaints on its route. A complaint the residents
    addressed privately to the committee is shown to the company by its number only."""
    complaint = item.complaint
    if complaint is None:
        return None
    if audience == "committee":
        return "committee-complaint" if complaint.committee_since is not None else None
    return "staff-complaint" if complaint.route == Route.COMPANY else None
