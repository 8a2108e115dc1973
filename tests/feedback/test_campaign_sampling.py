"""Cochran's sample size, proportional allocation by building and the seeded draw, against figures worked by
hand (z from the normal quantile: 1.644854 at 90%, 1.959964 at 95%, 2.575829 at 99%)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feedback.campaigns.sampling import allocate, cochran_sample_size, draw, z_score


def test_z_scores_are_the_two_sided_normal_quantiles():
    assert z_score(0.90) == pytest.approx(1.644854, abs=1e-6)
    assert z_score(0.95) == pytest.approx(1.959964, abs=1e-6)
    assert z_score(0.99) == pytest.approx(2.575829, abs=1e-6)


@pytest.mark.parametrize(
    ("population", "margin", "confidence", "expected"),
    [
        # n0 = 1.959964² × 0.25 / 0.05² = 384.146 → 385 when N is practically unbounded (DOMAIN.md 3)
        (10**9, 0.05, 0.95, 385),
        # 384.146 / (1 + 383.146/1000) = 277.73 → 278 (DOMAIN.md 3)
        (1000, 0.05, 0.95, 278),
        # n0 = 3.841459 × 0.25 / 0.0009 = 1067.07; 1067.07 / (1 + 1066.07/500) = 340.69 → 341
        (500, 0.03, 0.95, 341),
        # n0 = 1.644854² × 0.25 / 0.0025 = 270.55; 270.55 / (1 + 269.55/200) = 115.24 → 116
        (200, 0.05, 0.90, 116),
        # n0 = 2.575829² × 0.25 / 0.0025 = 663.49 → 664
        (10**9, 0.05, 0.99, 664),
        # n0 = 384.146; 384.146 / (1 + 383.146/10) = 9.77 → 10: a small estate asks everyone
        (10, 0.05, 0.95, 10),
        (1, 0.05, 0.95, 1),
        (0, 0.05, 0.95, 0),
    ],
)
def test_cochran_sample_size_matches_hand_worked_examples(population, margin, confidence, expected):
    assert cochran_sample_size(population, margin, confidence) == expected


def test_cochran_sample_size_is_smaller_for_a_proportion_away_from_one_half():
    # n0 = 3.841459 × 0.1 × 0.9 / 0.0025 = 138.29 → 139
    assert cochran_sample_size(10**9, 0.05, 0.95, p=0.1) == 139


@pytest.mark.parametrize("bad", [{"margin": 0}, {"margin": 1.5}, {"confidence": 1}, {"p": 0}])
def test_cochran_sample_size_refuses_out_of_range_parameters(bad):
    args = {"population": 100, "margin": 0.05, "confidence": 0.95, "p": 0.5, **bad}
    with pytest.raises(ValueError):
        cochran_sample_size(**args)


@pytest.mark.parametrize(
    ("strata", "n", "expected"),
    [
        ({1: 50, 2: 30, 3: 20}, 10, {1: 5, 2: 3, 3: 2}),  # exact quotas
        # quotas 3.5, 3.5, 3.0: floors 3+3+3, the one left goes to the first of the tied remainders
        ({1: 7, 2: 7, 3: 6}, 10, {1: 4, 2: 3, 3: 3}),
        # quotas 2/3 each: floors 0, two left for the first two
        ({"a": 1, "b": 1, "c": 1}, 2, {"a": 1, "b": 1, "c": 0}),
        # quotas 8 × 3/10 = 2.4 and 8 × 7/10 = 5.6: floors 2 + 5, the larger remainder (0.6) gets the last
        ({1: 3, 2: 7}, 8, {1: 2, 2: 6}),
        ({1: 3, 2: 7}, 10, {1: 3, 2: 7}),  # a census takes everyone
        ({1: 0, 2: 4}, 2, {1: 0, 2: 2}),
    ],
)
def test_allocate_is_proportional_with_largest_remainders(strata, n, expected):
    assert allocate(strata, n) == expected


def test_allocate_refuses_more_than_the_population():
    with pytest.raises(ValueError):
        allocate({1: 2, 2: 3}, 6)


def test_draw_with_the_same_seed_is_the_same_and_another_seed_differs():
    households = {1: list(range(100, 160)), 2: list(range(200, 240))}
    first = draw(households, {1: 6, 2: 4}, seed=42)
    assert first == draw({2: list(reversed(households[2])), 1: households[1]}, {1: 6, 2: 4}, seed=42)
    assert first != draw(households, {1: 6, 2: 4}, seed=43)
    assert [len(first[1]), len(first[2])] == [6, 4]
    assert set(first[1]) <= set(households[1]) and set(first[2]) <= set(households[2])


strata_sizes = st.dictionaries(st.integers(1, 500), st.integers(0, 60), min_size=1, max_size=8)


@settings(deadline=None)  # the machine is shared: timing is not what these tests check
@given(strata=strata_sizes, data=st.data())
def test_allocation_sums_to_n_and_never_exceeds_a_stratum(strata, data):
    n = data.draw(st.integers(0, sum(strata.values())))
    shares = allocate(strata, n)
    total = sum(strata.values())
    assert sum(shares.values()) == n
    for key, size in strata.items():
        assert 0 <= shares[key] <= size
        if total:
            assert abs(shares[key] - n * size / total) < 1  # within one of its exact quota


@settings(deadline=None)
@given(strata=strata_sizes, data=st.data(), seed=st.integers(0, 2**62))
def test_draw_takes_the_allocation_from_each_stratum_without_repeats(strata, data, seed):
    households = {key: [key * 1000 + i for i in range(size)] for key, size in strata.items()}
    n = data.draw(st.integers(0, sum(strata.values())))
    shares = allocate(strata, n)
    drawn = draw(households, shares, seed)
    assert {key: len(units) for key, units in drawn.items()} == shares
    for key, units in drawn.items():
        assert len(set(units)) == len(units) and set(units) <= set(households[key])
    assert drawn == draw(households, shares, seed)


@settings(deadline=None)
@given(population=st.integers(0, 100_000), margin=st.sampled_from([0.01, 0.03, 0.05, 0.1, 0.2]),
       confidence=st.sampled_from([0.90, 0.95, 0.99]))  # fmt: skip
def test_sample_size_never_exceeds_the_population_and_grows_with_it(population, margin, confidence):
    n = cochran_sample_size(population, margin, confidence)
    assert 0 <= n <= population
    assert n <= cochran_sample_size(population + 1, margin, confidence)
