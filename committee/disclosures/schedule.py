"""When each kind of disclosure falls due. Pure: dates and month counts in, dates out, no ORM.

A kind is due when no published entry's period ended within the last `interval` months. Due dates step by the
interval from the end of the latest published period (or, for a kind never published, from calendar-aligned
periods: quarters for 3 months, halves for 6, years for 12), so each due period has one date to remember the
reminder by.
"""

from dataclasses import dataclass
from datetime import date

from .models import Kind

# Shanghai 2020: public revenue quarterly, the fund's accounts at least half-yearly; Civil Code 943 and
# 明码标价 ask for periodic disclosure with no figure: yearly is the company default.
DEFAULT_MONTHS = {
    Kind.PUBLIC_REVENUE: 3,
    Kind.MAINTENANCE_FUND: 6,
    Kind.FEE_STANDARDS: 12,
    Kind.ANNUAL_ACCOUNTS: 12,
    Kind.SERVICE_CONTRACT: 12,
}
DUE_SOON_DAYS = 30


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last in (31, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Due:
    """A kind's standing: `due_on` is the latest due date on or before today (None if it is not due),
    `next_due` the first due date after today."""

    kind: str
    interval: int
    latest_end: date | None
    due_on: date | None
    next_due: date

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label

    @property
    def overdue(self) -> bool:
        return self.due_on is not None

    def soon(self, today: date) -> bool:
        return not self.overdue and (self.next_due - today).days <= DUE_SOON_DAYS


def _aligned_start(today: date, interval: int) -> date:
    index = today.year * 12 + today.month - 1
    year, month = divmod(index - index % interval, 12)
    return date(year, month + 1, 1)


def standing(*, kind: str, interval: int, latest_end: date | None, today: date) -> Due:
    """Where a kind stands today, given the end of its latest published period."""
    if latest_end is None:
        start = _aligned_start(today, interval)
        return Due(kind, interval, None, start, add_months(start, interval))
    first = add_months(latest_end, interval)
    if first > today:
        return Due(kind, interval, latest_end, None, first)
    steps = 1
    while add_months(latest_end, interval * (steps + 1)) <= today:
        steps += 1
    return Due(kind, interval, latest_end, add_months(latest_end, interval * steps),
               add_months(latest_end, interval * (steps + 1)))  # fmt: skip
