"""The SERVQUAL scoring engine: pure functions over plain data (DOMAIN.md 1.4, 1.5, 1.7 and 3).

No database and no ORM: the aggregation layer turns stored answers into `Answer` tuples and weight dicts and
hands them here, so every figure on a dashboard can be checked by hand against these functions.

Numbers
    All arithmetic is in binary floating point (Python `float`, sums through `math.fsum`), because the
    statistics need square roots and t quantiles. Nothing here rounds: results carry full precision and the
    presentation layer rounds for display (means, gaps and α to 2 decimals, percentages to 1 decimal, with
    Python's round-half-even). The one exception is ranking: improvement priorities are compared after
    rounding to 9 decimals, so products that are equal on paper (0.5 × 0.2 and 0.25 × 0.4) tie exactly.

Aggregation (DOMAIN.md 1.4)
    A respondent's score for a group of items (an item, or a dimension) is the mean of their answers in it;
    the group's score is the mean of those over respondents, and `n` is the number of respondents. Overall
    figures are the unweighted mean of the dimension figures (step 3), with `n` the distinct respondents.
    The same rule is applied to every column: P (perceived, the SERVPERF mean), E (expected), the minimum
    adequate and the desired level, so gap = P − E, MSA = P − minimum and MSS = P − desired hold exactly.

Weights (DOMAIN.md 1.4 step 4)
    Each respondent may allocate 100 points over the dimensions. We store raw points and use W = points/100,
    so a weighted score stays on the gap scale: respondent score Σ_d W_rd·SQ_rd, sample score its mean.
    For one dimension (or one item) the weighted figure is mean_r W_rd·SQ_rd: that dimension's contribution.

Privacy floor
    No figure for a group of fewer than MIN_GROUP respondents: report functions return `Suppressed` (with n
    and a reason to show instead). The statistical primitives (`cronbach_alpha`, `mean_interval`, …) are pure
    mathematics and do not suppress; only what reaches a screen passes through the floor.
"""

import math
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

from feedback import dimensions

MIN_GROUP = 5  # the anonymity floor: fewer respondents than this and no figure is shown
SHRINKAGE_M = 10  # prior weight of the estate mean in a technician's service score, in surveys (see service_score)
LOW_ITEM_TOTAL_R = 0.30  # corrected item-total r below this flags an item (DOMAIN.md 1.7)
LEVEL_1_SATISFACTION = 80.0  # 满意率 target of the 2004 level-1 standard, in percent (DOMAIN.md 2.8)
WEIGHT_TOTAL = 100  # points each respondent allocates over the dimensions
RANK_PLACES = 9  # decimals kept when comparing priorities, so hand-equal products tie (see module docstring)


# ---------------------------------------------------------------------------------------------------------
# Inputs and results


@dataclass(frozen=True)
class Answer:
    """One respondent's answer to one item. Which optional columns are filled gives the format:
    perceived only (SERVPERF), + expected (two-column), + minimum and desired (three-column, 1994)."""

    respondent: Hashable
    item: Hashable
    dimension: str
    perceived: int
    expected: int | None = None
    minimum: int | None = None
    desired: int | None = None


@dataclass(frozen=True)
class Suppressed:
    """A figure withheld because the group is smaller than MIN_GROUP; `reason` says why, in the active language."""

    n: int

    @property
    def reason(self):
        return ngettext(
            "Only %(n)d person answered; figures are shown from %(min)d respondents on, so that nobody's "
            "answers can be singled out.",
            "Only %(n)d people answered; figures are shown from %(min)d respondents on, so that nobody's "
            "answers can be singled out.",
            self.n,
        ) % {"n": self.n, "min": MIN_GROUP}

    def __bool__(self):  # lets callers write `if result:` to mean "there is a figure to show"
        return False


@dataclass(frozen=True)
class Withheld(Suppressed):
    """A figure over enough people, withheld because other figures shown beside it would give, by subtraction,
    the answers of a smaller group (feedback.scores.disclosure)."""

    @property
    def reason(self):
        return gettext(
            "Not shown: subtracted from the other figures shown, it would give the answers of fewer than "
            "%(min)d people."
        ) % {"min": MIN_GROUP}


class Zone:
    """Where mean P falls against the zone of tolerance [mean minimum, mean desired] (DOMAIN.md 1.5)."""

    BELOW = "below"  # P < minimum: service inadequate (MSA < 0)
    WITHIN = "within"
    ABOVE = "above"  # P > desired: service superior (MSS > 0)


