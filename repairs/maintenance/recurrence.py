"""The dates of a recurring plan: every N days, weeks or months from a first due date. Pure, no ORM.

Occurrence k is counted from the first due date, never from the previous occurrence, so a month-end anchor
keeps its day: Jan 31 monthly → Feb 28 (29 in a leap year) → Mar 31 → Apr 30, not Feb 28 → Mar 28 → Apr 28.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

DAYS, WEEKS, MONTHS = "days", "weeks", "months"
ONE_DAY = timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, clamped to the last day of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class Recurrence:
    first: date
    interval: int
    unit: str

    def nth(self, k: int) -> date:
        """Occurrence k (0 is the first due date)."""
        if self.unit == MONTHS:
            return add_months(self.first, k * self.interval)
        return self.first + timedelta(days=k * self.interval * (7 if self.unit == WEEKS else 1))

    def index_on_or_before(self, day: date) -> int:
        """The index of the last occurrence on or before `day`; -1 when `day` is before the first."""
        if day < self.first:
            return -1
        if self.unit != MONTHS:
            return (day - self.first).days // (self.nth(1) - self.first).days
        k = ((day.year - self.first.year) * 12 + day.month - self.first.month) // self.interval
        return k if self.nth(k) <= day else k - 1

    def on_or_after(self, day: date) -> date:
        """The first occurrence on or after `day`."""
        return self.nth(self.index_on_or_before(day - ONE_DAY) + 1)

    def shortest_gap_days(self) -> int:
        """A lower bound of the days between two occurrences (a month is at least 28 days, clamping included)."""
        return self.interval * {DAYS: 1, WEEKS: 7, MONTHS: 28}[self.unit]


@dataclass(frozen=True)
class Due:
    """What a generation run makes of a plan today."""

    due: date  # the occurrence to generate an order for
    skipped: int  # earlier occurrences left out: their day passed while nothing ran
    following: date  # the plan's next due date afterwards


def due_now(rule: Recurrence, *, next_due: date, lead_days: int, today: date) -> Due | None:
    """The occurrence to generate today, or None: the latest occurrence from `next_due` on whose generation day
    (due date − lead days) has come. Earlier ones still pending were missed (beat or workers down), and one
    late inspection is worth more than a pile of them: they are counted in `skipped`, not generated.

    With the lead time shorter than the shortest gap, at most one pending occurrence lies on or after today,
    so only occurrences already past are ever skipped.
    """
    horizon = today + timedelta(days=lead_days)
    if next_due > horizon:
        return None
    first = rule.index_on_or_before(next_due - ONE_DAY) + 1
    last = rule.index_on_or_before(horizon)
    if last < first:
        return None
    return Due(due=rule.nth(last), skipped=last - first, following=rule.nth(last + 1))
