"""The SLA clock: pure functions over plain data. Default targets follow DOMAIN.md §2.8."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta


@dataclass(frozen=True)
class Targets:
    response_minutes: int
    arrival_minutes: int
    resolution_minutes: int
    around_the_clock: bool


# National level-1 norm: emergency arrival within 30 minutes, around the clock; company default: routine
# repairs done within 24 hours. Every estate may override these with SlaPolicy rows.
DEFAULT_TARGETS = {
    "emergency": Targets(response_minutes=10, arrival_minutes=30, resolution_minutes=4 * 60, around_the_clock=True),
    "urgent": Targets(response_minutes=30, arrival_minutes=2 * 60, resolution_minutes=12 * 60, around_the_clock=True),
    "routine": Targets(response_minutes=2 * 60, arrival_minutes=8 * 60, resolution_minutes=24 * 60,
                       around_the_clock=False),
}  # fmt: skip


@dataclass(frozen=True)
class BusinessHours:
    start: time
    end: time
    weekdays: frozenset  # ISO weekdays, 1 = Monday

    def is_open(self, moment: datetime) -> bool:
        return moment.isoweekday() in self.weekdays and self.start <= moment.time() < self.end


def add_working_minutes(start: datetime, minutes: int, hours: BusinessHours | None) -> datetime:
    """`start` plus `minutes` of clock time, counting only business hours when `hours` is given.

    `start` must be aware and in the estate's local time zone.
    """
    if hours is None:
        return start + timedelta(minutes=minutes)
    moment, left = start, timedelta(minutes=minutes)
    for _ in range(3700):  # ten years of days: a guard against empty business-hour settings
        if not hours.is_open(moment):
            moment = _next_opening(moment, hours)
        closing = moment.replace(hour=hours.end.hour, minute=hours.end.minute, second=0, microsecond=0)
        if moment + left <= closing:
            return moment + left
        left -= closing - moment
        moment = closing
    raise ValueError("business hours never open")


def _next_opening(moment: datetime, hours: BusinessHours) -> datetime:
    day = moment
    if moment.time() >= hours.start and moment.isoweekday() in hours.weekdays and moment.time() < hours.end:
        return moment
    if moment.time() >= hours.start or moment.isoweekday() not in hours.weekdays:
        day = moment + timedelta(days=1)
    for _ in range(8):
        if day.isoweekday() in hours.weekdays:
            return day.replace(hour=hours.start.hour, minute=hours.start.minute, second=0, microsecond=0)
        day += timedelta(days=1)
    raise ValueError("business hours have no weekday")
