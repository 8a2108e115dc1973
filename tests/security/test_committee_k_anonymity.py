"""SECURITY.md §5.5: what the owners' committee sees of the residents' answers is k-anonymous (k = MIN_GROUP).

Hypothesis builds an estate of buildings of 1–12 households, each household answering (or not) in one of three
months, skipping statements, the satisfaction question or the importance points as residents do. Then every
filter the committee can set is read: each period within the three months, the estate and each building, each
kind of survey, ten or five dimensions; for each, the report and its month-by-month trend.

The oracle knows who answered what. For every measure (the responses as a whole, satisfaction, the importance
points, each dimension, each statement) it takes the people behind each figure shown and checks:
- every shown figure stands on at least MIN_GROUP people, and its n says how many;
- no difference of shown figures isolates a smaller group: the people split into regions by which shown
  figures include them (the cells of the figures' Venn diagram), and every region holds none or at least
  MIN_GROUP people. Any sum or difference of shown figures covers whole regions, so none can be narrowed to
  fewer than MIN_GROUP people.
The API answers are scanned for the households' names, phone numbers and unit numbers, and asking for scores by
trade or technician is refused to the committee (crossing those with the buildings would defeat the rule).
"""

import itertools
import re
from collections import defaultdict
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from feedback import dimensions, scoring, signals
from feedback.models import ImportanceWeight, Instrument, ItemAnswer, Response, Survey
from feedback.scores import disclosure, filters
from feedback.scores.selectors import score_report, score_trend
from feedback.surveys.services import month_of
from residents.models import User
from tests.feedback.scores_helpers import local, three_column_instrument
from tests.residents.factories import BuildingFactory, UnitFactory, UserFactory
from tests.test_permission_matrix import rolled_back

K = scoring.MIN_GROUP
MONTHS = (date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1))
KEYS = ("tangibles", "competence", "courtesy")  # competence and courtesy merge into assurance at five dimensions
ITEMS = len(KEYS) * 2
PHONE = re.compile(r"(?<![\d.])1[3-9]\d{9}(?!\d)")  # a mainland mobile number, not digits inside a float

answer = st.fixed_dictionaries({
    "month": st.sampled_from((0, 0, 0, 1, 2)),  # mostly one month, so groups reach the floor and can be subtracted
    "items": st.sets(st.integers(0, ITEMS - 1), min_size=1),  # which statements they rated
    "csat": st.booleans(),
    "weights": st.booleans(),
})  # fmt: skip
household = st.one_of(st.none(), answer, answer)  # most households answer
estates = st.fixed_dictionaries({
    "buildings": st.lists(st.lists(household, min_size=1, max_size=12), min_size=1, max_size=4),
    "elsewhere": st.lists(answer, max_size=3),  # answers tied to no building of the estate
})  # fmt: skip


def _all(month, count, **kwargs):
    """`count` households that rate every statement in MONTHS[month]."""
    return [{"month": month, "items": set(range(ITEMS)), "csat": True, "weights": True, **kwargs}] * count


# the shapes differencing needs, besides what Hypothesis finds: a small building beside a big one (the estate
# minus the big one gives the small one); 5 + 5 + 3, where withholding the 3 alone is not enough; a building
# whose January is big and February small (Jan–Feb minus Jan); answers tied to no building beside one building
KNOWN = [
    {"buildings": [_all(0, 7), _all(0, 3)], "elsewhere": []},
    {"buildings": [_all(0, 5), _all(0, 5), _all(0, 3)], "elsewhere": []},
    {"buildings": [[*_all(0, 6), *_all(1, 2)], _all(1, 6)], "elsewhere": []},
    {"buildings": [_all(0, 6)], "elsewhere": _all(0, 2)},
    {"buildings": [_all(0, 12), _all(0, 12)], "elsewhere": _all(0, 1, csat=False, weights=False)},
]


def _periods():
    return [(MONTHS[a], MONTHS[b]) for a in range(len(MONTHS)) for b in range(a, len(MONTHS))]


