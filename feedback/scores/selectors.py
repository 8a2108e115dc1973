"""Reading scores: figures for an estate and a period (optionally one building, trade or technician), per item,
dimension and overall, from the rollups (feedback/scores/models.py; the statistics in moments.py).

Every figure that can reach a screen passes the privacy floor: a group of fewer than scoring.MIN_GROUP
respondents gives scoring.Suppressed (with n and the reason to show) instead of a number.

One instrument at a time: items, their number per dimension and the format differ between instruments, and
a mean over a perception-only survey after repairs and a two-column estate-wide survey would mix two different
questions. Without a chosen instrument the one with the most responses in the period is scored, and the
others are offered for choosing.
"""

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from feedback import dimensions, scoring
from feedback.models import Instrument, Survey

from . import disclosure, moments
from .models import DimensionRollup, Facet, ItemRollup, ResponseRollup

FORMAT = Instrument.Format
WEIGHT_TOTAL = scoring.WEIGHT_TOTAL


@dataclass(frozen=True)
class ScoreFilter:
    """What to score: months are first days, both ends included; one facet (or the whole estate)."""

    estate_id: int
    start: date
    end: date
    facet: str = Facet.ESTATE
    facet_id: int = 0
    instrument_id: int | None = None
    kind: str | None = None
    level: int = 10  # 10 dimensions of 1985, or 5 of 1988

    def rows(self, model):
        rows = model.objects.filter(estate_id=self.estate_id, facet=self.facet, facet_id=self.facet_id,
                                    month__gte=self.start, month__lte=self.end)  # fmt: skip
        return rows.filter(kind=self.kind) if self.kind else rows

    @property
    def dimension_keys(self):
        return dimensions.FIVE_KEYS if self.level == 5 else dimensions.TEN_KEYS


@dataclass(frozen=True)
class DimensionFigure:
    key: str
    scores: object  # scoring.Scores or scoring.Suppressed
    perceived: object  # scoring.MeanInterval or Suppressed
    gap: object  # MeanInterval, Suppressed, or None without expectations
    importance: float | None  # mean points of 100 (None when the instrument does not ask)
    reliability: object  # scoring.Reliability on perceived scores, or Suppressed
    reliability_gap: object  # on gaps (two-column only), else None

    @property
    def name(self):
        return dimensions.BY_KEY.get(self.key) or dimensions.FIVE_BY_KEY[self.key]


@dataclass(frozen=True)
class ItemFigure:
    item_id: int
    position: int
    dimension: str
    text_zh: str
    text_en: str
    scores: object
    perceived: object
    gap: object
    item_total_r: float | None = None  # corrected item-total r, within its dimension (at the report's level)
    alpha_if_deleted: float | None = None

    def text(self, language="zh-hans"):
        return self.text_zh if language.lower().startswith("zh") else self.text_en

    @property
    def flagged(self):
        return self.item_total_r is not None and self.item_total_r < scoring.LOW_ITEM_TOTAL_R


@dataclass(frozen=True)
class ScoreReport:
    filter: ScoreFilter
    instrument: Instrument | None
    instruments: tuple = ()  # (instrument, responses in the period) of every instrument answered
    n: int = 0
    overall: object = scoring.Suppressed(0)
    overall_perceived: object = scoring.Suppressed(0)
    overall_gap: object = None
    dimensions: tuple = ()
    items: tuple = ()
    csat: object = scoring.Suppressed(0)
    satisfaction: object = scoring.Suppressed(0)
    nps: object = scoring.Suppressed(0)
    priorities: tuple = ()
    extra: dict = field(default_factory=dict)
    withholding: disclosure.Withholding = field(default_factory=disclosure.Withholding)

    @property
    def format(self):
        return self.instrument.format if self.instrument else None

    @property
    def has_gap(self):
        return self.format == FORMAT.TWO_COLUMN

    @property
    def has_zone(self):
        return self.format == FORMAT.THREE_COLUMN


