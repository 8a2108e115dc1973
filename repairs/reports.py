"""Monthly repair figures per estate: pure functions over plain rows (no ORM), so they are tested by hand.

Definitions (DOMAIN.md §3): response = accepted − reported; resolution = completed − reported (minutes);
on time = completed by the resolution deadline (which already excludes time on hold); first-time fix =
completed and never reopened; backlog = orders still open at the report's cut-off, by age.
"""

import math
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

BACKLOG_BUCKETS = (("under_1_day", 1), ("1_to_3_days", 3), ("3_to_7_days", 7), ("over_7_days", None))


@dataclass(frozen=True)
class Facts:
    """What the report needs of one order."""

    id: int
    trade: str
    priority: str
    created_at: datetime
    accepted_at: datetime | None
    completed_at: datetime | None
    resolution_due: datetime | None
    reopen_count: int


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile (share in 0..1); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _minutes(later: datetime | None, earlier: datetime) -> float | None:
    return None if later is None else round((later - earlier).total_seconds() / 60, 1)


def _rate(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(100 * part / whole, 1)


def _spread(values: list[float]) -> dict:
    return {"median": statistics.median(values) if values else None, "p90": percentile(values, 0.9)}


def monthly(*, reported: list[Facts], completed: list[Facts], open_at_cutoff: list[Facts], cutoff: datetime) -> dict:
    """The figures: `reported` were filed in the month, `completed` finished in it, `open_at_cutoff` are open."""
    response = [m for f in reported if (m := _minutes(f.accepted_at, f.created_at)) is not None]
    resolution = [_minutes(f.completed_at, f.created_at) for f in completed]
    on_time = sum(1 for f in completed if f.resolution_due and f.completed_at <= f.resolution_due)
    reopened = sum(1 for f in completed if f.reopen_count)
    return {
        "volume": len(reported),
        "by_trade": dict(sorted(Counter(f.trade for f in reported).items())),
        "by_priority": dict(sorted(Counter(f.priority for f in reported).items())),
        "response_minutes": _spread(response),
        "resolution_minutes": _spread(resolution),
        "completed": len(completed),
        "on_time_rate": _rate(on_time, len(completed)),
        "first_time_fix_rate": _rate(len(completed) - reopened, len(completed)),
        "reopen_rate": _rate(reopened, len(completed)),
        "backlog": backlog(open_at_cutoff, cutoff),
    }


def backlog(orders: list[Facts], cutoff: datetime) -> dict:
    """Open orders counted by age at the cut-off."""
    counts = dict.fromkeys((name for name, _days in BACKLOG_BUCKETS), 0)
    for order in orders:
        age = cutoff - order.created_at
        for name, days in BACKLOG_BUCKETS:
            if days is None or age < timedelta(days=days):
                counts[name] += 1
                break
    return counts


def rows_for_export(report: dict) -> list[tuple[str, str, object]]:
    """(section, key, value) rows, the same for CSV and XLSX."""
    rows = [("summary", "volume", report["volume"]), ("summary", "completed", report["completed"])]
    rows += [("summary", key, report[key]) for key in ("on_time_rate", "first_time_fix_rate", "reopen_rate")]
    for measure in ("response_minutes", "resolution_minutes"):
        rows += [(measure, stat, value) for stat, value in report[measure].items()]
    rows += [("by_trade", k, v) for k, v in report["by_trade"].items()]
    rows += [("by_priority", k, v) for k, v in report["by_priority"].items()]
    rows += [("backlog", k, v) for k, v in report["backlog"].items()]
    return rows
