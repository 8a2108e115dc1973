"""The dashboard as plain data for the API and the page: names in the active language, withheld figures None."""

from django.utils import translation

from feedback import dimensions
from feedback.complaints.models import Kind
from repairs.models import Priority

from .selectors import CommitteeDashboard


def _zh() -> bool:
    return (translation.get_language() or "zh-hans").lower().startswith("zh")


def _perceived(scores):
    return round(scores.perceived, 2) if scores else None


def _gap(scores):
    return round(scores.gap, 2) if scores and scores.gap is not None else None


def _name(key):
    return (dimensions.BY_KEY.get(key) or dimensions.FIVE_BY_KEY[key]).name(translation.get_language() or "zh-hans")


def dashboard_data(board: CommitteeDashboard) -> dict:
    """Every figure of the dashboard; a withheld figure (fewer than MIN_GROUP) is None."""
    report, zh = board.scores, _zh()
    respondents = report.n if report.overall else None
    return {
        "start": board.start.strftime("%Y-%m"),
        "end": board.end.strftime("%Y-%m"),
        "scores": {
            "respondents": respondents,
            "overall": _perceived(report.overall),
            "overall_gap": _gap(report.overall),
            "dimensions": [
                {"key": d.key, "name": _name(d.key), "perceived": _perceived(d.scores), "gap": _gap(d.scores)}
                for d in report.dimensions
            ],  # fmt: skip
            "trend": [
                {
                    "month": p.month.strftime("%Y-%m"),
                    "respondents": p.n if p.overall else None,
                    "overall": _perceived(p.overall),
                    "dimensions": {key: _perceived(s) for key, s in p.dimensions.items()},
                }
                for p in board.trend
            ],  # fmt: skip
        },
        "complaints": {
            "volumes": [
                {
                    "month": v.month.strftime("%Y-%m"),
                    "kind": kind,
                    "kind_label": str(Kind(kind).label),
                    "count": count.value,
                }
                for v in board.volumes
                for kind, count in v.by_kind.items()
            ],  # fmt: skip
            "escalated_count": board.escalated_count.value,
            "escalated": board.escalated,
        },
        "repairs": {
            "overdue_count": board.overdue_count.value,
            "overdue": [
                {
                    "number": o.number,
                    "trade": o.trade_zh if zh else o.trade_en,
                    "priority": o.priority,
                    "priority_label": str(Priority(o.priority).label),
                    "where": o.where,
                    "due": o.due,
                }
                for o in board.overdue
            ],  # fmt: skip
            "breaches": [{"month": month.strftime("%Y-%m"), "count": count.value} for month, count in board.breaches],
        },
    }