@dataclass(frozen=True)
class Scores:
    """Means for one item, one dimension or overall. Columns the format did not ask are None."""

    n: int
    perceived: float  # SERVPERF: mean P
    expected: float | None = None
    gap: float | None = None  # P − E
    weighted_gap: float | None = None  # with 100-point importance weights, W = points/100
    weighted_perceived: float | None = None
    minimum: float | None = None
    desired: float | None = None
    msa: float | None = None  # P − minimum
    mss: float | None = None  # P − desired
    zone: str | None = None  # a Zone value; None without three-column data or when minimum > desired
    zone_position: float | None = None  # (P − minimum)/(desired − minimum): 0 at the minimum, 1 at desired


@dataclass(frozen=True)
class Priority:
    dimension: str
    gap: float
    importance: float  # mean points out of 100
    priority: float  # −gap × importance/100: the larger, the sooner to improve; ≤ 0 means no shortfall

    @property
    def shortfall(self):
        return self.gap < 0


@dataclass(frozen=True)
class MeanInterval:
    """Mean with a two-sided 95% t interval; low/high are None when n < 2 (no spread to estimate)."""

    n: int
    mean: float
    low: float | None
    high: float | None


@dataclass(frozen=True)
class ItemStatistic:
    index: int  # position of the item in the rows given
    corrected_item_total_r: float | None
    alpha_if_deleted: float | None

    @property
    def flagged(self):
        return self.corrected_item_total_r is not None and self.corrected_item_total_r < LOW_ITEM_TOTAL_R


@dataclass(frozen=True)
class Reliability:
    n: int  # respondents who answered every item of the dimension (listwise)
    k: int
    alpha: float | None
    items: tuple[ItemStatistic, ...]
    item_keys: tuple = ()


@dataclass(frozen=True)
class Percentage:
    n: int
    percent: float


@dataclass(frozen=True)
class SatisfactionRate:
    n: int  # valid responses
    percent: float

    @property
    def meets_level_1(self):
        return self.percent >= LEVEL_1_SATISFACTION


@dataclass(frozen=True)
class NetPromoter:
    n: int
    promoters: float  # percent
    passives: float
    detractors: float
    nps: float  # promoters − detractors, percentage points, −100…100


@dataclass(frozen=True)
class ServiceScore:
    n: int
    raw_mean: float
    estate_mean: float
    m: float
    score: float  # (n·raw_mean + m·estate_mean) / (n + m)


# ---------------------------------------------------------------------------------------------------------
# Validation


def _is_number(x):
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def _check_rating(value, field, low, high):
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValueError(
            gettext("%(field)s must be a whole number from %(low)d to %(high)d, not %(value)s.")
            % {"field": field, "low": low, "high": high, "value": value}
        )


def validate_answers(answers, scale_max=7):
    """Check ratings are whole numbers on 1…scale_max, each respondent answers an item once, and all answers
    share one format (otherwise gap = P − E would compare different people). Returns the answers as a tuple."""
    answers = tuple(answers)
    seen = set()
    formats = set()
    for a in answers:
        _check_rating(a.perceived, "perceived", 1, scale_max)
        for field in ("expected", "minimum", "desired"):
            if getattr(a, field) is not None:
                _check_rating(getattr(a, field), field, 1, scale_max)
        if (a.minimum is None) != (a.desired is None):
            raise ValueError(gettext("A three-column answer needs both the minimum and the desired level."))
        if (a.respondent, a.item) in seen:
            raise ValueError(
                gettext("Respondent %(respondent)s answered item %(item)s twice.")
                % {"respondent": a.respondent, "item": a.item}
            )
        seen.add((a.respondent, a.item))
        formats.add((a.expected is not None, a.minimum is not None))
    if len(formats) > 1:
        raise ValueError(gettext("The answers mix survey formats; score each format separately."))
    return answers


def validate_weights(weights):
    """Each respondent's importance points must be non-negative numbers summing to 100.

    `weights` maps respondent → {dimension: points}. Raises ValueError naming the respondent and the problem."""
    for respondent, points in weights.items():
        for dim, value in points.items():
            if not _is_number(value) or value < 0:
                raise ValueError(
                    gettext("Importance points for %(dimension)s from respondent %(respondent)s must be 0 or more.")
                    % {"dimension": dim, "respondent": respondent}
                )
        total = math.fsum(points.values())
        if not math.isclose(total, WEIGHT_TOTAL, abs_tol=1e-9):
            raise ValueError(
                gettext("Importance points from respondent %(respondent)s add up to %(total)s, not 100.")
                % {"respondent": respondent, "total": f"{total:g}"}
            )
    return weights