def _floor(n, figure):
    return figure if n >= scoring.MIN_GROUP else scoring.Suppressed(n)


def _sums(queryset, group, columns):
    return queryset.values(*group).annotate(**{c: Sum(c) for c in columns}).order_by(*group)


# --- instruments and response-level figures --------------------------------------------------------------------


def instruments_answered(f: ScoreFilter):
    """[(instrument, {sums})] answered in the period, most responses first (one query)."""
    rows = list(_sums(f.rows(ResponseRollup), ["instrument_id"], ResponseRollup.SUMS))
    by_id = Instrument.objects.in_bulk([r["instrument_id"] for r in rows])
    out = [(by_id[r["instrument_id"]], r) for r in rows]
    return sorted(out, key=lambda pair: (-pair[1]["n"], pair[0].pk))


def satisfaction_figures(sums: dict):
    """CSAT %, 满意率 and NPS from counts. The surveys' 1–5 question has no “don't know”, so every answer is valid
    and 满意率 equals CSAT %; both are kept because the norms quote them separately (DOMAIN.md 3)."""
    n, top = sums["csat_n"], sums["csat_top"]
    csat = _floor(n, scoring.Percentage(n, 100 * top / n) if n else None)
    rate = _floor(n, scoring.SatisfactionRate(n, 100 * top / n) if n else None)
    m, promoters, detractors = sums["nps_n"], sums["nps_promoters"], sums["nps_detractors"]
    nps = scoring.Suppressed(m)
    if m >= scoring.MIN_GROUP:
        p, d = 100 * promoters / m, 100 * detractors / m
        nps = scoring.NetPromoter(m, p, 100 - p - d, d, p - d)
    return csat, rate, nps


# --- dimension and item scores ----------------------------------------------------------------------------------


def _scores(n, k, sums, fmt, prefix="t_"):
    """scoring.Scores from a row of sums (k = 1 for items, whose sums are of single answers)."""

    def mean(column):
        return sums[f"{prefix}{column}"] / (k * n)

    values = {"perceived": mean("p")}
    if fmt == FORMAT.TWO_COLUMN:
        values.update(expected=mean("e"), gap=mean("gap"))
    if fmt == FORMAT.THREE_COLUMN:
        values.update(minimum=mean("min"), desired=mean("des"))
        values.update(msa=values["perceived"] - values["minimum"], mss=values["perceived"] - values["desired"])
    if sums["n_w"]:
        values["weighted_perceived"] = sums["w_p"] / (WEIGHT_TOTAL * k * sums["n_w"])
        if fmt == FORMAT.TWO_COLUMN:
            values["weighted_gap"] = sums["w_gap"] / (WEIGHT_TOTAL * k * sums["n_w"])
    zone = scoring._zone(values["perceived"], values.get("minimum"), values.get("desired"))
    return scoring.Scores(n=n, **values, **zone)


def _overall(report_dims, n, n_w, fmt, dim_rows):
    """Overall Scores: the unweighted columns are means of the dimension means (DOMAIN.md 1.4 step 3); the
    weighted ones mean_r Σ_d W·SQ_rd = Σ_d (Σ points·T)/(100·k_d) / n_w."""
    if not report_dims:
        return scoring.Suppressed(n)
    columns = [c for c in ("perceived", "expected", "gap", "minimum", "desired", "msa", "mss")
               if getattr(report_dims[0], c) is not None]  # fmt: skip
    values = {c: sum(getattr(s, c) for s in report_dims) / len(report_dims) for c in columns}
    if n_w:
        values["weighted_perceived"] = sum(r["w_p"] / (WEIGHT_TOTAL * r["k"]) for r in dim_rows) / n_w
        if fmt == FORMAT.TWO_COLUMN:
            values["weighted_gap"] = sum(r["w_gap"] / (WEIGHT_TOTAL * r["k"]) for r in dim_rows) / n_w
    zone = scoring._zone(values["perceived"], values.get("minimum"), values.get("desired"))
    return _floor(n, scoring.Scores(n=n, **values, **zone))


