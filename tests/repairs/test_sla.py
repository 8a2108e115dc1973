from datetime import datetime, time
from zoneinfo import ZoneInfo

from repairs.sla import DEFAULT_TARGETS, BusinessHours, add_working_minutes

SH = ZoneInfo("Asia/Shanghai")
HOURS = BusinessHours(start=time(8), end=time(18), weekdays=frozenset({1, 2, 3, 4, 5, 6}))


def at(day, hour, minute=0):
    return datetime(2026, 11, day, hour, minute, tzinfo=SH)  # 2026-11-23 is a Monday


def test_emergency_arrival_default_is_the_national_30_minutes_around_the_clock():
    targets = DEFAULT_TARGETS["emergency"]
    assert (targets.arrival_minutes, targets.around_the_clock) == (30, True)


def test_routine_repairs_default_to_24_hours():
    assert DEFAULT_TARGETS["routine"].resolution_minutes == 24 * 60


def test_add_working_minutes_around_the_clock_is_plain_addition():
    assert add_working_minutes(at(23, 23, 50), 30, None) == at(24, 0, 20)


def test_add_working_minutes_within_one_business_day():
    assert add_working_minutes(at(23, 9), 120, HOURS) == at(23, 11)


def test_add_working_minutes_carries_over_the_night():
    assert add_working_minutes(at(23, 17), 120, HOURS) == at(24, 9)


def test_add_working_minutes_before_opening_starts_at_opening():
    assert add_working_minutes(at(23, 6), 30, HOURS) == at(23, 8, 30)


def test_add_working_minutes_skips_sunday():
    assert add_working_minutes(at(28, 17), 120, HOURS) == at(30, 9)  # Saturday 17:00 → Monday 09:00


def test_add_working_minutes_24_business_hours_span_more_than_two_days():
    assert add_working_minutes(at(23, 8), 24 * 60, HOURS) == at(25, 12)
