"""Statistics from additive sums (sufficient statistics): the same figures feedback.scoring computes from raw
answers, computed from the rollups' Σx, Σx² and Σxy so a period is answered by adding its months' rows.

Derivation (n respondents; for a dimension with k items the respondent's mean is v = T/k):

    mean      = Σv/n = ΣT/(k·n)
    s²        = (Σv² − (Σv)²/n)/(n − 1) = (n·ΣT² − (ΣT)²) / (k²·n·(n − 1))
    interval  = mean ± t(0.975, n − 1)·√(s²/n)                                      (scoring.mean_interval)

Cronbach's α for a dimension with items x_1…x_k and total T = Σ_i x_i, writing V(x) = n·Σx² − (Σx)² and
C(x, y) = n·Σxy − Σx·Σy (each n·(n − 1) times the sample (co)variance, a factor that cancels in every ratio):

    α               = k/(k − 1)·(1 − Σ_i V(x_i)/V(T))                               (scoring.cronbach_alpha)
    rest R_i = T − x_i:  C(x_i, R_i) = C(x_i, T) − V(x_i),  V(R_i) = V(T) − 2·C(x_i, T) + V(x_i)
    corrected r_i   = C(x_i, R_i) / √(V(x_i)·V(R_i))                                (scoring.corrected_item_total)
    α if deleted    = (k − 1)/(k − 2)·(1 − (Σ_j V(x_j) − V(x_i))/V(R_i))            (scoring.alpha_if_deleted)

So per item the rollups keep Σx, Σx² and Σx·T, and per dimension ΣT and ΣT²; all integers on one instrument,
so V and C are exact integers and only the final ratios are floating point. Undefined cases follow
feedback.scoring: None for k < 2, n < 2 or a zero variance, never 0.
"""

import math

from feedback import scoring


def variance_numerator(n: int, s, s2):
    """n·Σx² − (Σx)²: n·(n − 1) times the sample variance (exact for integer sums)."""
    return n * s2 - s * s


def interval(n: int, s, s2, scale=1):
    """scoring.MeanInterval of values v = x/scale from n, Σx and Σx² (scale: k for dimension totals)."""
    if n == 0:
        return None
    mean = s / (scale * n)
    if n < 2:
        return scoring.MeanInterval(n, mean, None, None)
    variance = max(variance_numerator(n, s, s2), 0) / (scale * scale * n * (n - 1))
    half = scoring.t_quantile_975(n - 1) * math.sqrt(variance / n)
    return scoring.MeanInterval(n, mean, mean - half, mean + half)


def alpha(k: int, item_v_sum, total_v):
    if k < 2 or total_v == 0:
        return None
    return k / (k - 1) * (1 - item_v_sum / total_v)


def reliability(n: int, total_s, total_s2, items, item_keys=()) -> scoring.Reliability:
    """scoring.Reliability of one dimension from n, ΣT, ΣT² and, per item, (Σx, Σx², Σx·T)."""
    k = len(items)
    if n < 2:
        stats = tuple(scoring.ItemStatistic(i, None, None) for i in range(k))
        return scoring.Reliability(n, k, None, stats, tuple(item_keys))
    v_total = variance_numerator(n, total_s, total_s2)
    v_items = [variance_numerator(n, s, s2) for s, s2, _ in items]
    stats = []
    for i, (s, _, st) in enumerate(items):
        c_it = n * st - s * total_s
        c_rest = c_it - v_items[i]
        v_rest = v_total - 2 * c_it + v_items[i]
        r = c_rest / math.sqrt(v_items[i] * v_rest) if k >= 2 and v_items[i] > 0 and v_rest > 0 else None
        deleted = alpha(k - 1, sum(v_items) - v_items[i], v_rest)
        stats.append(scoring.ItemStatistic(i, r, deleted))
    return scoring.Reliability(n, k, alpha(k, sum(v_items), v_total), tuple(stats), tuple(item_keys))
