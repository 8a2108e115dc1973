"""The service guide's plain words for durations, days and repair promises (English: the catalog of this branch
has no Chinese for them yet)."""

from datetime import time

import pytest
from django.utils import translation

from portal.guide import present
from repairs import sla
from repairs.service_levels import ServiceLevels

HOURS = sla.BusinessHours(start=time(8, 0), end=time(18, 0), weekdays=frozenset({1, 2, 3, 4, 5, 6}))


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("minutes", "words"),
    [(1, "1 minute"), (30, "30 minutes"), (90, "90 minutes"), (60, "1 hour"), (240, "4 hours"),
     (24 * 60, "24 hours"), (36 * 60, "36 hours"), (2 * 24 * 60, "2 days"), (3 * 24 * 60 + 1, "4321 minutes")],
)  # fmt: skip
def test_duration_uses_the_largest_whole_unit(minutes, words):
    assert present.duration(minutes) == words


@pytest.mark.parametrize(
    ("days", "words"),
    [([1, 2, 3, 4, 5, 6], "Monday to Saturday"), (list("7654321"), "Monday to Sunday"),
     ([7, 1, 2], "Monday, Tuesday, Sunday"), ([1, 3, 5], "Monday, Wednesday, Friday"), ([6, 7], "Saturday, Sunday"),
     ([2], "Tuesday")],
)  # fmt: skip
def test_weekdays_name_a_run_of_days_by_its_ends(days, words):
    assert present.weekdays(days) == words


def test_weekdays_use_django_s_chinese_day_names():
    with translation.override("zh-hans"):
        assert "星期一" in present.weekdays([1, 3])


def test_a_promise_states_each_target_in_words_and_how_the_clock_runs():
    levels = ServiceLevels(by_priority=dict(sla.DEFAULT_TARGETS), by_trade=[], hours=HOURS)
    emergency, urgent, routine = present.promises(levels)
    assert emergency.words == (
        "Emergency (急修): answered within 10 minutes, on site within 30 minutes, fixed within 4 hours."
    )
    assert emergency.clock == "Counted around the clock, weekends and holidays included."
    assert routine.clock == "Counted in business hours: Monday to Saturday 08:00–18:00."
    assert (emergency.key, urgent.key, routine.key) == ("emergency", "urgent", "routine")
