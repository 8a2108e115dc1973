"""The pure date arithmetic of plans: month-end clamping, the usual 巡检 intervals, and catch-up."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from repairs.maintenance.recurrence import DAYS, MONTHS, WEEKS, Recurrence, add_months, due_now


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 1, 31), 2, date(2026, 3, 31)),
        (date(2025, 12, 31), 2, date(2026, 2, 28)),
        (date(2026, 11, 15), 3, date(2027, 2, 15)),
        (date(2026, 5, 20), -6, date(2025, 11, 20)),
    ],
)
def test_add_months_clamps_to_the_end_of_a_shorter_month(start, months, expected):
    assert add_months(start, months) == expected


def test_monthly_from_the_31st_keeps_its_day_where_the_month_has_one():
    rule = Recurrence(first=date(2026, 1, 31), interval=1, unit=MONTHS)
    assert [rule.nth(k) for k in range(5)] == [
        date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 31),
    ]  # fmt: skip


def test_monthly_from_the_31st_in_a_leap_year_lands_on_february_29():
    assert Recurrence(first=date(2028, 1, 31), interval=1, unit=MONTHS).nth(1) == date(2028, 2, 29)


def test_quarterly_fire_equipment_check():
    rule = Recurrence(first=date(2026, 1, 15), interval=3, unit=MONTHS)
    assert [rule.nth(k) for k in range(5)] == [
        date(2026, 1, 15), date(2026, 4, 15), date(2026, 7, 15), date(2026, 10, 15), date(2027, 1, 15),
    ]  # fmt: skip


def test_water_tanks_twice_a_year_from_august_31():
    rule = Recurrence(first=date(2026, 8, 31), interval=6, unit=MONTHS)
    assert [rule.nth(k) for k in range(4)] == [date(2026, 8, 31), date(2027, 2, 28), date(2027, 8, 31),
                                              date(2028, 2, 29)]  # fmt: skip


def test_weekly_and_fortnightly():
    assert Recurrence(first=date(2026, 3, 2), interval=1, unit=WEEKS).nth(3) == date(2026, 3, 23)
    assert Recurrence(first=date(2026, 3, 2), interval=2, unit=WEEKS).nth(2) == date(2026, 3, 30)
    assert Recurrence(first=date(2026, 3, 2), interval=10, unit=DAYS).nth(3) == date(2026, 4, 1)


def test_on_or_after_finds_the_next_clamped_occurrence():
    rule = Recurrence(first=date(2026, 1, 31), interval=1, unit=MONTHS)
    assert rule.on_or_after(date(2026, 2, 28)) == date(2026, 2, 28)
    assert rule.on_or_after(date(2026, 3, 1)) == date(2026, 3, 31)
    assert rule.on_or_after(date(2025, 6, 1)) == date(2026, 1, 31)  # before the first: the first
    assert rule.index_on_or_before(date(2026, 1, 30)) == -1


RULES = st.builds(
    Recurrence,
    first=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    interval=st.integers(min_value=1, max_value=24),
    unit=st.sampled_from([DAYS, WEEKS, MONTHS]),
)


@given(rule=RULES, offset=st.integers(min_value=-400, max_value=3000))
def test_on_or_after_is_the_first_occurrence_not_before_the_day(rule, offset):
    day = rule.first + timedelta(days=offset)
    found = rule.on_or_after(day)
    k = rule.index_on_or_before(found)
    assert found >= day and rule.nth(k) == found
    assert k == 0 or rule.nth(k - 1) < day


@given(rule=RULES, k=st.integers(min_value=0, max_value=200))
def test_occurrences_are_never_closer_than_the_shortest_gap(rule, k):
    assert (rule.nth(k + 1) - rule.nth(k)).days >= rule.shortest_gap_days()


MONTHLY_10TH = Recurrence(first=date(2026, 1, 10), interval=1, unit=MONTHS)


def test_due_now_waits_for_the_lead_time():
    assert due_now(MONTHLY_10TH, next_due=date(2026, 3, 10), lead_days=3, today=date(2026, 3, 6)) is None
    due = due_now(MONTHLY_10TH, next_due=date(2026, 3, 10), lead_days=3, today=date(2026, 3, 7))
    assert (due.due, due.skipped, due.following) == (date(2026, 3, 10), 0, date(2026, 4, 10))


def test_due_now_after_missed_periods_makes_only_the_latest_and_counts_the_rest():
    due = due_now(MONTHLY_10TH, next_due=date(2026, 1, 10), lead_days=3, today=date(2026, 3, 20))
    assert (due.due, due.skipped, due.following) == (date(2026, 3, 10), 2, date(2026, 4, 10))


def test_due_now_prefers_the_upcoming_occurrence_once_its_lead_time_began():
    due = due_now(MONTHLY_10TH, next_due=date(2026, 2, 10), lead_days=3, today=date(2026, 3, 8))
    assert (due.due, due.skipped) == (date(2026, 3, 10), 1)


def test_due_now_generates_a_late_occurrence_when_nothing_newer_is_due():
    due = due_now(MONTHLY_10TH, next_due=date(2026, 2, 10), lead_days=0, today=date(2026, 2, 25))
    assert (due.due, due.skipped, due.following) == (date(2026, 2, 10), 0, date(2026, 3, 10))
