"""The scoring engine against worked examples done by hand (arithmetic in the comments), and its edge cases."""

import math

import pytest
from django.utils import translation

from feedback import dimensions
from feedback.scoring import (
    MIN_GROUP,
    SHRINKAGE_M,
    Answer,
    MeanInterval,
    Suppressed,
    Zone,
    alpha_if_deleted,
    corrected_item_total,
    cronbach_alpha,
    csat,
    dimension_reliability,
    dimension_scores,
    importance,
    improvement_priorities,
    item_analysis,
    item_scores,
    mean_interval,
    nps,
    overall_score,
    rolled_up,
    rolled_up_weights,
    satisfaction_rate,
    service_score,
    summarize,
    t_quantile_975,
    validate_answers,
)

approx = pytest.approx

# ---------------------------------------------------------------------------------------------------------
# Worked example A: two-column (E, P), five respondents, tangibles items t1 t2, reliability item r1.
#
#        t1 P/E  t2 P/E  r1 P/E
#   R1    5/7     6/6     4/6
#   R2    4/6     4/6     3/7
#   R3    6/6     7/5     5/6
#   R4    3/7     5/7     2/7
#   R5    7/6     6/7     6/5
TABLE_A = {
    "R1": ((5, 7), (6, 6), (4, 6)),
    "R2": ((4, 6), (4, 6), (3, 7)),
    "R3": ((6, 6), (7, 5), (5, 6)),
    "R4": ((3, 7), (5, 7), (2, 7)),
    "R5": ((7, 6), (6, 7), (6, 5)),
}
ITEMS_A = (("t1", "tangibles"), ("t2", "tangibles"), ("r1", "reliability"))
# 100-point importance: (tangibles, reliability) per respondent.
WEIGHTS_A = {
    "R1": {"tangibles": 40, "reliability": 60},
    "R2": {"tangibles": 50, "reliability": 50},
    "R3": {"tangibles": 20, "reliability": 80},
    "R4": {"tangibles": 30, "reliability": 70},
    "R5": {"tangibles": 60, "reliability": 40},
}


def answers_a(respondents=TABLE_A):
    return [
        Answer(r, item, dim, perceived=p, expected=e)
        for r, cells in respondents.items()
        for (item, dim), (p, e) in zip(ITEMS_A, cells, strict=True)
    ]


def test_item_means_and_gaps_match_the_hand_computation():
    scores = item_scores(answers_a())
    # t1: P = (5+4+6+3+7)/5 = 25/5 = 5.0; E = (7+6+6+7+6)/5 = 32/5 = 6.4; gap = 5.0 − 6.4 = −1.4
    assert scores["t1"].n == 5
    assert (scores["t1"].perceived, scores["t1"].expected, scores["t1"].gap) == (approx(5.0), approx(6.4), approx(-1.4))
    # t2: P = 28/5 = 5.6; E = 31/5 = 6.2; gap = −0.6 (item gaps 0, −2, 2, −2, −1 sum to −3)
    assert (scores["t2"].perceived, scores["t2"].expected, scores["t2"].gap) == (approx(5.6), approx(6.2), approx(-0.6))
    # r1: P = 20/5 = 4.0; E = 31/5 = 6.2; gap = −2.2
    assert (scores["r1"].perceived, scores["r1"].expected, scores["r1"].gap) == (approx(4.0), approx(6.2), approx(-2.2))


def test_dimension_score_is_the_mean_over_respondents_of_their_mean_item_gap():
    scores = dimension_scores(answers_a())
    tangibles = scores["tangibles"]
    # respondents' tangibles gaps: R1 (−2+0)/2 = −1, R2 (−2−2)/2 = −2, R3 (0+2)/2 = 1, R4 (−4−2)/2 = −3,
    # R5 (1−1)/2 = 0 → SQ = −5/5 = −1.0. P: 5.5, 4, 6.5, 4, 6.5 → 26.5/5 = 5.3; E: 6.5, 6, 5.5, 7, 6.5 → 6.3
    assert (tangibles.n, tangibles.perceived, tangibles.expected, tangibles.gap) == (
        5,
        approx(5.3),
        approx(6.3),
        approx(-1.0),
    )
    assert scores["reliability"].gap == approx(-2.2)
    # no three-column data: MSA, MSS and the zone are not defined
    assert tangibles.msa is None and tangibles.mss is None and tangibles.zone is None
    assert tangibles.zone_position is None