def _store(estate, instrument, plan):
    """The plan's households and answers, stored as survey_submit stores them; returns what the oracle needs."""
    items = list(instrument.items.order_by("position"))
    people, buildings = [], []
    for b, households in enumerate(plan["buildings"]):
        building = BuildingFactory(estate=estate, name=f"{b + 7}号楼")
        buildings.append(building)
        for h, given_answer in enumerate(households):
            unit = UnitFactory(building=building, number=f"室{b}{h:02d}")
            user = UserFactory(first_name=f"住户{b}{h}", phone=f"1390000{b}{h:03d}"[:11])
            if given_answer is not None:
                people.append(_respond(estate, instrument, items, building, unit, user, given_answer))
    for e, given_answer in enumerate(plan["elsewhere"]):
        people.append(_respond(estate, instrument, items, None, None, UserFactory(first_name=f"访客{e}"), given_answer))
    return buildings, people


def _respond(estate, instrument, items, building, unit, user, given_answer):
    submitted = local(MONTHS[given_answer["month"]].year, MONTHS[given_answer["month"]].month, 10)
    survey = Survey.objects.create(
        kind="campaign", instrument=instrument, estate=estate, building=building, unit=unit, recipient=user,
        status=Survey.Status.ANSWERED, invited_at=submitted - timedelta(days=1),
        invited_month=month_of(submitted - timedelta(days=1)), expires_at=submitted + timedelta(days=13),
        answered_at=submitted,
    )  # fmt: skip
    response = Response.objects.create(survey=survey, instrument=instrument, kind="campaign", estate=estate,
                                       building=building, unit=unit, submitted_at=submitted,
                                       csat=4 if given_answer["csat"] else None)  # fmt: skip
    rated = [items[i] for i in sorted(given_answer["items"])]
    ItemAnswer.objects.bulk_create(
        ItemAnswer(response=response, item=item, dimension=item.dimension, perceived=1 + (response.pk + item.pk) % 7,
                   expected=4) for item in rated
    )  # fmt: skip
    if given_answer["weights"]:
        ImportanceWeight.objects.bulk_create(
            ImportanceWeight(response=response, dimension=key, points=points)
            for key, points in zip(KEYS, (50, 30, 20), strict=True)
        )
    signals.response_submitted.send(sender=Response, response_id=response.pk)
    return {**given_answer, "id": response.pk, "building": building.pk if building else None,
            "month": MONTHS[given_answer["month"]], "items": {item.pk for item in rated},
            "dimensions": {item.dimension for item in rated}}  # fmt: skip


def _who(people, measure, level):
    """The people a measure counts: anyone answering, or only those who answered that part."""
    kind, _, key = measure.partition(":")
    if kind == "responses":
        return people
    if kind in ("csat", "weights"):
        return [p for p in people if p[kind]]
    if kind == "item":
        return [p for p in people if int(key) in p["items"]]
    group = (lambda d: dimensions.ROLLUP[d]) if level == 5 else (lambda d: d)
    return [p for p in people if any(group(d) == key for d in p["dimensions"])]


def _shown(report, trend, level):
    """{measure: n} of the report's figures shown, and [(month, measure, n)] of the trend's."""
    shown = {}
    if report.overall_perceived:
        shown["responses"] = report.overall_perceived.n
    if report.csat:
        shown["csat"] = report.csat.n
    for d in report.dimensions:
        if d.scores:
            shown[f"dimension{level}:{d.key}"] = d.scores.n
    if any(d.importance is not None for d in report.dimensions):
        shown["weights"] = None  # mean points: n is not given beside it
    for i in report.items:
        if i.scores:
            shown[f"item:{i.item_id}"] = i.scores.n
    monthly = []
    for point in trend:
        if point.overall:
            monthly.append((point.month, "responses", point.overall.n))
        if point.csat:
            monthly.append((point.month, "csat", point.csat.n))
        for key, scores in point.dimensions.items():
            if scores:
                monthly.append((point.month, f"dimension{level}:{key}", scores.n))
    return shown, monthly


