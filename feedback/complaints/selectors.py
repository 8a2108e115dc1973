"""Reads of complaints, always scoped, and the figures the dashboards read.

- a resident sees what they filed;
- staff (complaints.handle) see their estates' items on the company's route: an item addressed to the owners'
  committee does not exist for them (404, absent from lists and counts) until the committee forwards it;
- committee members (complaints.committee) see their estates' items once visible to the committee: addressed
  to it (and after forwarding, to follow them), rejected twice, or with the manager's answer overdue.
"""

from datetime import datetime

from django.db.models import Count, F, Q
from django.utils import timezone

from feedback.dimensions import TEN_KEYS
from residents import access

from .models import Complaint, ComplaintDimension, ComplaintEvent, Kind
from .workflow import BEFORE_ANSWER, OPEN_STATUSES, Route, Status

LIST_RELATED = ("estate", "unit__building", "submitter", "staff_member")
DETAIL_RELATED = ("estate", "unit__building", "submitter__user", "work_order", "staff_member")


def complaints_for_resident(*, user):
    """What the user filed, newest first."""
    if not user.is_authenticated:
        return Complaint.objects.none()
    return Complaint.objects.filter(submitter__user=user).select_related(*LIST_RELATED)


def complaints_for_staff(*, user):
    """Items on the company's route in estates where the user handles complaints."""
    items = Complaint.objects.filter(route=Route.COMPANY).select_related(*LIST_RELATED)
    return access.scope_by_estate(items, user, "complaints.handle")


def complaints_for_committee(*, user):
    """Items visible to the committee in estates where the user sits on it."""
    items = Complaint.objects.filter(committee_since__isnull=False).select_related(*LIST_RELATED)
    return access.scope_by_estate(items, user, "complaints.committee")


def with_details(queryset):
    return queryset.select_related(None).select_related(*DETAIL_RELATED).prefetch_related("dimension_tags")


def queue(items, *, status: str = "", kind: str = "", dimension: str = "", estate: str = "", overdue=False):
    """Filter a scoped list as the queues do: open items by default (status "all": every one), oldest deadline
    first; `overdue` keeps items past a deadline they have not met."""
    if status == "all":
        pass
    elif status:
        items = items.filter(status=status)
    else:
        items = items.filter(status__in=OPEN_STATUSES)
    if kind:
        items = items.filter(kind=kind)
    if dimension:
        items = items.filter(dimension_tags__dimension=dimension)
    if estate:
        items = items.filter(estate__slug=estate)
    if overdue:
        items = items.filter(overdue_q(timezone.now()))
    return items.prefetch_related("dimension_tags").order_by("answer_due", "id")


def overdue_q(now: datetime) -> Q:
    """Items past a deadline they have not met yet."""
    return (
        Q(status=Status.RECEIVED, acknowledge_due__lt=now)
        | Q(status__in=BEFORE_ANSWER, answer_due__lt=now)
        | Q(status=Status.ESCALATED, manager_answer_due__lt=now)
    )


def timeline(*, complaint, handler: bool):
    """The item's events, oldest first; the resident sees only the public ones."""
    events = ComplaintEvent.objects.filter(complaint=complaint).select_related("actor")
    return events if handler else events.filter(visibility=ComplaintEvent.Visibility.PUBLIC)


# --- figures for the dashboards ------------------------------------------------------------------------


def _company_complaints(estate_ids, *, include_committee: bool):
    items = Complaint.objects.filter(kind=Kind.COMPLAINT, estate_id__in=list(estate_ids))
    return items if include_committee else items.filter(route=Route.COMPANY)


def complaint_timeliness(*, estate_ids, since: datetime, until: datetime, include_committee: bool = False) -> dict:
    """投诉处理及时率 (DOMAIN.md §3): complaints first answered in [since, until) within their answer deadline,
    over complaints answered then. {"answered", "on_time", "rate"}; rate (0–100) is None when none was answered.
    Items still with the committee are left out unless `include_committee` (the company must not count them)."""
    answered = _company_complaints(estate_ids, include_committee=include_committee).filter(
        answered_at__gte=since, answered_at__lt=until
    )
    counts = answered.aggregate(answered=Count("pk"), on_time=Count("pk", filter=Q(answered_at__lte=F("answer_due"))))
    rate = round(100 * counts["on_time"] / counts["answered"], 1) if counts["answered"] else None
    return {**counts, "rate": rate}


def complaint_counts_by_dimension(*, estate_ids, since: datetime, until: datetime,
                                  include_committee: bool = False) -> dict[str, int]:  # fmt: skip
    """Complaints received in [since, until) per dimension tag (every one of the ten keys, zeros too); withdrawn
    ones are not counted. A complaint with two tags counts under both."""
    items = _company_complaints(estate_ids, include_committee=include_committee).filter(
        received_at__gte=since, received_at__lt=until
    )
    rows = (
        ComplaintDimension.objects.filter(complaint__in=items.exclude(status=Status.WITHDRAWN).values("pk"))
        .values("dimension")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found = {row["dimension"]: row["n"] for row in rows}
    return {key: found.get(key, 0) for key in TEN_KEYS}
