"""Reads for spot checks: the candidates of a month, an estate's draws for its committee, and each drawn order
as the committee may see it (anonymised: no resident's name, the unit number masked)."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Prefetch

from repairs.workflow import Status
from residents import access

from ..periods import month_bounds
from .models import SpotCheck, SpotCheckDraw

FINISHED = (Status.CONFIRMED, Status.CLOSED)
MASK = "***"


def candidates(*, estate_id: int, month: date) -> list[int]:
    """Ids of the estate's work orders whose fix was confirmed (by the resident or automatically) in the month and
    that are still confirmed or closed, ascending. Closing always follows confirmation, so each finished order
    belongs to exactly one month."""
    from repairs.models import WorkOrder

    start, end = month_bounds(month)
    rows = WorkOrder.objects.filter(estate_id=estate_id, status__in=FINISHED, confirmed_at__gte=start,
                                    confirmed_at__lt=end)  # fmt: skip
    return sorted(rows.values_list("pk", flat=True))


def _checks():
    return SpotCheck.objects.select_related(
        "work_order__trade", "work_order__unit__building", "work_order__common_area", "work_order__assignee"
    )


def draws_of_estate(*, estate_id: int):
    """The estate's draws, newest month first, each with its checks and their orders (three queries)."""
    return SpotCheckDraw.objects.filter(estate_id=estate_id).prefetch_related(Prefetch("checks", queryset=_checks()))


def checks_for_committee(*, user, capability: str = "committee.view"):
    """Every spot check in the estates where the user has the capability."""
    return access.scope_by_estate(_checks().select_related("draw__estate"), user, capability, field="draw__estate_id")


@dataclass(frozen=True)
class OrderSummary:
    """What the committee sees of a drawn order: the work and its dates, never who reported it."""

    id: int
    trade: str
    priority: str
    place: str  # "unit" or "common_area"
    location: str  # building and a masked unit number, or the common area's name
    technician: str
    created_at: datetime
    completed_at: datetime | None
    confirmed_at: datetime | None
    closed_at: datetime | None
    status: str

    @property
    def priority_label(self) -> str:
        from repairs.models import Priority

        return str(Priority(self.priority).label)


def order_summary(order) -> OrderSummary:
    if order.unit_id:
        place, location = "unit", f"{order.unit.building.name} {MASK}"
    else:
        place, location = "common_area", order.common_area.name
    technician = (order.assignee.get_full_name() or order.assignee.username) if order.assignee_id else ""
    return OrderSummary(
        id=order.pk, trade=str(order.trade), priority=order.priority, place=place, location=location,
        technician=technician, created_at=order.created_at, completed_at=order.completed_at,
        confirmed_at=order.confirmed_at, closed_at=order.closed_at, status=order.status,
    )  # fmt: skip