def _reliability(n, total, items, keys):
    return _floor(n, moments.reliability(n, total[0], total[1], items, keys))


def score_report(f: ScoreFilter) -> ScoreReport:
    """Every figure of the dashboard for one instrument (f.instrument_id, else the most answered): three queries."""
    answered = instruments_answered(f)
    chosen = next((pair for pair in answered if pair[0].pk == f.instrument_id), None) if f.instrument_id else None
    chosen = chosen or (answered[0] if answered and not f.instrument_id else None)
    instruments = tuple((inst, sums["n"]) for inst, sums in answered)
    if chosen is None:
        return ScoreReport(filter=f, instrument=None, instruments=instruments)
    instrument, rsums = chosen
    fmt, n = instrument.format, rsums["n"]
    dim_rows = {
        r["dimension"]: r
        for r in _sums(
            f.rows(DimensionRollup).filter(instrument=instrument), ["dimension"], DimensionRollup.SUMS
        ).annotate(k=Max("k"))  # the same in every month's row of one instrument
    }
    item_rows = list(
        f.rows(ItemRollup).filter(instrument=instrument)
        .values("item_id", "item__position", "item__text_zh", "item__text_en", "dimension")
        .annotate(**{c: Sum(c) for c in ItemRollup.SUMS}).order_by("item__position")
    )  # fmt: skip
    five = f.level == 5
    t = "t5" if five else "t"
    group_of = (lambda d: dimensions.ROLLUP[d]) if five else (lambda d: d)
    figures, raw_scores, used_rows = [], [], []
    for key in f.dimension_keys:
        r = dim_rows.get(key)
        if r is None:
            continue
        k, dn = r["k"], r["n"]
        scores = _scores(dn, k, r, fmt)
        raw_scores.append(scores)
        used_rows.append(r)
        members = [i for i in item_rows if group_of(i["dimension"]) == key]
        keys = tuple(i["item_id"] for i in members)
        rel = _reliability(dn, (r["t_p"], r["t_p2"]), [(i["s_p"], i["s_p2"], i[f"x_{t}_p"]) for i in members], keys)
        rel_gap = None
        if fmt == FORMAT.TWO_COLUMN:
            rel_gap = _reliability(dn, (r["t_gap"], r["t_gap2"]),
                                   [(i["s_gap"], i["s_gap2"], i[f"x_{t}_gap"]) for i in members], keys)  # fmt: skip
        figures.append(DimensionFigure(
            key=key, scores=_floor(dn, scores), perceived=_floor(dn, moments.interval(dn, r["t_p"], r["t_p2"], k)),
            gap=_floor(dn, moments.interval(dn, r["t_gap"], r["t_gap2"], k)) if fmt == FORMAT.TWO_COLUMN else None,
            importance=r["w_points"] / r["n_w"] if r["n_w"] else None, reliability=rel, reliability_gap=rel_gap,
        ))  # fmt: skip
    items = tuple(_item_figure(i, fmt, figures, group_of) for i in item_rows)
    overall = _overall(raw_scores, n, rsums["n_w"], fmt, used_rows)
    o = "o5" if five else "o"
    overall_p = _floor(n, moments.interval(n, rsums[f"{o}_p"], rsums[f"{o}_p2"]))
    overall_gap = (
        _floor(n, moments.interval(n, rsums[f"{o}_gap"], rsums[f"{o}_gap2"])) if fmt == FORMAT.TWO_COLUMN else None
    )
    csat, rate, nps = satisfaction_figures(rsums)
    report = ScoreReport(
        filter=f, instrument=instrument, instruments=instruments, n=n, overall=overall,
        overall_perceived=overall_p, overall_gap=overall_gap, dimensions=tuple(figures), items=items,
        csat=csat, satisfaction=rate, nps=nps, priorities=priorities(figures, fmt),
        withholding=disclosure.withholding(f, instrument),
    )  # fmt: skip
    return _withhold(report)


