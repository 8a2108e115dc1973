"""Everything the committee dashboard shows, read in a fixed handful of queries, whatever the estate's size.

Service quality comes from feedback's score rollups (feedback.scores.selectors: the SERVQUAL figures, already
suppressed below scoring.MIN_GROUP respondents); complaints from feedback.complaints; overdue orders and SLA
breaches from repairs (the escalation sweep's `sla_breach` events). No names leave this module: complaints
appear as numbers, orders with a masked unit number, and every count passes the privacy floor (figures.Count).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count as Counted
from django.db.models import Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from feedback.complaints.models import Complaint, Kind
from feedback.complaints.workflow import FINAL_STATUSES as COMPLAINT_DONE
from feedback.complaints.workflow import Route
from feedback.complaints.workflow import Status as ComplaintStatus
from feedback.scores.filters import DEFAULT_MONTHS, month_back
from feedback.scores.selectors import ScoreFilter, ScoreReport, TrendPoint, period_bounds, score_report, score_trend
from repairs.escalation import EVENT_ACTIONS
from repairs.models import WorkOrder, WorkOrderEvent
from repairs.workflow import OPEN_STATUSES

from .figures import Count, mask_unit

TARGETS = (("response", "accepted_at"), ("arrival", "arrived_at"), ("resolution", "completed_at"))
BREACH = EVENT_ACTIONS[2]  # the level the order's deadline passed
OVERDUE_SHOWN = 50  # the oldest ones; the count covers them all


@dataclass(frozen=True)
class MonthVolumes:
    month: date
    by_kind: dict  # Kind value → Count


@dataclass(frozen=True)
class OverdueOrder:
    number: int
    trade_zh: str
    trade_en: str
    priority: str
    where: str  # building and masked unit, or the common area
    due: datetime  # the earliest deadline it missed


@dataclass(frozen=True)
class CommitteeDashboard:
    estate_id: int
    start: date
    end: date
    scores: ScoreReport
    trend: list[TrendPoint]
    volumes: list[MonthVolumes]
    escalated: list[int]  # complaint numbers the committee may open
    escalated_count: Count
    overdue: list[OverdueOrder]
    overdue_count: Count
    breaches: list[tuple[date, Count]]


def committee_dashboard(*, estate_id: int, months: int = DEFAULT_MONTHS) -> CommitteeDashboard:
    """The estate's dashboard over the last `months` months (this one included)."""
    end = timezone.localdate().replace(day=1)
    f = ScoreFilter(estate_id, month_back(end, months - 1), end)
    since, until = period_bounds(f)
    report = score_report(f)
    escalated = escalated_complaints(estate_id=estate_id)
    overdue, overdue_total = overdue_orders(estate_id=estate_id, now=timezone.now())
    return CommitteeDashboard(
        estate_id=estate_id, start=f.start, end=f.end, scores=report,
        trend=score_trend(f, report.instrument, report.withholding),
        volumes=complaint_volumes(estate_id=estate_id, since=since, until=until), escalated=escalated,
        escalated_count=Count(len(escalated)), overdue=overdue, overdue_count=Count(overdue_total),
        breaches=sla_breaches(estate_id=estate_id, since=since, until=until),
    )  # fmt: skip


def _month(moment) -> date:
    return timezone.localtime(moment).date().replace(day=1) if isinstance(moment, datetime) else moment


def complaint_volumes(*, estate_id: int, since: datetime, until: datetime) -> list[MonthVolumes]:
    """Items received per local month and kind (withdrawn ones left out), every kind in every month (one query)."""
    rows = (
        Complaint.objects.filter(estate_id=estate_id, received_at__gte=since, received_at__lt=until)
        .exclude(status=ComplaintStatus.WITHDRAWN)
        .annotate(month=TruncMonth("received_at", tzinfo=timezone.get_current_timezone()))
        .values("month", "kind").annotate(n=Counted("pk")).order_by("month")
    )  # fmt: skip
    found = defaultdict(dict)
    for row in rows:
        found[_month(row["month"])][row["kind"]] = row["n"]
    return [MonthVolumes(month, {kind: Count(counts.get(kind, 0)) for kind in Kind.values})
            for month, counts in sorted(found.items())]  # fmt: skip


def escalated_complaints(*, estate_id: int) -> list[int]:
    """Open complaints to the company that reached the committee (rejected twice, or the manager's answer
    overdue): the numbers of the committee's own complaint pages (one query)."""
    items = Complaint.objects.filter(estate_id=estate_id, addressee=Route.COMPANY, committee_since__isnull=False)
    return list(items.exclude(status__in=COMPLAINT_DONE).order_by("committee_since", "pk").values_list("pk", flat=True))


def _late(now: datetime) -> Q:
    return (
        Q(response_due__lt=now, accepted_at__isnull=True)
        | Q(arrival_due__lt=now, arrived_at__isnull=True)
        | Q(resolution_due__lt=now, completed_at__isnull=True)
    )


def overdue_orders(*, estate_id: int, now: datetime) -> tuple[list[OverdueOrder], int]:
    """Open orders past a deadline they have not met, the longest overdue first, and how many (two queries)."""
    late = WorkOrder.objects.filter(_late(now), estate_id=estate_id, status__in=OPEN_STATUSES)
    total = late.count()
    rows = late.values("pk", "trade__name_zh", "trade__name_en", "priority", "unit__number", "unit__building__name",
                       "common_area__name", "response_due", "arrival_due", "resolution_due", "accepted_at",
                       "arrived_at", "completed_at").order_by("resolution_due", "pk")[:OVERDUE_SHOWN]  # fmt: skip
    return [_overdue_row(row, now) for row in rows], total


def _overdue_row(row: dict, now: datetime) -> OverdueOrder:
    dues = [row[f"{target}_due"] for target, met in TARGETS if not row[met]]
    missed = [due for due in dues if due is not None and due < now]
    if row["unit__number"]:
        where = f"{row['unit__building__name']} {mask_unit(row['unit__number'])}"
    else:
        where = row["common_area__name"] or ""
    return OverdueOrder(row["pk"], row["trade__name_zh"], row["trade__name_en"], row["priority"], where, min(missed))


def sla_breaches(*, estate_id: int, since: datetime, until: datetime) -> list[tuple[date, Count]]:
    """Deadlines breached per local month (each order's accept, arrive and resolve targets count apart; one
    query over the escalation sweep's breach events)."""
    rows = (
        WorkOrderEvent.objects.filter(order__estate_id=estate_id, action=BREACH, at__gte=since, at__lt=until)
        .annotate(month=TruncMonth("at", tzinfo=timezone.get_current_timezone()))
        .values("month").annotate(n=Counted("pk")).order_by("month")
    )  # fmt: skip
    return [(_month(row["month"]), Count(row["n"])) for row in rows]