def test_overall_unweighted_score_is_the_mean_of_the_dimension_scores():
    overall = overall_score(answers_a())
    # P (5.3 + 4.0)/2 = 4.65; E (6.3 + 6.2)/2 = 6.25; gap (−1.0 − 2.2)/2 = −1.6
    assert overall.n == 5
    assert (overall.perceived, overall.expected, overall.gap) == (approx(4.65), approx(6.25), approx(-1.6))
    assert overall.weighted_gap is None


def test_weighted_scores_use_each_respondents_own_100_points():
    overall = overall_score(answers_a(), weights=WEIGHTS_A)
    # Σ_d W·SQ per respondent (SQ tangibles, reliability):
    #   R1 0.4·(−1) + 0.6·(−2) = −1.6;  R2 0.5·(−2) + 0.5·(−4) = −3.0;  R3 0.2·1 + 0.8·(−1) = −0.6
    #   R4 0.3·(−3) + 0.7·(−5) = −4.4;  R5 0.6·0 + 0.4·1 = 0.4        → −9.2/5 = −1.84
    assert overall.weighted_gap == approx(-1.84)
    # weighted P: R1 0.4·5.5 + 0.6·4 = 4.6; R2 0.5·4 + 0.5·3 = 3.5; R3 0.2·6.5 + 0.8·5 = 5.3;
    #   R4 0.3·4 + 0.7·2 = 2.6; R5 0.6·6.5 + 0.4·6 = 6.3 → 22.3/5 = 4.46
    assert overall.weighted_perceived == approx(4.46)
    by_dim = dimension_scores(answers_a(), weights=WEIGHTS_A)
    # each dimension's contribution: tangibles (−0.4 −1.0 +0.2 −0.9 +0)/5 = −0.42;
    # reliability (−1.2 −2.0 −0.8 −3.5 +0.4)/5 = −1.42; together −1.84, the overall weighted gap
    assert by_dim["tangibles"].weighted_gap == approx(-0.42)
    assert by_dim["reliability"].weighted_gap == approx(-1.42)


def test_improvement_priorities_rank_shortfall_times_importance():
    # importance: tangibles (40+50+20+30+60)/5 = 40 points, reliability (60+50+80+70+40)/5 = 60 points
    points = importance(WEIGHTS_A)
    assert points == {"tangibles": approx(40), "reliability": approx(60)}
    gaps = {dim: s.gap for dim, s in dimension_scores(answers_a()).items()}
    ranked = improvement_priorities(gaps, points)
    # reliability 2.2 × 0.60 = 1.32 comes before tangibles 1.0 × 0.40 = 0.40
    assert [p.dimension for p in ranked] == ["reliability", "tangibles"]
    assert [p.priority for p in ranked] == [approx(1.32), approx(0.40)]
    assert all(p.shortfall for p in ranked)


def test_priorities_break_ties_in_the_canonical_dimension_order_whatever_the_input_order():
    # courtesy 1.0 × 0.20 = 0.2, tangibles 0.5 × 0.40 = 0.2, access 2.0 × 0.10 = 0.2: a three-way tie;
    # reliability has a surplus: −0.5 × 0.30 = −0.15, last.
    gaps = {"courtesy": -1.0, "access": -2.0, "reliability": 0.5, "tangibles": -0.5}
    points = {"courtesy": 20, "tangibles": 40, "access": 10, "reliability": 30}
    expected = ["tangibles", "courtesy", "access", "reliability"]  # 1985 order: 1st, 5th, 8th
    assert [p.dimension for p in improvement_priorities(gaps, points)] == expected
    reversed_gaps = dict(reversed(list(gaps.items())))
    assert [p.dimension for p in improvement_priorities(reversed_gaps, points)] == expected
    assert improvement_priorities(gaps, points)[-1].priority == approx(-0.15)
    assert not improvement_priorities(gaps, points)[-1].shortfall


def test_priorities_without_weights_rank_by_gap_alone():
    # 100/3 points each: access 2.0/3, courtesy 1.0/3, tangibles 0.5/3
    ranked = improvement_priorities({"tangibles": -0.5, "courtesy": -1.0, "access": -2.0})
    assert [p.dimension for p in ranked] == ["access", "courtesy", "tangibles"]
    assert ranked[0].priority == approx(2.0 / 3)


