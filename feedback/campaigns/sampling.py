"""Sample sizes and stratified random draws for estate-wide surveys: pure functions over plain data, no ORM.

Sample size (DOMAIN.md 3): Cochran's n0 = z²·p(1−p)/e², then the finite-population correction
n = n0 / (1 + (n0 − 1)/N), rounded up (a sample a fraction short would miss the margin) and never more than N.
With the worst case p = 0.5 that is 385 at ±5% and 95% confidence, and 278 for N = 1000.

Allocation is proportional to each building's households, rounded by largest remainder so the total is exactly
n; the draw is a seeded simple random sample within each building, so a stored seed reproduces it exactly.
"""

import math
import random
from collections.abc import Hashable, Mapping, Sequence
from fractions import Fraction
from statistics import NormalDist

CONFIDENCE_LEVELS = (0.90, 0.95, 0.99)


def z_score(confidence: float) -> float:
    """Two-sided standard normal quantile: 1.645 at 90%, 1.960 at 95%, 2.576 at 99%."""
    if not 0 < confidence < 1:
        raise ValueError("confidence must be between 0 and 1")
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def cochran_sample_size(population: int, margin: float, confidence: float = 0.95, p: float = 0.5) -> int:
    """Households to ask so a proportion is known within ±margin (a fraction, 0.05 = ±5%) at the confidence."""
    if population < 0:
        raise ValueError("population must not be negative")
    if not 0 < margin < 1 or not 0 < p < 1:
        raise ValueError("margin and p must be fractions between 0 and 1")
    if population == 0:
        return 0
    n0 = z_score(confidence) ** 2 * p * (1 - p) / margin**2
    n = n0 / (1 + (n0 - 1) / population)
    # round(…, 9) first: 278.000000001 from binary floating point is 278, not 279
    return min(population, math.ceil(round(n, 9)))


def allocate(strata_sizes: Mapping[Hashable, int], n: int) -> dict:
    """Split n over the strata in proportion to their sizes: each gets floor(n·size/N), and the units left go
    to the largest remainders (ties to the earlier stratum in sorted key order). Totals exactly n, and no
    stratum gets more than it holds. Raises ValueError when n is negative or more than the strata hold."""
    total = sum(strata_sizes.values())
    if n < 0 or n > total or any(size < 0 for size in strata_sizes.values()):
        raise ValueError("n must be between 0 and the population, sizes non-negative")
    keys = sorted(strata_sizes)
    if total == 0:
        return dict.fromkeys(keys, 0)
    quotas = {key: Fraction(n * strata_sizes[key], total) for key in keys}
    shares = {key: math.floor(quota) for key, quota in quotas.items()}
    left = n - sum(shares.values())
    by_remainder = sorted(keys, key=lambda key: -(quotas[key] - shares[key]))  # stable: ties keep key order
    for key in by_remainder[:left]:
        shares[key] += 1  # a stratum with a remainder has floor < quota ≤ size, so it has room
    return shares


def draw(households_by_stratum: Mapping[Hashable, Sequence], allocation: Mapping[Hashable, int], seed: int) -> dict:
    """The households to ask: in each stratum (sorted key order), `allocation[key]` of its households sorted,
    chosen by one random.Random(seed). The same population, allocation and seed always give the same draw."""
    rng = random.Random(seed)
    drawn = {}
    for key in sorted(households_by_stratum):
        members = sorted(households_by_stratum[key])
        want = allocation.get(key, 0)
        if want > len(members):
            raise ValueError(f"stratum {key!r} holds {len(members)}, cannot draw {want}")
        drawn[key] = sorted(rng.sample(members, want))
    return drawn