def _hide(figure):
    """A shown figure replaced by scoring.Withheld; one already under the floor, or a column not asked, stays."""
    if figure is None or isinstance(figure, scoring.Suppressed):
        return figure
    return scoring.Withheld(figure.n)


def _unweighted(scores):
    return replace(scores, weighted_perceived=None, weighted_gap=None) if scores else scores


def _withhold(report: ScoreReport) -> ScoreReport:
    """The report without the figures feedback.scores.disclosure withholds from its group."""
    w = report.withholding
    if not w.cells:
        return report
    everything, weights = w.measure(disclosure.RESPONSES), w.measure(disclosure.WEIGHTS)
    dims = []
    for d in report.dimensions:
        if everything or w.measure(disclosure.dimension(d.key)):
            d = replace(d, scores=_hide(d.scores), perceived=_hide(d.perceived), gap=_hide(d.gap),
                        reliability=_hide(d.reliability), reliability_gap=_hide(d.reliability_gap))  # fmt: skip
        if weights:
            d = replace(d, scores=_unweighted(d.scores), importance=None)
        dims.append(d)
    hidden_dims = {d.key for d in report.dimensions if everything or w.measure(disclosure.dimension(d.key))}
    items = []
    for i in report.items:
        if everything or w.measure(disclosure.item(i.item_id)):
            i = replace(i, scores=_hide(i.scores), perceived=_hide(i.perceived), gap=_hide(i.gap))
        if everything or hidden_dims:  # their statistics come from their dimension's reliability
            i = replace(i, item_total_r=None, alpha_if_deleted=None)
        items.append(replace(i, scores=_unweighted(i.scores)) if weights else i)
    # the overall is the mean of the dimension means: with one withheld, the others would give it back
    overall = _hide(report.overall) if everything or hidden_dims else report.overall
    return replace(
        report, dimensions=tuple(dims), items=tuple(items),
        overall=_unweighted(overall) if weights else overall,
        overall_perceived=_hide(report.overall_perceived) if everything else report.overall_perceived,
        overall_gap=_hide(report.overall_gap) if everything else report.overall_gap,
        csat=_hide(report.csat) if everything or w.measure(disclosure.CSAT) else report.csat,
        satisfaction=_hide(report.satisfaction) if everything or w.measure(disclosure.CSAT) else report.satisfaction,
        nps=_hide(report.nps) if everything or w.measure(disclosure.NPS) else report.nps,
        priorities=priorities(dims, report.format),
    )  # fmt: skip


def _item_figure(row, fmt, figures, group_of):
    n = row["n"]
    scores = _scores(n, 1, row, fmt, prefix="s_")
    figure = next((d for d in figures if d.key == group_of(row["dimension"])), None)
    r = alpha_deleted = None
    if figure is not None and figure.reliability:
        index = figure.reliability.item_keys.index(row["item_id"])
        r = figure.reliability.items[index].corrected_item_total_r
        alpha_deleted = figure.reliability.items[index].alpha_if_deleted
    return ItemFigure(
        item_id=row["item_id"], position=row["item__position"], dimension=row["dimension"],
        text_zh=row["item__text_zh"], text_en=row["item__text_en"], scores=_floor(n, scores),
        perceived=_floor(n, moments.interval(n, row["s_p"], row["s_p2"])),
        gap=_floor(n, moments.interval(n, row["s_gap"], row["s_gap2"])) if fmt == FORMAT.TWO_COLUMN else None,
        item_total_r=r, alpha_if_deleted=alpha_deleted,
    )  # fmt: skip