# ---------------------------------------------------------------------------------------------------------
# Gap scores per item, dimension and overall


def _mean(values):
    values = list(values)
    return math.fsum(values) / len(values)


def _respondent_means(answers, key):
    """group → respondent → {column: mean of the respondent's answers in that group}."""
    cells = defaultdict(lambda: defaultdict(list))
    for a in answers:
        cells[key(a)][a.respondent].append(a)
    out = {}
    for group, by_respondent in cells.items():
        out[group] = {}
        for respondent, rows in by_respondent.items():
            first = rows[0]
            means = {"perceived": _mean(r.perceived for r in rows)}
            if first.expected is not None:
                means["expected"] = _mean(r.expected for r in rows)
                means["gap"] = _mean(r.perceived - r.expected for r in rows)
            if first.minimum is not None:
                means["minimum"] = _mean(r.minimum for r in rows)
                means["desired"] = _mean(r.desired for r in rows)
                means["msa"] = _mean(r.perceived - r.minimum for r in rows)
                means["mss"] = _mean(r.perceived - r.desired for r in rows)
            out[group][respondent] = (first.dimension, means)
    return out


def _zone(perceived, minimum, desired):
    """Zone and position fields: the position is 0 at the minimum and 1 at the desired level (below 0 or
    above 1 outside the zone); undefined when the zone is empty or inverted (minimum ≥ desired)."""
    if minimum is None or desired is None or minimum > desired:
        return {"zone": None, "zone_position": None}
    zone = Zone.BELOW if perceived < minimum else Zone.ABOVE if perceived > desired else Zone.WITHIN
    position = (perceived - minimum) / (desired - minimum) if desired > minimum else None
    return {"zone": zone, "zone_position": position}


def _group_scores(by_respondent, weights):
    """Scores for one group from its respondents' means (and their weights for its dimension, if any)."""
    columns = next(iter(by_respondent.values()))[1].keys()
    means = {c: _mean(m[c] for _, m in by_respondent.values()) for c in columns}
    weighted = {}
    if weights is not None:
        rows = [(weights[r].get(dim, 0) / WEIGHT_TOTAL, m) for r, (dim, m) in by_respondent.items() if r in weights]
        if rows:
            weighted["weighted_perceived"] = _mean(w * m["perceived"] for w, m in rows)
            if "gap" in columns:
                weighted["weighted_gap"] = _mean(w * m["gap"] for w, m in rows)
    return Scores(
        n=len(by_respondent),
        **_zone(means["perceived"], means.get("minimum"), means.get("desired")),
        **means,
        **weighted,
    )


def _check_weights_match(answers, weights):
    """Weights must name dimensions the answers use: points on a dimension nobody answered would silently
    vanish from every weighted score (typically ten-dimension answers with five-dimension weights)."""
    if weights is None:
        return
    validate_weights(weights)
    answered = {a.dimension for a in answers}
    for respondent, points in weights.items():
        for dim, value in points.items():
            if value and dim not in answered:
                raise ValueError(
                    gettext(
                        "Respondent %(respondent)s gave importance points to %(dimension)s, which no answer covers."
                    )
                    % {"respondent": respondent, "dimension": dim}
                )


def _floor(scores):
    return scores if scores.n >= MIN_GROUP else Suppressed(scores.n)


def item_scores(answers, weights=None, scale_max=7):
    """item → Scores (or Suppressed) for each item answered. Weighted figures use the item's dimension weight."""
    answers = validate_answers(answers, scale_max)
    _check_weights_match(answers, weights)
    groups = _respondent_means(answers, key=lambda a: a.item)
    return {item: _floor(_group_scores(rows, weights)) for item, rows in groups.items()}


def _dimension_scores(answers, weights):
    groups = _respondent_means(answers, key=lambda a: a.dimension)
    return {dim: _group_scores(rows, weights) for dim, rows in groups.items()}, groups


def dimension_scores(answers, weights=None, scale_max=7):
    """dimension → Scores (or Suppressed): SQ_d = mean over respondents of their mean item gap (DOMAIN.md 1.4)."""
    answers = validate_answers(answers, scale_max)
    _check_weights_match(answers, weights)
    scores, _ = _dimension_scores(answers, weights)
    return {dim: _floor(s) for dim, s in scores.items()}


