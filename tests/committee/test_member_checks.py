"""Warnings about the committee's size, filing and term (committee.members.checks)."""

from datetime import date

import pytest
from django.utils import translation

from committee.members.checks import SizeRules, size_warnings, term_warnings

NATIONAL = SizeRules(members_min=5, members_max=11, members_odd=True, filing_days=30, term_years_max=5)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize("voting", [5, 7, 9, 11])
def test_size_warnings_none_for_an_odd_count_within_the_range(voting):
    assert size_warnings(voting=voting, rules=NATIONAL) == []


def test_size_warnings_name_a_committee_below_the_minimum():
    assert size_warnings(voting=3, rules=NATIONAL) == [
        "The committee has 3 voting members; the estate's rules ask for at least 5."
    ]


def test_size_warnings_name_an_even_count_and_one_above_the_maximum():
    found = size_warnings(voting=12, rules=NATIONAL)
    assert len(found) == 2 and "at most 11" in found[0] and "odd" in found[1]


def test_size_warnings_accept_an_even_count_where_the_rules_allow_it():
    rules = SizeRules(members_min=4, members_max=10, members_odd=False, filing_days=30, term_years_max=5)
    assert size_warnings(voting=6, rules=rules) == []


def test_term_warnings_none_when_filed_in_time_and_the_term_is_five_years():
    found = term_warnings(elected_on=date(2025, 1, 10), filed_on=date(2025, 2, 9), term_start=date(2025, 1, 10),
                          term_end=date(2030, 1, 10), today=date(2025, 6, 1), rules=NATIONAL)  # fmt: skip
    assert found == []


def test_term_warnings_name_a_late_filing_and_a_long_term():
    found = term_warnings(elected_on=date(2025, 1, 10), filed_on=date(2025, 2, 10), term_start=date(2025, 1, 10),
                          term_end=date(2030, 1, 11), today=date(2025, 6, 1), rules=NATIONAL)  # fmt: skip
    assert found == [
        "Filed 31 days after the election; the rules ask for filing within 30 days.",
        "The term runs longer than 5 years, the longest the rules allow.",
    ]


def test_term_warnings_name_a_filing_still_missing_past_the_deadline():
    found = term_warnings(elected_on=date(2025, 1, 10), filed_on=None, term_start=date(2025, 1, 10),
                          term_end=date(2028, 1, 10), today=date(2025, 3, 1), rules=NATIONAL)  # fmt: skip
    assert found == ["Not filed yet, 50 days after the election; the rules ask for filing within 30 days."]


def test_term_warnings_none_for_a_filing_not_yet_due():
    found = term_warnings(elected_on=date(2025, 1, 10), filed_on=None, term_start=date(2025, 1, 10),
                          term_end=date(2028, 1, 10), today=date(2025, 1, 20), rules=NATIONAL)  # fmt: skip
    assert found == []
