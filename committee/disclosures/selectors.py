"""Reads of disclosures, each scoped to who asks: the company's managers see every entry of their estates,
residents and committee members only published (and superseded) ones of theirs; anything else is a 404."""

from datetime import date

from django.db.models import Max, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from residents import access
from residents.models import Estate, Ownership

from . import schedule
from .models import Disclosure, DisclosureAttachment, DisclosureQuestion, DisclosureSchedule, Kind

PUBLISH = "disclosures.publish"
VISIBLE = (Disclosure.Status.PUBLISHED, Disclosure.Status.SUPERSEDED)


def estates_for_company(*, user):
    """Estates where the user publishes disclosures."""
    return access.scope_by_estate(Estate.objects.order_by("name"), user, PUBLISH, field="id")


def estates_for_reader(*, user):
    """Estates whose published entries the user may read: where they live or own (verified), or sit on the
    committee."""
    if access.is_admin(user):
        return Estate.objects.order_by("name")
    if not user.is_authenticated:
        return Estate.objects.none()
    committee = access.estate_ids_with(user, "committee.view") or set()
    homes = access.resident_unit_ids(user)
    return Estate.objects.filter(Q(pk__in=committee) | Q(units__in=homes)).distinct().order_by("name")


def reader_estate(*, user, slug: str) -> Estate:
    """The estate named by the slug if the user may read its disclosures; Http404 otherwise."""
    return get_object_or_404(estates_for_reader(user=user), slug=slug)


def company_estate(*, user, slug: str) -> Estate:
    return get_object_or_404(estates_for_company(user=user), slug=slug)


def _with_parts(queryset):
    return queryset.select_related("supersedes", "superseded_by").prefetch_related(
        Prefetch("attachments", queryset=DisclosureAttachment.objects.order_by("created_at", "id")),
        Prefetch("questions", queryset=DisclosureQuestion.objects.order_by("asked_at", "id")),
    )


def disclosures_for_company(*, estate: Estate):
    """Every entry of the estate, drafts first, newest period first."""
    return (
        Disclosure.objects.filter(estate=estate)
        .select_related("superseded_by")
        .order_by("status", "-period_end", "-id")
    )


def disclosures_published(*, estate: Estate, kind: str = ""):
    """What the estate's residents see: published entries and the corrected ones they replaced."""
    found = Disclosure.objects.filter(estate=estate, status__in=VISIBLE).select_related("superseded_by")
    return (found.filter(kind=kind) if kind else found).order_by("kind", "-period_end", "-id")


def fee_standards_in_force(*, estate_id: int, today: date | None = None):
    """The estate's published fee standards (明码标价) whose period covers today; corrected ones are replaced by
    their correction, which is published in their place."""
    today = today or timezone.localdate()
    found = Disclosure.objects.filter(estate_id=estate_id, kind=Kind.FEE_STANDARDS, status=Disclosure.Status.PUBLISHED)
    return found.filter(period_start__lte=today, period_end__gte=today).order_by("-period_start", "-id")


def disclosure_for_company(*, estate: Estate, pk: int) -> Disclosure:
    return get_object_or_404(_with_parts(Disclosure.objects.filter(estate=estate)), pk=pk)


def disclosure_for_reader(*, estate: Estate, pk: int) -> Disclosure:
    return get_object_or_404(_with_parts(Disclosure.objects.filter(estate=estate, status__in=VISIBLE)), pk=pk)


def question_for_company(*, estate: Estate, pk: int) -> DisclosureQuestion:
    return get_object_or_404(DisclosureQuestion.objects.filter(disclosure__estate=estate), pk=pk)


def attachment_for(*, user, pk: int) -> DisclosureAttachment | None:
    """The attachment if the user may see its entry: managers of the estate any entry's, readers of the estate
    published ones'; else None."""
    found = DisclosureAttachment.objects.select_related("disclosure").filter(pk=pk).first()
    if found is None:
        return None
    entry = found.disclosure
    if access.can(user, PUBLISH, entry.estate_id):
        return found
    readable = entry.status in VISIBLE and estates_for_reader(user=user).filter(pk=entry.estate_id).exists()
    return found if readable else None


def asker_is_owner(*, user, estate: Estate) -> bool | None:
    """True for a verified owner in the estate, False for another current resident of it, None for neither."""
    homes = access.resident_unit_ids(user)
    if not homes or not estate.units.filter(pk__in=homes).exists():
        return None
    owned = Ownership.objects.filter(access.current(), person__user=user, verified_at__isnull=False)
    return owned.filter(unit__estate=estate).exists()


def intervals_for(*, estate_id: int) -> dict[str, int]:
    """Months between entries of each scheduled kind: the estate's own setting, else the default."""
    own = dict(DisclosureSchedule.objects.filter(estate_id=estate_id).values_list("kind", "interval_months"))
    return {kind: own.get(kind, months) for kind, months in schedule.DEFAULT_MONTHS.items()}


def standings(*, estate_id: int, today: date | None = None) -> list[schedule.Due]:
    """Each scheduled kind's standing today (due, due soon, or next due), in the order of DEFAULT_MONTHS."""
    today = today or timezone.localdate()
    ends = dict(
        Disclosure.objects.filter(estate_id=estate_id, status=Disclosure.Status.PUBLISHED)
        .values_list("kind")
        .annotate(end=Max("period_end"))
        .values_list("kind", "end")
    )
    return [
        schedule.standing(kind=kind, interval=months, latest_end=ends.get(kind), today=today)
        for kind, months in intervals_for(estate_id=estate_id).items()
    ]


def kind_label(kind: str) -> str:
    return Kind(kind).label