def overall_score(answers, weights=None, scale_max=7):
    """Overall Scores (or Suppressed; Suppressed(0) for no answers at all).

    Unweighted columns are the mean of the dimension means (DOMAIN.md 1.4 step 3; 12manage: −0.65, −1.10,
    −0.83, −0.70, −1.01 → −0.86). Weighted columns are mean_r Σ_d W_rd·SQ_rd over respondents with weights."""
    answers = validate_answers(answers, scale_max)
    if not answers:
        return Suppressed(0)
    _check_weights_match(answers, weights)
    scores, groups = _dimension_scores(answers, weights)
    respondents = {a.respondent for a in answers}
    columns = [
        c
        for c in ("perceived", "expected", "gap", "minimum", "desired", "msa", "mss")
        if getattr(next(iter(scores.values())), c) is not None
    ]
    means = {c: _mean(getattr(s, c) for s in scores.values()) for c in columns}
    weighted = {}
    if weights is not None:
        per_respondent = defaultdict(lambda: defaultdict(float))
        for dim, rows in groups.items():
            for r, (_, m) in rows.items():
                if r in weights:
                    w = weights[r].get(dim, 0) / WEIGHT_TOTAL
                    per_respondent[r]["weighted_perceived"] += w * m["perceived"]
                    if "gap" in m:
                        per_respondent[r]["weighted_gap"] += w * m["gap"]
        if per_respondent:
            for c in next(iter(per_respondent.values())):
                weighted[c] = _mean(v[c] for v in per_respondent.values())
    result = Scores(
        n=len(respondents),
        **_zone(means["perceived"], means.get("minimum"), means.get("desired")),
        **means,
        **weighted,
    )
    return _floor(result)


def importance(weights):
    """dimension → mean importance points over the respondents who gave weights (dimensions left out count 0)."""
    validate_weights(weights)
    if not weights:
        return {}
    dims = {d for points in weights.values() for d in points}
    return {d: _mean(points.get(d, 0) for points in weights.values()) for d in dims}


def _canonical(dimension):
    for order, keys in enumerate((dimensions.TEN_KEYS, dimensions.FIVE_KEYS)):
        if dimension in keys:
            return (order, keys.index(dimension), "")
    return (2, 0, str(dimension))


def improvement_priorities(gaps, importance_points=None):
    """Dimensions ranked by −gap × importance (issue 4): largest shortfall on what matters most first.

    `gaps` maps dimension → gap (P − E, or MSA for three-column data); `importance_points` maps dimension →
    mean points out of 100 (see `importance`); without it every dimension weighs 100/k. Dimensions with no
    shortfall get a priority ≤ 0 and sort last. Ties (equal at RANK_PLACES decimals) keep the canonical
    dimension order of 1985 (then 1988, then by key), so the list never depends on dict order."""
    if not gaps:
        return ()
    if importance_points is None:
        importance_points = {d: WEIGHT_TOTAL / len(gaps) for d in gaps}
    ranked = [
        Priority(d, gap, importance_points.get(d, 0.0), -gap * importance_points.get(d, 0.0) / WEIGHT_TOTAL)
        for d, gap in gaps.items()
    ]
    ranked.sort(key=lambda p: (-round(p.priority, RANK_PLACES), _canonical(p.dimension)))
    return tuple(ranked)


def rolled_up(answers):
    """The answers re-tagged with their 1988 dimension, to report on five dimensions instead of ten."""
    return tuple(
        Answer(a.respondent, a.item, dimensions.ROLLUP[a.dimension], a.perceived, a.expected, a.minimum, a.desired)
        for a in answers
    )


def rolled_up_weights(weights):
    """Ten-dimension points summed into the 1988 dimensions (totals stay 100)."""
    out = {}
    for respondent, points in weights.items():
        summed = defaultdict(float)
        for dim, value in points.items():
            summed[dimensions.ROLLUP[dim]] += value
        out[respondent] = dict(summed)
    return out


# ---------------------------------------------------------------------------------------------------------
# Reliability (DOMAIN.md 1.7)


def _sample_variance(values):
    """Sample variance, divisor n − 1 (DOMAIN.md 1.7 writes s²). α is a ratio of variances, so the divisor
    cancels; it is fixed here so item and total variances always agree."""
    m = _mean(values)
    return math.fsum((v - m) ** 2 for v in values) / (len(values) - 1)


def _check_rows(rows):
    rows = [list(r) for r in rows]
    if rows and len({len(r) for r in rows}) > 1:
        raise ValueError(gettext("Every respondent must have a score for every item."))
    return rows


