"""The rollups give exactly what feedback.scoring computes from the raw answers, for any period, facet and format.

Random responses (several seeds) over three months, two buildings, two trades and technicians and three
formats (perception-only after repairs, two-column with points, three-column) are stored through the live
receiver; then every figure the selectors read from the rollups is compared with the engine run on the raw
answers of the same responses. A rebuild from the raw answers must give the same rows again."""

import random
from datetime import date

import pytest

from feedback import scoring
from feedback.instruments.selectors import instrument_for
from feedback.models import ImportanceWeight, ItemAnswer, Response
from feedback.scores import disclosure, rollups
from feedback.scores.models import DimensionRollup, Facet, ItemRollup, ResponseRollup
from feedback.scores.selectors import ScoreFilter, score_report, score_trend
from residents.models import Trade
from tests.residents.factories import BuildingFactory, EstateRoleFactory

from .scores_helpers import local, random_points, random_ratings, respond, three_column_instrument, used_keys

pytestmark = pytest.mark.django_db
APPROX = {"rel": 1e-9, "abs": 1e-9}
MONTHS = [(2026, 1), (2026, 2), (2026, 3)]


@pytest.fixture
def setting(world):
    estate = world.estate_a
    buildings = [world.unit_a.building, BuildingFactory(estate=estate, name="2号楼")]
    trades = list(Trade.objects.order_by("pk")[:2])
    technicians = [world.users["technician"], EstateRoleFactory(estate=estate, role="technician").user]
    instruments = [instrument_for(estate_id=estate.pk, purpose="campaign"),
                   instrument_for(estate_id=estate.pk, purpose="transactional"), three_column_instrument()]  # fmt: skip
    return estate, buildings, trades, technicians, instruments


def populate(world, setting, seed, count=36):
    estate, buildings, trades, technicians, instruments = setting
    rng = random.Random(seed)
    for i in range(count):
        instrument = instruments[i % 3]
        year, month = rng.choice(MONTHS)
        # the first minutes of a month in Shanghai are still the previous month in UTC
        moment = local(year, month, day=1, hour=0, minute=30) if rng.random() < 0.2 else local(year, month, 10 + i % 15)
        transactional = instrument.purpose == "transactional"
        respond(
            instrument=instrument, estate=estate, recipient=world.users["owner"], submitted_at=moment,
            ratings=random_ratings(rng, instrument),
            weights=random_points(rng, used_keys(instrument)) if instrument.asks_weights else None,
            csat=rng.randint(1, 5) if instrument.asks_csat else None,
            nps=rng.randint(0, 10) if instrument.asks_nps else None,
            building=rng.choice(buildings) if rng.random() < 0.9 else None,
            trade=rng.choice(trades) if transactional else None,
            technician=rng.choice(technicians) if transactional else None,
        )  # fmt: skip


def raw(f: ScoreFilter, instrument):
    """The responses the filter selects, read back from the raw tables, as engine inputs."""
    responses = Response.objects.filter(estate_id=f.estate_id, instrument=instrument)
    facet_field = {Facet.BUILDING: "building_id", Facet.TRADE: "trade_id", Facet.TECHNICIAN: "technician_id"}
    if f.facet != Facet.ESTATE:
        responses = responses.filter(**{facet_field[f.facet]: f.facet_id})
    chosen = [r for r in responses if f.start <= rollups.month_of(r.submitted_at) <= f.end]
    ids = [r.pk for r in chosen]
    answers = [
        scoring.Answer(a.response_id, a.item_id, a.dimension, a.perceived, a.expected, a.minimum, a.desired)
        for a in ItemAnswer.objects.filter(response_id__in=ids)
    ]
    weights = {}
    for w in ImportanceWeight.objects.filter(response_id__in=ids):
        weights.setdefault(w.response_id, {})[w.dimension] = w.points
    return chosen, answers, (weights or None)


def same_scores(got, want):
    assert type(got) is type(want)
    if isinstance(want, scoring.Suppressed):
        assert got.n == want.n
        return
    for name in want.__dataclass_fields__:
        a, b = getattr(got, name), getattr(want, name)
        assert (a is None) == (b is None), name
        if isinstance(b, float):
            assert a == pytest.approx(b, **APPROX), name
        else:
            assert a == b, name


def same_interval(got, values):
    want = scoring.summarize(values)
    if isinstance(want, scoring.Suppressed):
        assert isinstance(got, scoring.Suppressed) and got.n == want.n
        return
    assert got.n == want.n and got.mean == pytest.approx(want.mean, **APPROX)
    for name in ("low", "high"):
        assert (getattr(got, name) is None) == (getattr(want, name) is None)
        if getattr(want, name) is not None:
            assert getattr(got, name) == pytest.approx(getattr(want, name), **APPROX)


def same_reliability(got, want):
    if isinstance(want, scoring.Suppressed):
        assert isinstance(got, scoring.Suppressed) and got.n == want.n
        return
    assert (got.n, got.k) == (want.n, want.k)
    assert (got.alpha is None) == (want.alpha is None)
    if want.alpha is not None:
        assert got.alpha == pytest.approx(want.alpha, **APPROX)
    mine = dict(zip(got.item_keys, got.items, strict=True))
    for key, stat in zip(want.item_keys, want.items, strict=True):
        for name in ("corrected_item_total_r", "alpha_if_deleted"):
            a, b = getattr(mine[key], name), getattr(stat, name)
            assert (a is None) == (b is None), name
            if b is not None:
                assert a == pytest.approx(b, **APPROX), name