def priorities(figures, fmt):
    """scoring.improvement_priorities over the shown dimensions: gap (two-column) or MSA (three-column) ×
    importance (the respondents' points where asked, else equal). Perception-only surveys have no gap: none."""
    column = {FORMAT.TWO_COLUMN: "gap", FORMAT.THREE_COLUMN: "msa"}.get(fmt)
    shown = [d for d in figures if d.scores]
    if column is None or not shown:
        return ()
    gaps = {d.key: getattr(d.scores, column) for d in shown}
    weights = {d.key: d.importance for d in shown} if all(d.importance is not None for d in shown) else None
    return scoring.improvement_priorities(gaps, weights)


# --- trend ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    month: date
    n: int
    overall: object  # Scores or Suppressed
    csat: object
    nps: object
    dimensions: dict  # key → Scores or Suppressed


def score_trend(f: ScoreFilter, instrument: Instrument | None, withholding=None) -> list[TrendPoint]:
    """Month by month for one instrument: overall and per-dimension Scores, CSAT and NPS (two queries, and the
    three of disclosure.withholding unless the report's is passed)."""
    if instrument is None:
        return []
    w = withholding if withholding is not None else disclosure.withholding(f, instrument)
    dim_rows = (_sums(f.rows(DimensionRollup).filter(instrument=instrument), ["month", "dimension"],
                      DimensionRollup.SUMS).annotate(k=Max("k")))  # fmt: skip
    by_month = {}
    for r in dim_rows:
        if r["dimension"] in f.dimension_keys:
            by_month.setdefault(r["month"], []).append(r)
    points = []
    for r in _sums(f.rows(ResponseRollup).filter(instrument=instrument), ["month"], ResponseRollup.SUMS):
        rows = sorted(by_month.get(r["month"], []), key=lambda d: f.dimension_keys.index(d["dimension"]))
        scores = [_scores(d["n"], d["k"], d, instrument.format) for d in rows]
        csat, _, nps = satisfaction_figures(r)
        points.append(_withhold_month(w, TrendPoint(
            month=r["month"], n=r["n"], overall=_overall(scores, r["n"], r["n_w"], instrument.format, rows),
            csat=csat, nps=nps,
            dimensions={d["dimension"]: _floor(d["n"], s) for d, s in zip(rows, scores, strict=True)},
        )))  # fmt: skip
    return points


def _withhold_month(w: disclosure.Withholding, point: TrendPoint) -> TrendPoint:
    """One month of the trend under the same rule as the report (see _withhold)."""
    month = point.month
    everything = w.month(disclosure.RESPONSES, month)
    hidden = {key for key in point.dimensions if everything or w.month(disclosure.dimension(key), month)}
    dims = {key: _hide(s) if key in hidden else s for key, s in point.dimensions.items()}
    overall = _hide(point.overall) if everything or hidden else point.overall
    if w.month(disclosure.WEIGHTS, month):
        dims = {key: _unweighted(s) for key, s in dims.items()}
        overall = _unweighted(overall)
    return replace(
        point, overall=overall, dimensions=dims,
        csat=_hide(point.csat) if everything or w.month(disclosure.CSAT, month) else point.csat,
        nps=_hide(point.nps) if everything or w.month(disclosure.NPS, month) else point.nps,
    )  # fmt: skip


# --- response rates ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseRate:
    month: date
    kind: str
    invited: int  # every invitation sent in the month, whatever became of it
    answered: int
    expired: int
    waiting: int

    @property
    def rate(self):
        """Answered ÷ invited, %: withheld below MIN_GROUP invitations, where it would tell who answered."""
        return _floor(self.invited, scoring.Percentage(self.invited, 100 * self.answered / self.invited)
                      if self.invited else None)  # fmt: skip


_SURVEY_FACET = {Facet.BUILDING: "building_id", Facet.TRADE: "work_order__trade_id",
                 Facet.TECHNICIAN: "work_order__assignee_id"}  # fmt: skip