# ---------------------------------------------------------------------------------------------------------
# Worked example B: three-column (minimum, desired, perceived), five respondents, three items.
#
#        q1 min/des/P   q2 min/des/P   q3 min/des/P
#   R1     4/7/5          4/6/2          3/6/7
#   R2     3/6/4          4/6/3          3/6/7
#   R3     5/7/6          4/6/3          3/6/7
#   R4     4/6/3          4/6/4          3/6/7
#   R5     4/7/7          4/6/3          3/6/7
TABLE_B = {
    "R1": ((4, 7, 5), (4, 6, 2), (3, 6, 7)),
    "R2": ((3, 6, 4), (4, 6, 3), (3, 6, 7)),
    "R3": ((5, 7, 6), (4, 6, 3), (3, 6, 7)),
    "R4": ((4, 6, 3), (4, 6, 4), (3, 6, 7)),
    "R5": ((4, 7, 7), (4, 6, 3), (3, 6, 7)),
}


def answers_b():
    return [
        Answer(r, item, "responsiveness", perceived=p, minimum=lo, desired=hi)
        for r, cells in TABLE_B.items()
        for item, (lo, hi, p) in zip(("q1", "q2", "q3"), cells, strict=True)
    ]


def test_three_column_msa_mss_and_zone_of_tolerance():
    scores = item_scores(answers_b())
    q1, q2, q3 = scores["q1"], scores["q2"], scores["q3"]
    # q1: min 20/5 = 4.0, desired 33/5 = 6.6, P 25/5 = 5.0 → MSA = 1.0, MSS = −1.6, inside [4.0, 6.6]
    assert (q1.minimum, q1.desired, q1.perceived) == (approx(4.0), approx(6.6), approx(5.0))
    assert (q1.msa, q1.mss, q1.zone) == (approx(1.0), approx(-1.6), Zone.WITHIN)
    # position in the zone: (5.0 − 4.0)/(6.6 − 4.0) = 1/2.6 = 0.3846
    assert q1.zone_position == approx(1 / 2.6)
    # q2: P (2+3+3+4+3)/5 = 3.0 under the minimum 4.0 → MSA = −1.0, below the zone
    assert (q2.msa, q2.mss, q2.zone) == (approx(-1.0), approx(-3.0), Zone.BELOW)
    assert q2.zone_position == approx(-0.5)  # (3 − 4)/(6 − 4)
    # q3: P 7 over the desired 6 → MSS = +1.0, above the zone (service superiority)
    assert (q3.msa, q3.mss, q3.zone) == (approx(4.0), approx(1.0), Zone.ABOVE)
    assert q3.zone_position == approx(4 / 3)  # (7 − 3)/(6 − 3)
    # no expectation column: no gap
    assert q1.expected is None and q1.gap is None
    overall = overall_score(answers_b())
    # one dimension, respondents' means over 3 items: P (5+3+7)/3 = 5.0 … → mean of item means = (5+3+7)/3
    assert overall.perceived == approx(5.0)
    assert overall.msa == approx((1.0 - 1.0 + 4.0) / 3)
    assert overall.zone == Zone.WITHIN  # min (4+4+3)/3 = 3.67 ≤ 5.0 ≤ desired (6.6+6+6)/3 = 6.2


def test_servperf_means_need_only_perceptions():
    answers = [Answer(f"R{i}", "t1", "tangibles", perceived=p) for i, p in enumerate((7, 6, 5, 4, 3))]
    score = dimension_scores(answers)["tangibles"]
    # (7+6+5+4+3)/5 = 25/5 = 5.0
    assert score.perceived == approx(5.0)
    assert score.expected is None and score.gap is None and score.minimum is None


# ---------------------------------------------------------------------------------------------------------
# Privacy floor and empty input


def test_groups_under_five_respondents_are_suppressed_with_a_reason():
    four = {r: cells for r, cells in TABLE_A.items() if r != "R5"}
    assert MIN_GROUP == 5
    assert item_scores(answers_a(four))["t1"] == Suppressed(4)
    assert dimension_scores(answers_a(four))["tangibles"] == Suppressed(4)
    assert overall_score(answers_a(four)) == Suppressed(4)
    assert not Suppressed(4)  # "nothing to show"
    with translation.override("en"):
        assert "Only 4 people answered" in Suppressed(4).reason
        assert "from 5 respondents" in Suppressed(4).reason
    with translation.override("zh-hans"):
        assert Suppressed(4).reason  # some text in either language, never an empty figure