def _check(estate, instrument, buildings, people):
    figures = defaultdict(list)  # measure → [(what, set of response ids)]
    problems = []
    groups = [("", None), *((str(b.pk), b.pk) for b in buildings)]
    for (start, end), (building_param, building), kind, level in itertools.product(
        _periods(), groups, ("", "campaign", "transactional"), (10, 5)
    ):
        params = {"from": f"{start:%Y-%m}", "to": f"{end:%Y-%m}", "building": building_param, "kind": kind,
                  "level": str(level), "instrument": str(instrument.pk)}  # fmt: skip
        f = filters.parse(estate, params, breakdowns=False)
        report = score_report(f)
        trend = score_trend(f, report.instrument, report.withholding)
        chosen = [p for p in people if start <= p["month"] <= end and kind in ("", "campaign")
                  and (building is None or p["building"] == building)]  # fmt: skip
        shown, monthly = _shown(report, trend, level)
        for measure, n in shown.items():
            behind = _who(chosen, _oracle(measure), level)
            figures[measure].append((params, frozenset(p["id"] for p in behind)))
            if n is not None and n != len(behind):
                problems.append(f"{measure} {params}: n={n}, but {len(behind)} answered")
        for month, measure, n in monthly:
            behind = _who([p for p in chosen if p["month"] == month], _oracle(measure), level)
            figures[measure].append(({**params, "month": f"{month:%Y-%m}"}, frozenset(p["id"] for p in behind)))
            if n != len(behind):
                problems.append(f"{measure} {params} in {month:%Y-%m}: n={n}, but {len(behind)} answered")
    for measure, shown_sets in figures.items():
        for what, ids in shown_sets:
            if len(ids) < K:
                problems.append(f"{measure} {what} is shown over {len(ids)} people")
        regions = defaultdict(set)
        for person in set().union(*(ids for _, ids in shown_sets)):
            regions[tuple(person in ids for _, ids in shown_sets)].add(person)
        for signature, region in regions.items():
            if len(region) < K:
                inside = [what for (what, _), member in zip(shown_sets, signature, strict=True) if member]
                problems.append(f"{measure}: {len(region)} people can be isolated by differencing {inside[:4]}")
    return problems


def _oracle(measure):
    """The figure's measure as _who reads it: dimension10:courtesy → dimension:courtesy."""
    kind, _, key = measure.partition(":")
    return f"dimension:{key}" if kind.startswith("dimension") else measure


@pytest.mark.django_db
def test_no_committee_figure_stands_on_or_can_be_narrowed_to_fewer_than_k_people(world):
    estate = world.estate_a  # its own building has two households and no answers

    @settings(settings.get_profile("ci"), max_examples=20, suppress_health_check=[HealthCheck.too_slow])
    @given(plan=estates)
    @example(plan=KNOWN[0])
    @example(plan=KNOWN[1])
    @example(plan=KNOWN[2])
    @example(plan=KNOWN[3])
    @example(plan=KNOWN[4])
    def sweep(plan):
        with rolled_back():
            instrument = three_column_instrument(keys=KEYS, format=Instrument.Format.TWO_COLUMN, asks_csat=True,
                                                 asks_weights=True)  # fmt: skip
            buildings, people = _store(estate, instrument, plan)
            problems = _check(estate, instrument, buildings, people)
            assert not problems, "\n".join(problems[:20])

    sweep()


