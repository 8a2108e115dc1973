"""The report's figures from plain data, no ORM, so each one is checked by hand in the tests.

The privacy floor (feedback.scoring.MIN_GROUP) applies to every figure: a rate over fewer than five orders,
a count of one to four complaints and a breakdown of fewer than five verdicts are withheld (null, with
"suppressed"), so no resident's case can be singled out. The SERVQUAL figures come from feedback.scores, which
has already applied the floor: this module only copies them.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from feedback import dimensions
from feedback.scoring import MIN_GROUP

SCHEMA_VERSION = 1
VERDICTS = ("fixed_well", "fixed_poorly", "not_fixed")
COMPLAINT_KINDS = ("complaint", "suggestion", "praise")


@dataclass(frozen=True)
class OrderTimes:
    """What the SLA and first-time-fix figures need of one order completed in the month."""

    accepted_at: datetime | None
    response_due: datetime | None
    arrived_at: datetime | None
    arrival_due: datetime | None
    completed_at: datetime
    resolution_due: datetime | None
    reopen_count: int


def share(part: int, whole: int) -> dict:
    """A percentage of `whole`, or withheld (part too) below the floor."""
    if whole < MIN_GROUP:
        return {"n": whole, "met": None, "percent": None, "suppressed": True}
    return {"n": whole, "met": part, "percent": round(100 * part / whole, 1), "suppressed": False}


def _on_time(pairs) -> dict:
    """pairs: (when it happened, its deadline) for orders with both; on time when not later than the deadline."""
    pairs = [(at, due) for at, due in pairs if at is not None and due is not None]
    return share(sum(1 for at, due in pairs if at <= due), len(pairs))


def sla(orders: list[OrderTimes]) -> dict:
    """Share of the month's completed orders accepted, reached and finished by their deadlines (DOMAIN.md §3:
    及时率). Each deadline already leaves out time on hold (repairs.services)."""
    return {
        "response": _on_time((o.accepted_at, o.response_due) for o in orders),
        "arrival": _on_time((o.arrived_at, o.arrival_due) for o in orders),
        "resolution": _on_time((o.completed_at, o.resolution_due) for o in orders),
    }


def first_time_fix(orders: list[OrderTimes]) -> dict:
    """Reopen rate: completed orders of the month that had been reopened at least once, over all completed."""
    return share(sum(1 for o in orders if o.reopen_count), len(orders))


def count(n: int) -> int | None:
    """A count shown as it is when zero or at least the floor; None (withheld) for one to four."""
    return n if n == 0 or n >= MIN_GROUP else None


def complaint_trend(months: list[date], counts: dict[tuple[date, str], int]) -> dict:
    """Per kind, the count in each month (oldest first); `counts` maps (month, kind) to the number filed."""
    return {
        "months": [f"{m:%Y-%m}" for m in months],
        "by_kind": {kind: [count(counts.get((m, kind), 0)) for m in months] for kind in COMPLAINT_KINDS},
    }


def verdicts(found: list[str]) -> dict:
    """Verdicts the committee recorded in the month: how many, and the breakdown from the floor on."""
    tally = Counter(found)
    shown = len(found) >= MIN_GROUP
    return {
        "checked": len(found),
        "counts": {v: tally.get(v, 0) for v in VERDICTS} if shown else None,
        "suppressed": not shown,
    }


def _figure(figure) -> dict:
    """One feedback.scores figure (scoring.Scores, or Suppressed below the floor) as plain numbers."""
    if not figure:
        return {"n": figure.n, "perceived": None, "gap": None, "suppressed": True}
    gap = None if figure.gap is None else round(figure.gap, 2)
    return {"n": figure.n, "perceived": round(figure.perceived, 2), "gap": gap, "suppressed": False}


def servqual(report) -> dict:
    """The ten dimensions (and overall) of a feedback.scores ScoreReport, every key present."""
    found = {d.key: d.scores for d in report.dimensions}
    empty = {"n": 0, "perceived": None, "gap": None, "suppressed": True}
    return {
        "instrument": report.instrument.key if report.instrument else None,
        "respondents": report.n,
        "overall": _figure(report.overall) if report.instrument else empty,
        "dimensions": [
            {
                "key": d.key,
                "name_zh": d.name_zh,
                "name_en": d.name_en,
                **(_figure(found[d.key]) if d.key in found else empty),
            }
            for d in dimensions.TEN
        ],  # fmt: skip
    }