def cronbach_alpha(rows):
    """Cronbach's α = k/(k−1)·(1 − Σ s_i² / s_T²) for `rows`: respondents × items scores (complete rows).

    Returns None where α is undefined: fewer than two items (k < 2), fewer than two respondents (no variance)
    or zero variance of the total. Never 0 in place of "undefined". May be negative (items that disagree)."""
    rows = _check_rows(rows)
    n = len(rows)
    k = len(rows[0]) if rows else 0
    if k < 2 or n < 2:
        return None
    totals = [math.fsum(r) for r in rows]
    total_variance = _sample_variance(totals)
    if total_variance == 0:
        return None
    item_variance = math.fsum(_sample_variance([r[i] for r in rows]) for i in range(k))
    return k / (k - 1) * (1 - item_variance / total_variance)


def _pearson(xs, ys):
    if len(xs) < 2:
        return None
    mx, my = _mean(xs), _mean(ys)
    sxy = math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = math.fsum((x - mx) ** 2 for x in xs)
    syy = math.fsum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def corrected_item_total(rows):
    """For each item, Pearson r between it and the sum of the *other* items; None where either side is
    constant, k < 2 (no other items) or n < 2."""
    rows = _check_rows(rows)
    k = len(rows[0]) if rows else 0
    out = []
    for i in range(k):
        if k < 2:
            out.append(None)
            continue
        item = [r[i] for r in rows]
        rest = [math.fsum(r) - r[i] for r in rows]
        out.append(_pearson(item, rest))
    return out


def alpha_if_deleted(rows):
    """For each item, α of the remaining items (None where that α is undefined, e.g. only one item left)."""
    rows = _check_rows(rows)
    k = len(rows[0]) if rows else 0
    return [cronbach_alpha([r[:i] + r[i + 1 :] for r in rows]) for i in range(k)]


def item_analysis(rows):
    """Reliability of one scale from respondents × items rows: α, corrected item-total r and α-if-deleted."""
    rows = _check_rows(rows)
    k = len(rows[0]) if rows else 0
    stats = tuple(
        ItemStatistic(i, r, a)
        for i, (r, a) in enumerate(zip(corrected_item_total(rows), alpha_if_deleted(rows), strict=True))
    )
    return Reliability(n=len(rows), k=k, alpha=cronbach_alpha(rows), items=stats)


def dimension_reliability(answers, column="perceived", scale_max=7):
    """dimension → Reliability (or Suppressed) on `column` ("perceived" or "gap"; DOMAIN.md 1.7 asks for both).

    Respondents who skipped an item of the dimension are left out of that dimension (listwise), so n may be
    smaller than the dimension's respondent count. Items are ordered by key, given back in `item_keys`."""
    if column not in ("perceived", "gap"):
        raise ValueError(gettext("Reliability is computed on perceived scores or on gaps."))
    answers = validate_answers(answers, scale_max)
    if column == "gap" and answers and answers[0].expected is None:
        raise ValueError(gettext("Gaps need expectation scores, and these answers have none."))
    cells = defaultdict(dict)
    items = defaultdict(set)
    for a in answers:
        value = a.perceived if column == "perceived" else a.perceived - a.expected
        cells[(a.dimension, a.respondent)][a.item] = value
        items[a.dimension].add(a.item)
    out = {}
    for dim, keys in items.items():
        keys = tuple(sorted(keys, key=str))
        rows = [
            [by_item[i] for i in keys] for (d, _), by_item in cells.items() if d == dim and len(by_item) == len(keys)
        ]
        if len(rows) < MIN_GROUP:
            out[dim] = Suppressed(len(rows))
            continue
        analysis = item_analysis(rows)
        out[dim] = Reliability(analysis.n, analysis.k, analysis.alpha, analysis.items, keys)
    return out


# ---------------------------------------------------------------------------------------------------------
# Mean with a 95% interval


# Two-sided 95% critical values t(0.975, df) for df = 1…30, from the standard t table (4 significant figures
# past the point, as printed in Student-t tables; scipy.stats.t.ppf(0.975, df) agrees to 5e-4).
_T_975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip
_Z_975 = 1.959963984540054


def t_quantile_975(df):
    """t(0.975, df): the table for df ≤ 30; beyond, the normal quantile with the first three terms of the
    Cornish–Fisher expansion in 1/df (Abramowitz & Stegun 26.7.5), within 1e-5 of the exact value for df > 30
    (df = 40: 2.02108 against 2.021075). Tends to 1.96 as df grows."""
    if df < 1:
        raise ValueError("df must be at least 1")
    if df <= len(_T_975):
        return _T_975[int(df) - 1]
    z = _Z_975
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    return z + g1 / df + g2 / df**2 + g3 / df**3


