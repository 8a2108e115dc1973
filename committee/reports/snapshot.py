"""Gathers one estate's month from the feedback and repairs apps into the report's frozen figures (six queries).
The SERVQUAL scores are feedback.scores' own (no maths redone here); the rest is reports.figures over rows."""

from datetime import date

from django.db.models import Count
from django.db.models.functions import TruncMonth

from feedback.complaints.models import Complaint
from feedback.complaints.workflow import Status as ComplaintStatus
from feedback.scores.selectors import ScoreFilter, score_report
from repairs.maintenance.recurrence import add_months
from repairs.models import WorkOrder
from repairs.workflow import Status

from ..periods import month_bounds
from ..spotchecks.models import SpotCheck
from . import figures

TREND_MONTHS = 6
# duplicates merged into another order and reports that joined an outage are no work of their own
NOT_WORK = (Status.MERGED, Status.JOINED)


def build(*, estate_id: int, month: date) -> dict:
    """The figures of the estate's month, as stored in QualityReport.figures."""
    orders = _completed(estate_id, month)
    return {
        "schema": figures.SCHEMA_VERSION,
        "month": f"{month:%Y-%m}",
        "servqual": figures.servqual(score_report(ScoreFilter(estate_id=estate_id, start=month, end=month))),
        "sla": figures.sla(orders),
        "reopen": figures.first_time_fix(orders),
        "complaints": _complaint_trend(estate_id, month),
        "spot_checks": figures.verdicts(_verdicts(estate_id, month)),
    }


def _completed(estate_id: int, month: date) -> list[figures.OrderTimes]:
    start, end = month_bounds(month)
    rows = WorkOrder.objects.filter(estate_id=estate_id, completed_at__gte=start, completed_at__lt=end).exclude(
        status__in=NOT_WORK
    )
    fields = ("accepted_at", "response_due", "arrived_at", "arrival_due", "completed_at", "resolution_due",
              "reopen_count")  # fmt: skip
    return [figures.OrderTimes(*row) for row in rows.values_list(*fields)]


def _complaint_trend(estate_id: int, month: date) -> dict:
    """Items filed in the six months ending with `month`, by month and kind; withdrawn ones do not count."""
    months = [add_months(month, -i) for i in range(TREND_MONTHS - 1, -1, -1)]
    start, end = month_bounds(months[0])[0], month_bounds(month)[1]
    rows = (
        Complaint.objects.filter(estate_id=estate_id, created_at__gte=start, created_at__lt=end)
        .exclude(status=ComplaintStatus.WITHDRAWN)
        .annotate(month=TruncMonth("created_at"))
        .values("month", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {(_day(r["month"]), r["kind"]): r["n"] for r in rows}
    return figures.complaint_trend(months, counts)


def _day(value) -> date:
    """TruncMonth gives an aware datetime in the current time zone (a date on some backends)."""
    return value.date() if hasattr(value, "date") else value


def _verdicts(estate_id: int, month: date) -> list[str]:
    """Verdicts recorded during the month (on the draw of an earlier month's work)."""
    start, end = month_bounds(month)
    checked = SpotCheck.objects.filter(draw__estate_id=estate_id, checked_at__gte=start, checked_at__lt=end)
    return list(checked.values_list("verdict", flat=True))