@pytest.mark.django_db
def test_a_building_of_fewer_than_k_households_is_never_shown_even_when_enough_people_answer(world):
    with rolled_back():
        instrument = three_column_instrument(keys=KEYS, format=Instrument.Format.TWO_COLUMN)
        items = list(instrument.items.order_by("position"))
        (big,), _ = _store(world.estate_a, instrument, {"buildings": [_all(0, 12)], "elsewhere": []})
        small = BuildingFactory(estate=world.estate_a, name="小楼")
        for h in range(K - 1):  # owner and tenant of each household answer: 2 × (K − 1) people
            unit = UnitFactory(building=small, number=f"小{h}")
            for _person in range(2):
                _respond(world.estate_a, instrument, items, small, unit, UserFactory(), _all(0, 1)[0])
        month = {"from": "2026-01", "to": "2026-01"}
        report = score_report(filters.parse(world.estate_a, {**month, "building": str(small.pk)}, breakdowns=False))
        assert report.n == 2 * (K - 1) >= K
        assert isinstance(report.overall_perceived, scoring.Withheld)
        assert small.pk not in set(disclosure.shown_buildings(world.estate_a.pk).values_list("pk", flat=True))
        assert big.pk in set(disclosure.shown_buildings(world.estate_a.pk).values_list("pk", flat=True))
        # the big building stays: what is withheld (the small building's 8 people) is not under the floor
        shown = score_report(filters.parse(world.estate_a, {**month, "building": str(big.pk)}, breakdowns=False))
        assert shown.n == 12 and shown.overall_perceived


@pytest.mark.django_db
def test_a_building_is_withheld_when_the_estate_minus_it_would_give_a_smaller_group(world):
    with rolled_back():
        instrument = three_column_instrument(keys=KEYS, format=Instrument.Format.TWO_COLUMN)
        buildings, _ = _store(world.estate_a, instrument, {"buildings": [_all(0, 7), _all(0, 3)], "elsewhere": []})
        month = {"from": "2026-01", "to": "2026-01"}
        estate = score_report(filters.parse(world.estate_a, month, breakdowns=False))
        big = score_report(filters.parse(world.estate_a, {**month, "building": str(buildings[0].pk)},
                                         breakdowns=False))  # fmt: skip
        assert estate.n == 10 and estate.overall_perceived
        assert big.n == 7 and isinstance(big.overall_perceived, scoring.Withheld)
        assert "subtracted" in big.overall_perceived.reason or "相减" in big.overall_perceived.reason


@pytest.mark.django_db
def test_the_committee_cannot_break_scores_down_by_trade_or_technician(world, api_as):
    committee, manager = api_as(world.users["committee"]), api_as(world.users["manager"])
    for param in ("trade", "technician"):
        response = committee.get("/api/v1/staff/scores/", {"estate": world.estate_a.slug, param: 1})
        assert response.status_code == 400 and param in response.json()["errors"]
        assert manager.get("/api/v1/staff/scores/", {"estate": world.estate_a.slug, param: 1}).status_code == 200
    assert committee.get("/api/v1/staff/scores/technicians/", {"estate": world.estate_a.slug}).status_code == 403


@pytest.mark.django_db
def test_the_committees_score_answers_name_no_household(world, api_as):
    with rolled_back():
        instrument = three_column_instrument(keys=KEYS, format=Instrument.Format.TWO_COLUMN, asks_csat=True)
        every = {"month": 1, "items": set(range(ITEMS)), "csat": True, "weights": False}
        buildings, _ = _store(world.estate_a, instrument, {"buildings": [[every] * 7, [every] * 6], "elsewhere": []})
        client = api_as(world.users["committee"])
        secrets = [unit.number for building in buildings for unit in building.units.all()]
        secrets += list(User.objects.filter(first_name__startswith="住户").values_list("phone", flat=True))
        for path in ("/api/v1/staff/scores/", "/api/v1/staff/scores/trend/"):
            for building in ("", str(buildings[0].pk), str(buildings[1].pk)):
                response = client.get(path, {"estate": world.estate_a.slug, "from": "2026-01", "to": "2026-03",
                                             "building": building})  # fmt: skip
                assert response.status_code == 200
                body = response.content.decode()
                assert not PHONE.search(body)
                assert not [s for s in secrets if s in body]
                assert "住户" not in body
