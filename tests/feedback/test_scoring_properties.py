"""Properties the scoring engine must keep for any input, checked with Hypothesis."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feedback.scoring import (
    Answer,
    Suppressed,
    cronbach_alpha,
    dimension_scores,
    improvement_priorities,
    mean_interval,
    nps,
    overall_score,
    service_score,
)

ratings = st.integers(min_value=1, max_value=7)


@st.composite
def score_rows(draw):
    n = draw(st.integers(min_value=0, max_value=12))
    k = draw(st.integers(min_value=1, max_value=5))
    return [draw(st.lists(ratings, min_size=k, max_size=k)) for _ in range(n)]


@st.composite
def two_column_answers(draw):
    """Complete two-column responses: every respondent rates every item (responses are all-or-nothing)."""
    n = draw(st.integers(min_value=5, max_value=9))
    items = [("t1", "tangibles"), ("t2", "tangibles"), ("r1", "reliability"), ("c1", "courtesy")]
    return [
        Answer(r, item, dim, perceived=draw(ratings), expected=draw(ratings)) for r in range(n) for item, dim in items
    ]


@settings(max_examples=200, deadline=None)
@given(score_rows())
def test_alpha_never_exceeds_one(rows):
    alpha = cronbach_alpha(rows)
    assert alpha is None or alpha <= 1 + 1e-9


@settings(max_examples=100, deadline=None)
@given(two_column_answers())
def test_gap_is_perceived_minus_expected_at_every_level(answers):
    for score in [*dimension_scores(answers).values(), overall_score(answers)]:
        assert score.gap == pytest.approx(score.perceived - score.expected)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(min_value=1, max_value=5), min_size=5, max_size=60),
    st.floats(min_value=1, max_value=5),
    st.integers(min_value=0, max_value=50),
)
def test_shrunk_score_lies_between_the_raw_mean_and_the_estate_mean(ratings_, estate_mean, m):
    result = service_score(ratings_, estate_mean=estate_mean, m=m)
    low, high = sorted((result.raw_mean, result.estate_mean))
    assert low - 1e-9 <= result.score <= high + 1e-9


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=7), min_size=2, max_size=80))
def test_the_interval_contains_the_mean(values):
    result = mean_interval(values)
    assert result.low <= result.mean <= result.high


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10), max_size=50))
def test_nps_is_within_plus_minus_100_and_the_shares_add_up(scores):
    result = nps(scores)
    if isinstance(result, Suppressed):
        assert len(scores) < 5
        return
    assert -100 <= result.nps <= 100
    assert result.promoters + result.passives + result.detractors == pytest.approx(100)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(["tangibles", "reliability", "courtesy", "access"]), st.floats(-6, 6)))
def test_priorities_are_a_permutation_sorted_by_priority(gaps):
    ranked = improvement_priorities(gaps)
    assert sorted(p.dimension for p in ranked) == sorted(gaps)
    assert [round(p.priority, 9) for p in ranked] == sorted((round(p.priority, 9) for p in ranked), reverse=True)