def test_empty_input_gives_no_figures_rather_than_an_error():
    assert item_scores([]) == {}
    assert dimension_scores([]) == {}
    assert overall_score([]) == Suppressed(0)
    assert improvement_priorities({}) == ()
    assert cronbach_alpha([]) is None
    assert corrected_item_total([]) == []
    assert mean_interval([]) is None
    assert summarize([]) == Suppressed(0)
    assert csat([]) == Suppressed(0)
    assert satisfaction_rate([]) == Suppressed(0)
    assert nps([]) == Suppressed(0)
    assert service_score([], estate_mean=4.2) == Suppressed(0)
    assert importance({}) == {}


# ---------------------------------------------------------------------------------------------------------
# Bad input


def test_weights_not_adding_to_100_are_refused_naming_the_respondent_and_total():
    bad = dict(WEIGHTS_A, R3={"tangibles": 20, "reliability": 70})
    with translation.override("en"), pytest.raises(ValueError, match=r"respondent R3 add up to 90, not 100"):
        overall_score(answers_a(), weights=bad)


def test_negative_weights_and_weights_on_unanswered_dimensions_are_refused():
    negative = dict(WEIGHTS_A, R1={"tangibles": 110, "reliability": -10})
    with translation.override("en"), pytest.raises(ValueError, match="reliability from respondent R1"):
        dimension_scores(answers_a(), weights=negative)
    # five-dimension weights against ten-dimension answers would silently drop points
    elsewhere = dict(WEIGHTS_A, R2={"tangibles": 50, "empathy": 50})
    with translation.override("en"), pytest.raises(ValueError, match="R2 gave importance points to empathy"):
        item_scores(answers_a(), weights=elsewhere)


def test_out_of_range_ratings_duplicates_and_mixed_formats_are_refused():
    with translation.override("en"):
        with pytest.raises(ValueError, match="perceived must be a whole number from 1 to 7, not 8"):
            validate_answers([Answer("R1", "t1", "tangibles", perceived=8)])
        with pytest.raises(ValueError, match="expected must be a whole number"):
            validate_answers([Answer("R1", "t1", "tangibles", perceived=3, expected=0)])
        with pytest.raises(ValueError, match="not True"):
            validate_answers([Answer("R1", "t1", "tangibles", perceived=True)])
        with pytest.raises(ValueError, match="answered item t1 twice"):
            validate_answers([Answer("R1", "t1", "tangibles", 3), Answer("R1", "t1", "tangibles", 4)])
        with pytest.raises(ValueError, match="mix survey formats"):
            validate_answers([Answer("R1", "t1", "tangibles", 3, expected=5), Answer("R2", "t1", "tangibles", 4)])
        with pytest.raises(ValueError, match="both the minimum and the desired"):
            validate_answers([Answer("R1", "t1", "tangibles", 3, minimum=2)])
    # the 9-point three-column variant is allowed when asked for
    assert validate_answers([Answer("R1", "t1", "tangibles", 9, minimum=5, desired=9)], scale_max=9)


# ---------------------------------------------------------------------------------------------------------
# Reliability
#
# Worked example C: five respondents × three items
#   a: 1 2 3 4 5   mean 3, squares of deviations 4+1+0+1+4 = 10, s² = 10/4 = 2.5
#   b: 2 1 3 5 4   mean 3, 1+4+0+4+1 = 10, s² = 2.5
#   c: 1 3 2 4 5   mean 3, 4+0+1+1+4 = 10, s² = 2.5
#   totals 4 6 8 13 14: mean 9, deviations −5 −3 −1 4 5, 25+9+1+16+25 = 76, s² = 19
#   α = 3/2 · (1 − 7.5/19) = 1.5 · 11.5/19 = 17.25/19 = 0.907894…
ROWS_C = [[1, 2, 1], [2, 1, 3], [3, 3, 2], [4, 5, 4], [5, 4, 5]]


