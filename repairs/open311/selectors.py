"""What an Open311 client may read: the services (trades), and requests of its estate that it filed itself
or that concern a common area. Another household's request filed through any other channel stays private."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Prefetch, Q
from django.utils import timezone

from residents.models import Trade

from ..models import Open311Client, WorkOrder, WorkOrderEvent
from ..workflow import OPEN_STATUSES
from .present import CLOSED, OPEN

MAX_RESULTS = 1000  # the spec's ceiling for one GET requests
DEFAULT_SPAN = timedelta(days=90)  # the spec's default window, and the widest one may ask for
RELATED = ["estate", "trade", "unit__building", "common_area__building"]


@dataclass(frozen=True)
class RequestQuery:
    """GET requests filters, already parsed. `ids` overrides every other filter, as the spec says."""

    ids: tuple[int, ...] = ()
    service_codes: tuple[str, ...] = ()
    start: datetime | None = None
    end: datetime | None = None
    statuses: tuple[str, ...] = ()


def open311_services():
    return Trade.objects.order_by("key")


def open311_service(*, code: str) -> Trade | None:
    return Trade.objects.filter(key=code).first()


def open311_visible_requests(*, client: Open311Client):
    """The client's estate's requests it filed, and the estate's common-area requests."""
    rejections = WorkOrderEvent.objects.filter(action="reject").order_by("at", "id")
    return (
        WorkOrder.objects.filter(Q(open311_client=client) | Q(common_area__isnull=False), estate_id=client.estate_id)
        .select_related(*RELATED)
        .prefetch_related(Prefetch("events", queryset=rejections, to_attr="open311_rejections"))
    )


def open311_window(query: RequestQuery) -> tuple[datetime, datetime]:
    """(start, end) of the search: the last 90 days unless the client names either end."""
    if query.start and query.end:
        return query.start, query.end
    if query.start:
        return query.start, query.start + DEFAULT_SPAN
    end = query.end or timezone.now()
    return end - DEFAULT_SPAN, end


def open311_requests(*, client: Open311Client, query: RequestQuery):
    """Matching requests, newest first, at most MAX_RESULTS."""
    orders = open311_visible_requests(client=client)
    if query.ids:
        return orders.filter(pk__in=query.ids).order_by("-created_at", "-id")[:MAX_RESULTS]
    start, end = open311_window(query)
    orders = orders.filter(created_at__gte=start, created_at__lte=end)
    if query.service_codes:
        orders = orders.filter(trade__key__in=query.service_codes)
    if set(query.statuses) == {OPEN}:
        orders = orders.filter(status__in=OPEN_STATUSES)
    elif set(query.statuses) == {CLOSED}:
        orders = orders.exclude(status__in=OPEN_STATUSES)
    return orders.order_by("-created_at", "-id")[:MAX_RESULTS]