def period_bounds(f: ScoreFilter) -> tuple[datetime, datetime]:
    """The filter's months as [local midnight of the first day, local midnight after the last month)."""
    end = date(f.end.year + f.end.month // 12, f.end.month % 12 + 1, 1)
    zone = timezone.get_current_timezone()
    return datetime.combine(f.start, time.min, tzinfo=zone), datetime.combine(end, time.min, tzinfo=zone)


def response_rates(f: ScoreFilter) -> list[ResponseRate]:
    """Invitations of the period by month (of invitation) and kind, with what became of them (one query)."""
    surveys = Survey.objects.filter(estate_id=f.estate_id, invited_month__gte=f.start, invited_month__lte=f.end)
    if f.facet != Facet.ESTATE:
        surveys = surveys.filter(**{_SURVEY_FACET[f.facet]: f.facet_id})
    if f.kind:
        surveys = surveys.filter(kind=f.kind)
    rows = (
        surveys.values("invited_month", "kind")  # COUNT(*): the (estate, month, kind, status) index covers it
        .annotate(invited=Count("*"), answered=Count("status", filter=Q(status=Survey.Status.ANSWERED)),
                  expired=Count("status", filter=Q(status=Survey.Status.EXPIRED)))
        .order_by("invited_month", "kind")
    )  # fmt: skip
    return [
        ResponseRate(r["invited_month"], r["kind"], r["invited"], r["answered"], r["expired"],
                     r["invited"] - r["answered"] - r["expired"])
        for r in rows
    ]  # fmt: skip


# --- technicians' service scores (服务分值) -----------------------------------------------------------------------


@dataclass(frozen=True)
class TechnicianScore:
    user_id: int
    name: str
    n: int  # surveys after their repairs that rated overall satisfaction
    score: object  # scoring.ServiceScore, or Suppressed below MIN_GROUP surveys


def service_scores(*, estate_id: int, start: date, end: date, user_ids=None) -> tuple[float | None, dict]:
    """(estate mean, {user id: ServiceScore or Suppressed}) from the surveys after repairs (two queries).

    Which rating: the overall-satisfaction question (CSAT, 1–5) of the survey after a repair. It is about that
    job, asked on every such survey, and on the same 1–5 scale as the residents' confirmation ratings and the
    dispatcher's neutral 3.0, so a service score slots into dispatch ranking unchanged. The estate mean is
    the same rating over all the estate's repair surveys in the period. scoring.service_score depends on the
    ratings only through their count and mean, which the rollups hold (n = csat_n, mean = csat_sum/csat_n)."""
    rows = ResponseRollup.objects.filter(estate_id=estate_id, kind=Survey.Kind.TRANSACTIONAL, month__gte=start,
                                         month__lte=end)  # fmt: skip
    estate = rows.filter(facet=Facet.ESTATE, facet_id=0).aggregate(n=Sum("csat_n"), s=Sum("csat_sum"))
    if not estate["n"]:
        return None, {}
    estate_mean = estate["s"] / estate["n"]
    people = rows.filter(facet=Facet.TECHNICIAN)
    if user_ids is not None:
        people = people.filter(facet_id__in=list(user_ids))
    out = {}
    for r in people.values("facet_id").annotate(n=Sum("csat_n"), s=Sum("csat_sum")).order_by("facet_id"):
        n = r["n"] or 0
        ratings = [r["s"] / n] * n if n else []  # the formula sees only n and the mean (see above)
        out[r["facet_id"]] = scoring.service_score(ratings, estate_mean)
    return estate_mean, out


def technician_scores(f: ScoreFilter) -> tuple[float | None, list[TechnicianScore]]:
    """The estate's technicians who have surveys after repairs in the period, best score first."""
    from residents.models import User

    estate_mean, scores = service_scores(estate_id=f.estate_id, start=f.start, end=f.end)
    names = User.objects.in_bulk(list(scores))
    out = [
        TechnicianScore(pk, (names[pk].get_full_name() or names[pk].username) if pk in names else str(pk),
                        score.n, score)
        for pk, score in scores.items()
    ]  # fmt: skip
    out.sort(key=lambda t: (not t.score, -(t.score.score if t.score else 0), t.name))
    return estate_mean, out