def test_cronbach_alpha_matches_the_hand_computation():
    assert cronbach_alpha(ROWS_C) == approx(17.25 / 19)
    # two respondents' worth of a smaller case: rows (1,2) (2,3) (3,3): s² 1 and 1/3, totals 3 5 6 s² 7/3
    # α = 2 · (1 − (4/3)/(7/3)) = 2 · 3/7 = 6/7
    assert cronbach_alpha([[1, 2], [2, 3], [3, 3]]) == approx(6 / 7)


def test_corrected_item_total_correlation_and_alpha_if_deleted_match_the_hand_computation():
    r = corrected_item_total(ROWS_C)
    # a vs b+c = 3 4 5 9 9 (mean 6, dev −3 −2 −1 3 3, SS 32); a dev −2 −1 0 1 2 (SS 10)
    #   Sxy = 6+2+0+3+6 = 17 → r = 17/√320 = 0.9503
    # b vs a+c = 2 5 5 8 10 (dev −4 −1 −1 2 4, SS 38); b dev −1 −2 0 2 1 → Sxy = 4+2+0+4+4 = 14 → 14/√380
    # c vs a+b = 3 3 6 9 9 (dev −3 −3 0 3 3, SS 36); c dev −2 0 −1 1 2 → Sxy = 6+0+0+3+6 = 15 → 15/√360
    assert r == [approx(17 / math.sqrt(320)), approx(14 / math.sqrt(380)), approx(15 / math.sqrt(360))]
    # without a: b, c s² 2.5 each, b+c s² 32/4 = 8 → α = 2·(1 − 5/8) = 0.75
    # without b: a+c s² 38/4 = 9.5 → 2·(1 − 5/9.5) = 9/9.5;  without c: a+b s² 9 → 2·(1 − 5/9) = 8/9
    assert alpha_if_deleted(ROWS_C) == [approx(0.75), approx(9 / 9.5), approx(8 / 9)]


def test_an_item_running_against_the_others_is_flagged():
    # d = 5 4 3 2 1 (reverse of a): against a+b = 3 3 6 9 9, Sxy = 2·(−3)+1·(−3)+0−1·3−2·3 = −18,
    # r = −18/√(10·36) = −0.949 < 0.30
    analysis = item_analysis([[a, b, d] for (a, b, _), d in zip(ROWS_C, (5, 4, 3, 2, 1), strict=True)])
    assert analysis.items[2].corrected_item_total_r == approx(-18 / math.sqrt(360))
    assert analysis.items[2].flagged
    assert not item_analysis(ROWS_C).items[0].flagged


def test_alpha_is_undefined_not_zero_for_one_item_zero_variance_or_one_respondent():
    assert cronbach_alpha([[3], [4], [5], [6], [7]]) is None  # k = 1
    assert cronbach_alpha([[4, 4, 4]] * 6) is None  # everyone identical: s_T² = 0
    assert cronbach_alpha([[1, 2], [2, 1]]) is None  # items vary but the total is constant (3, 3)
    assert cronbach_alpha([[1, 5, 7]]) is None  # one respondent: no variance at all
    # a single item has no "other items" to correlate with, and dropping it leaves nothing
    assert corrected_item_total([[3], [4], [5]]) == [None]
    assert alpha_if_deleted([[3], [4], [5]]) == [None]
    # with two items, deleting one leaves k = 1: α-if-deleted is undefined
    assert alpha_if_deleted([[1, 2], [2, 3], [3, 3]]) == [None, None]


def test_all_identical_answers_give_zero_gaps_and_no_reliability_figures():
    same = [Answer(f"R{i}", item, "courtesy", 4, expected=4) for i in range(6) for item in ("c1", "c2")]
    score = dimension_scores(same)["courtesy"]
    assert (score.perceived, score.expected, score.gap) == (4.0, 4.0, 0.0)
    reliability = dimension_reliability(same)["courtesy"]
    assert reliability.alpha is None
    assert [s.corrected_item_total_r for s in reliability.items] == [None, None]
    assert not any(s.flagged for s in reliability.items)


