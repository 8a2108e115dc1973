"""Reading notices: a resident sees the live, unexpired notices of the estates they live in; nobody else's."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.utils import timezone

from portal.search import search_pages
from residents import access
from residents.models import Unit

from .models import NoticePage, NoticeRead

# Urgent first, then pinned, then the newest.
NOTICE_ORDER = ("-urgent", "-pinned", "-first_published_at", "-pk")


@dataclass(frozen=True)
class EstateHome:
    """Where an estate's pages live in the page tree."""

    estate_id: int
    estate_slug: str
    path: str


def resident_estate_ids(user) -> set[int]:
    """Estates where the user currently owns (verified) or lives in a unit."""
    units = access.resident_unit_ids(user)
    return set(Unit.objects.filter(pk__in=units).values_list("estate_id", flat=True)) if units else set()


def estate_homes(estate_ids) -> list[EstateHome]:
    """The home page of each of the estates (those that have one)."""
    from portal.models import EstateHomePage

    homes = EstateHomePage.objects.filter(estate_id__in=estate_ids).values_list("estate_id", "estate__slug", "path")
    return [EstateHome(estate_id, slug, path) for estate_id, slug, path in homes]


def _showing(queryset: QuerySet) -> QuerySet:
    """Live and not past expiry (the beat unpublishes expired pages within a minute; this closes that gap)."""
    now = timezone.now()
    return queryset.live().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))


def _under(homes: list[EstateHome]) -> Q:
    condition = Q(pk__in=[])
    for home in homes:
        condition |= Q(path__startswith=home.path)
    return condition


def notices_for_resident(*, user, homes: list[EstateHome] | None = None) -> QuerySet:
    """Live, unexpired notices of the estates the user lives in, urgent and pinned first."""
    homes = estate_homes(resident_estate_ids(user)) if homes is None else homes
    notices = _showing(NoticePage.objects.filter(_under(homes)))
    return notices.prefetch_related("target_buildings").order_by(*NOTICE_ORDER)


def notice_for_resident(*, user, notice_id: int) -> NoticePage:
    """One notice the user may read; Http404 for any other (unknown, not live, expired or another estate's)."""
    found = notices_for_resident(user=user).filter(pk=notice_id).first()
    if found is None:
        raise Http404
    return found


def notices_search_for_resident(*, user, query: str, homes: list[EstateHome] | None = None) -> QuerySet:
    """The user's notices whose title or text contain the query (Chinese substrings too), title matches first."""
    return search_pages(notices_for_resident(user=user, homes=homes), query, text_fields=("body",))


def notices_on_board(*, board) -> QuerySet:
    """The live, unexpired notices of one notice board, urgent and pinned first."""
    return _showing(NoticePage.objects.child_of(board)).order_by(*NOTICE_ORDER)


def urgent_notices(*, home) -> QuerySet:
    """Live, unexpired urgent notices under an estate's home page, newest first, for the home page's top."""
    return _showing(NoticePage.objects.descendant_of(home).filter(urgent=True)).order_by(*NOTICE_ORDER)


def latest_notices(*, home) -> QuerySet:
    """Live, unexpired notices under an estate's home page other than the urgent ones, newest first: the home
    page's latest news."""
    notices = _showing(NoticePage.objects.descendant_of(home).filter(urgent=False))
    return notices.order_by("-first_published_at", "-pk")


def may_read_estate_pages(user, estate) -> bool:
    """Residents of the estate, its staff and committee (notices.read) and admins read its pages."""
    if estate is None:
        return access.is_admin(user)
    return estate.pk in resident_estate_ids(user) or access.can(user, "notices.read", estate.pk)


def notices_unread_for_resident(*, user) -> QuerySet:
    """Live, unexpired notices of the estates the user lives in that they have not opened, urgent and pinned
    first. One query: the estates' home pages and the person's reads are subqueries."""
    from portal.models import EstateHomePage

    unit_ids = access.resident_unit_ids(user)
    if not unit_ids or not hasattr(user, "person"):
        return NoticePage.objects.none()
    estates = Unit.objects.filter(pk__in=unit_ids).values("estate_id")
    # a notice lies under a home page when the home's tree path is a prefix of the notice's
    under_home = EstateHomePage.objects.filter(estate_id__in=estates, path=Substr(OuterRef("path"), 1, Length("path")))
    read = NoticeRead.objects.filter(person=user.person, notice=OuterRef("pk"))
    return _showing(NoticePage.objects.filter(Exists(under_home)).exclude(Exists(read))).order_by(*NOTICE_ORDER)
