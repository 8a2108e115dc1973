from datetime import date

import pytest

from committee.disclosures.schedule import add_months, standing


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [(date(2026, 1, 31), 1, date(2026, 2, 28)), (date(2028, 1, 31), 1, date(2028, 2, 29)),
     (date(2026, 3, 31), 3, date(2026, 6, 30)), (date(2026, 11, 15), 3, date(2027, 2, 15)),
     (date(2026, 1, 15), -1, date(2025, 12, 15))],
)  # fmt: skip
def test_add_months_clamps_to_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_standing_not_due_within_the_interval():
    due = standing(kind="revenue", interval=3, latest_end=date(2026, 3, 31), today=date(2026, 6, 29))
    assert not due.overdue and due.next_due == date(2026, 6, 30)
    assert due.soon(date(2026, 6, 29))


def test_standing_due_once_the_interval_has_passed():
    due = standing(kind="revenue", interval=3, latest_end=date(2026, 3, 31), today=date(2026, 6, 30))
    assert due.overdue and due.due_on == date(2026, 6, 30) and due.next_due == date(2026, 9, 30)


def test_standing_steps_the_due_date_by_whole_intervals():
    due = standing(kind="revenue", interval=3, latest_end=date(2026, 3, 31), today=date(2026, 10, 2))
    assert due.due_on == date(2026, 9, 30) and due.next_due == date(2026, 12, 31)


@pytest.mark.parametrize(
    ("interval", "today", "due_on"),
    [(3, date(2026, 5, 20), date(2026, 4, 1)), (6, date(2026, 5, 20), date(2026, 1, 1)),
     (12, date(2026, 12, 31), date(2026, 1, 1))],
)  # fmt: skip
def test_standing_never_published_is_due_from_the_calendar_period(interval, today, due_on):
    due = standing(kind="fund", interval=interval, latest_end=None, today=today)
    assert due.overdue and due.due_on == due_on