def test_dimension_reliability_uses_complete_respondents_and_suppresses_small_groups():
    answers = [
        Answer(f"R{i}", item, "competence", value, expected=4)
        for i, row in enumerate(ROWS_C)
        for item, value in zip(("a", "b", "c"), row, strict=True)
    ]
    answers.append(Answer("R9", "a", "competence", 7, expected=4))  # skipped b and c: left out listwise
    result = dimension_reliability(answers)["competence"]
    assert (result.n, result.k, result.item_keys) == (5, 3, ("a", "b", "c"))
    assert result.alpha == approx(17.25 / 19)
    # on gaps (P − 4 everywhere) the spread is the same, so α is too
    assert dimension_reliability(answers, column="gap")["competence"].alpha == approx(17.25 / 19)
    assert dimension_reliability(answers[:12])["competence"] == Suppressed(4)


# ---------------------------------------------------------------------------------------------------------
# Mean with a 95% interval


def test_t_interval_for_two_values_uses_t_with_one_degree_of_freedom():
    # 3, 5: mean 4, s² = (1+1)/1 = 2, s/√n = √2/√2 = 1, t(0.975, 1) = 12.706 → 4 ± 12.706
    assert mean_interval([3, 5]) == MeanInterval(2, 4.0, approx(-8.706), approx(16.706))


def test_t_interval_for_forty_values_uses_the_large_df_approximation():
    # twenty 4s and twenty 6s: mean 5, SS = 40·1 = 40, s² = 40/39, s/√n = √(1/39) = 0.160128
    # t(0.975, 39) = 2.022691 (tables) → half-width 0.323890
    result = mean_interval([4] * 20 + [6] * 20)
    assert (result.n, result.mean) == (40, 5.0)
    assert result.low == approx(5 - 2.022691 / math.sqrt(39), abs=1e-4)
    assert result.high == approx(5 + 2.022691 / math.sqrt(39), abs=1e-4)


def test_t_quantile_table_and_expansion_agree_with_published_values():
    assert t_quantile_975(1) == 12.706
    assert t_quantile_975(30) == 2.042
    # published t(0.975, df): 31 → 2.0395, 60 → 2.0003, 120 → 1.9799; tends to the normal 1.96
    assert t_quantile_975(31) == approx(2.0395, abs=1e-4)
    assert t_quantile_975(60) == approx(2.0003, abs=1e-4)
    assert t_quantile_975(120) == approx(1.9799, abs=1e-4)
    assert t_quantile_975(10**6) == approx(1.95996, abs=1e-5)


def test_one_value_has_a_mean_but_no_interval_and_summaries_observe_the_floor():
    assert mean_interval([6]) == MeanInterval(1, 6.0, None, None)
    assert summarize([5, 6, 7, 6]) == Suppressed(4)
    # 5 6 7 6 6: mean 6, SS 1+0+1+0+0 = 2, s² = 0.5, se = √(0.5/5) = √0.1, t(4) = 2.776
    assert summarize([5, 6, 7, 6, 6]) == MeanInterval(
        5, 6.0, approx(6 - 2.776 * math.sqrt(0.1)), approx(6 + 2.776 * math.sqrt(0.1))
    )


# ---------------------------------------------------------------------------------------------------------
# Satisfaction metrics


def test_csat_counts_fours_and_fives_over_all_responses():
    # 5 4 3 2 1 4 5 5: fours and fives are 5, 4, 4, 5, 5 = 5 of 8 = 62.5%
    result = csat([5, 4, 3, 2, 1, 4, 5, 5])
    assert (result.n, result.percent) == (8, 62.5)
    with pytest.raises(ValueError, match="CSAT"):
        csat([5, 4, 6, 4, 4])


def test_satisfaction_rate_counts_only_valid_responses():
    # 5 4 — 3 4 — 2 5: two don't-knows left out, 6 valid, satisfied 5 4 4 5 = 4 → 66.7%, under the 80% target
    result = satisfaction_rate([5, 4, None, 3, 4, None, 2, 5])
    assert (result.n, result.percent) == (6, approx(400 / 6))
    assert not result.meets_level_1
    # 5 5 4 4 3: 4 of 5 = 80%, exactly the level-1 target
    assert satisfaction_rate([5, 5, 4, 4, 3]).meets_level_1
    # four valid answers and a don't-know: under the floor
    assert satisfaction_rate([5, 5, 4, 4, None]) == Suppressed(4)