def mean_interval(values):
    """Mean, n and the 95% interval mean ± t(0.975, n−1)·s/√n (s the sample standard deviation).

    The interval is not clipped to the rating scale: a wide interval is the honest answer for small n.
    Returns None for no values; low/high None for one value."""
    values = [float(v) for v in values]
    n = len(values)
    if n == 0:
        return None
    mean = _mean(values)
    if n < 2:
        return MeanInterval(n, mean, None, None)
    half = t_quantile_975(n - 1) * math.sqrt(_sample_variance(values) / n)
    return MeanInterval(n, mean, mean - half, mean + half)


def summarize(values):
    """`mean_interval` behind the privacy floor: Suppressed for fewer than MIN_GROUP values."""
    values = list(values)
    if len(values) < MIN_GROUP:
        return Suppressed(len(values))
    return mean_interval(values)


# ---------------------------------------------------------------------------------------------------------
# Satisfaction metrics (DOMAIN.md 3)


def csat(scores):
    """CSAT %: responses scoring 4 or 5 on 1–5, over all responses, × 100. Suppressed below MIN_GROUP."""
    scores = list(scores)
    for s in scores:
        _check_rating(s, "CSAT", 1, 5)
    if len(scores) < MIN_GROUP:
        return Suppressed(len(scores))
    return Percentage(len(scores), 100 * sum(1 for s in scores if s >= 4) / len(scores))


def satisfaction_rate(answers):
    """满意率: (满意 + 非常满意) ÷ valid responses × 100%, on the five-point 非常不满意 (1) … 非常满意 (5).

    Unlike CSAT the denominator is *valid* responses: None stands for 不了解/无效 (don't know, spoiled) and
    is left out of both counts. `meets_level_1` compares with the ≥ 80% level-1 target. Suppressed when
    fewer than MIN_GROUP valid responses."""
    valid = [a for a in answers if a is not None]
    for a in valid:
        _check_rating(a, "satisfaction", 1, 5)
    if len(valid) < MIN_GROUP:
        return Suppressed(len(valid))
    return SatisfactionRate(len(valid), 100 * sum(1 for a in valid if a >= 4) / len(valid))


def nps(scores):
    """Net Promoter Score on 0–10: % promoters (9–10) − % detractors (0–6), in percentage points (−100…100)."""
    scores = list(scores)
    for s in scores:
        _check_rating(s, "NPS", 0, 10)
    n = len(scores)
    if n < MIN_GROUP:
        return Suppressed(n)
    promoters = 100 * sum(1 for s in scores if s >= 9) / n
    detractors = 100 * sum(1 for s in scores if s <= 6) / n
    return NetPromoter(n, promoters, 100 - promoters - detractors, detractors, promoters - detractors)


# ---------------------------------------------------------------------------------------------------------
# Technician service score (服务分值)


def service_score(ratings, estate_mean, m=SHRINKAGE_M):
    """A technician's 服务分值: their mean rating shrunk toward the estate mean,

        score = (n·raw_mean + m·estate_mean) / (n + m)

    i.e. the estate mean counts as m extra surveys. m = 10 (SHRINKAGE_M) is a judgement, not a fitted
    value: in the empirical-Bayes reading m = σ²_within / σ²_between, and on a 1–5 satisfaction scale one
    technician's ratings vary far more from job to job than technicians' true means differ from each other,
    so a ratio near 10 is typical. With m = 10 one bad rating in a technician's first five jobs moves their
    score about a third as much as it moves their raw mean, and after 30 surveys their own record carries
    three quarters of the weight. Ratings are on whatever scale the survey used (the estate mean must be on
    the same one). Below MIN_GROUP surveys nothing is shown (Suppressed): the raw mean would point at one
    resident's answer, and the shrunk score, with the estate mean known, gives it away as well."""
    ratings = [float(r) for r in ratings]
    if not _is_number(estate_mean):
        raise ValueError(gettext("The estate mean is needed to compute a service score."))
    if m < 0:
        raise ValueError("m must not be negative")
    n = len(ratings)
    if n < MIN_GROUP:
        return Suppressed(n)
    raw = _mean(ratings)
    return ServiceScore(n, raw, float(estate_mean), float(m), (n * raw + m * estate_mean) / (n + m))