def check(f: ScoreFilter, instrument):
    report = score_report(f)
    chosen, answers, weights = raw(f, instrument)
    if not chosen:
        assert report.instrument is None or report.n == 0
        return
    assert report.instrument == instrument and report.n == len(chosen)
    five = f.level == 5
    engine_answers = scoring.rolled_up(answers) if five else answers
    engine_weights = scoring.rolled_up_weights(weights) if (five and weights) else weights
    dims = scoring.dimension_scores(engine_answers, engine_weights)
    assert [d.key for d in report.dimensions] == [k for k in f.dimension_keys if k in dims]
    means = {}
    for a in engine_answers:
        means.setdefault((a.dimension, a.respondent), []).append(a)
    for figure in report.dimensions:
        same_scores(figure.scores, dims[figure.key])
        rows = [v for (d, _), v in means.items() if d == figure.key]
        same_interval(figure.perceived, [sum(a.perceived for a in v) / len(v) for v in rows])
        if instrument.format == "two_column":
            same_interval(figure.gap, [sum(a.perceived - a.expected for a in v) / len(v) for v in rows])
            same_reliability(figure.reliability_gap,
                             scoring.dimension_reliability(engine_answers, "gap")[figure.key])  # fmt: skip
        same_reliability(figure.reliability, scoring.dimension_reliability(engine_answers)[figure.key])
        if weights:
            assert figure.importance == pytest.approx(scoring.importance(engine_weights)[figure.key], **APPROX)
    same_scores(report.overall, scoring.overall_score(engine_answers, engine_weights))
    items = scoring.item_scores(answers, weights)
    assert {i.item_id for i in report.items} == set(items)
    for item in report.items:
        same_scores(item.scores, items[item.item_id])
        same_interval(item.perceived, [a.perceived for a in answers if a.item == item.item_id])
    csats = [r.csat for r in chosen if r.csat is not None]
    same_or_suppressed(report.csat, scoring.csat(csats))
    same_or_suppressed(report.satisfaction, scoring.satisfaction_rate(csats))
    same_or_suppressed(report.nps, scoring.nps([r.nps for r in chosen if r.nps is not None]))
    if instrument.format == "two_column" and report.overall:
        gaps = {d: s.gap for d, s in dims.items() if s}
        importance = scoring.importance(engine_weights) if engine_weights else None
        want = scoring.improvement_priorities(gaps, importance and {d: importance[d] for d in gaps})
        assert [p.dimension for p in report.priorities] == [p.dimension for p in want]


def same_or_suppressed(got, want):
    assert type(got) is type(want) and got.n == want.n
    if not isinstance(want, scoring.Suppressed):
        for name in want.__dataclass_fields__:
            assert getattr(got, name) == pytest.approx(getattr(want, name), **APPROX)


def filters(estate, setting):
    _, buildings, trades, technicians, instruments = setting
    periods = [(date(2026, 1, 1), date(2026, 3, 1)), (date(2026, 2, 1), date(2026, 3, 1))]
    facets = [(Facet.ESTATE, 0), (Facet.BUILDING, buildings[1].pk), (Facet.TRADE, trades[0].pk),
              (Facet.TECHNICIAN, technicians[1].pk)]  # fmt: skip
    for instrument in instruments:
        for start, end in periods:
            for facet, facet_id in facets:
                for level in (10, 5):
                    yield ScoreFilter(estate.pk, start, end, facet, facet_id, instrument.pk, None, level), instrument


@pytest.mark.parametrize("seed", [1, 2])
def test_rollups_equal_the_engine_on_raw_answers_for_every_period_facet_and_format(world, setting, seed, monkeypatch):
    # the arithmetic only: which figures the privacy rule withholds is tested in tests/security
    monkeypatch.setattr(disclosure, "withholding", lambda f, instrument: disclosure.Withholding())
    populate(world, setting, seed)
    for f, instrument in filters(world.estate_a, setting):
        check(f, instrument)


def _table(model):
    columns = [*model.KEY, *model.SUMS, *model.REPLACE]
    return sorted(
        tuple(round(v, 9) if isinstance(v, float) else v for v in row)
        for row in model.objects.values_list(*[c.removesuffix("_id") if c == "facet_id" else c for c in columns])
    )


def test_a_rebuild_from_raw_answers_gives_the_same_rows_as_the_live_receiver(world, setting):
    populate(world, setting, seed=7)
    before = {model: _table(model) for model in (DimensionRollup, ItemRollup, ResponseRollup)}
    assert all(before.values())
    DimensionRollup.objects.filter(dimension="tangibles").update(n=999)  # damage, which the rebuild repairs
    assert rollups.rebuild() == Response.objects.count()
    assert {model: _table(model) for model in before} == before


def test_a_rebuild_of_one_estate_leaves_the_others_alone(world, setting):
    populate(world, setting, seed=8, count=12)
    other = ResponseRollup.objects.filter(estate=world.estate_a).count()
    rollups.rebuild(estate_id=world.estate_b.pk)
    assert ResponseRollup.objects.filter(estate=world.estate_a).count() == other


def test_the_trend_adds_up_to_the_period(world, setting):
    populate(world, setting, seed=5)
    instrument = setting[4][0]
    f = ScoreFilter(world.estate_a.pk, date(2026, 1, 1), date(2026, 3, 1), instrument_id=instrument.pk)
    points = score_trend(f, instrument)
    assert sum(p.n for p in points) == score_report(f).n
    for p in points:
        month = ScoreFilter(world.estate_a.pk, p.month, p.month, instrument_id=instrument.pk)
        same_scores(p.overall, score_report(month).overall)