def test_nps_is_promoters_minus_detractors_in_points():
    # 10 9 9 8 7 6 3 0 10 5: promoters 10 9 9 10 = 40%, passives 8 7 = 20%, detractors 6 3 0 5 = 40% → 0
    result = nps([10, 9, 9, 8, 7, 6, 3, 0, 10, 5])
    assert (result.promoters, result.passives, result.detractors, result.nps) == (40.0, 20.0, 40.0, 0.0)
    assert nps([9, 10, 9, 10, 9]).nps == 100.0
    assert nps([0, 1, 2, 3, 4, 5, 6]).nps == -100.0
    # 7s and 8s are passives: they count in n and move neither side
    assert nps([7, 8, 7, 8, 10]).nps == 20.0
    with pytest.raises(ValueError, match="NPS"):
        nps([10, 9, 11, 9, 9])


# ---------------------------------------------------------------------------------------------------------
# Technician service score


def test_service_score_shrinks_a_small_record_toward_the_estate_mean():
    assert SHRINKAGE_M == 10
    # 5 4 5 3 5: raw 22/5 = 4.4, estate 4.0: (5·4.4 + 10·4.0)/(5 + 10) = 62/15 = 4.1333
    result = service_score([5, 4, 5, 3, 5], estate_mean=4.0)
    assert (result.n, result.raw_mean, result.score) == (5, approx(4.4), approx(62 / 15))
    # forty surveys averaging 3.0 against an estate 4.5: (40·3 + 10·4.5)/50 = 165/50 = 3.3
    assert service_score([3] * 40, estate_mean=4.5).score == approx(3.3)
    # m = 0 turns shrinkage off
    assert service_score([5, 4, 5, 3, 5], estate_mean=4.0, m=0).score == approx(4.4)
    assert service_score([5, 5, 5, 5], estate_mean=4.0) == Suppressed(4)
    with pytest.raises(ValueError):
        service_score([5, 5, 5, 5, 5], estate_mean=None)


# ---------------------------------------------------------------------------------------------------------
# Ten dimensions and the 1988 roll-up


def test_ten_dimensions_roll_up_into_the_five_of_1988():
    assert len(dimensions.TEN) == 10 and len(dimensions.FIVE) == 5
    assert set(dimensions.ROLLUP.values()) == set(dimensions.FIVE_KEYS)
    assert [k for k, v in dimensions.ROLLUP.items() if v == "assurance"] == [
        "competence",
        "courtesy",
        "credibility",
        "security",
    ]
    assert [k for k, v in dimensions.ROLLUP.items() if v == "empathy"] == ["access", "communication", "understanding"]
    assert dimensions.BY_KEY["tangibles"].name("zh-hans") == "可感知性"
    assert dimensions.BY_KEY["tangibles"].name("en") == "Tangibles"
    assert all(d.definition_en and d.definition_zh for d in dimensions.TEN + dimensions.FIVE)


def test_rolled_up_answers_and_weights_score_on_five_dimensions():
    answers = [
        Answer(f"R{i}", item, dim, p, expected=e)
        for i in range(5)
        for item, dim, p, e in (("x1", "competence", 5, 7), ("x2", "courtesy", 7, 6))
    ]
    weights = {f"R{i}": {"competence": 30, "courtesy": 20, "tangibles": 50} for i in range(5)}
    five = rolled_up(answers)
    assert {a.dimension for a in five} == {"assurance"}
    # assurance gap per respondent: (−2 + 1)/2 = −0.5
    assert dimension_scores(five)["assurance"].gap == approx(-0.5)
    assert rolled_up_weights(weights)["R0"] == {"assurance": 50, "tangibles": 50}


def test_an_empty_or_inverted_zone_of_tolerance_has_no_position():
    # minimum = desired = 5 for everyone: P 6 is above the (single-point) zone, but there is no scale to place it on
    flat = [Answer(f"R{i}", "q", "access", 6, minimum=5, desired=5) for i in range(5)]
    assert (item_scores(flat)["q"].zone, item_scores(flat)["q"].zone_position) == (Zone.ABOVE, None)
    # minimum 6 above desired 4 (a confused respondent pool): no zone at all, MSA and MSS still reported
    inverted = [Answer(f"R{i}", "q", "access", 5, minimum=6, desired=4) for i in range(5)]
    score = item_scores(inverted)["q"]
    assert (score.zone, score.zone_position, score.msa, score.mss) == (None, None, -1.0, 1.0)
