"""Selectors against small examples worked by hand, and the privacy floor."""

from datetime import date

import pytest

from feedback import scoring
from feedback.models import Instrument
from feedback.scores.models import Facet
from feedback.scores.selectors import ScoreFilter, response_rates, score_report, service_scores

from .scores_helpers import local, respond, three_column_instrument

pytestmark = pytest.mark.django_db
JAN = date(2026, 1, 1)


@pytest.fixture
def small(world):
    """Two-column, tangibles and reliability with two statements each, points, CSAT and NPS."""
    return three_column_instrument(keys=("tangibles", "reliability"), format=Instrument.Format.TWO_COLUMN,
                                   asks_weights=True, asks_csat=True, asks_nps=True)  # fmt: skip


def answer(world, instrument, p, e, points, csat, nps, when=None):
    items = list(instrument.items.order_by("position"))
    ratings = {item.pk: {"perceived": p[i], "expected": e[i]} for i, item in enumerate(items)}
    return respond(instrument=instrument, estate=world.estate_a, recipient=world.users["owner"],
                   submitted_at=when or local(2026, 1), ratings=ratings, weights=points, csat=csat, nps=nps,
                   building=world.unit_a.building)  # fmt: skip


# five respondents: (P for t1 t2 r1 r2, E for the same, points tangibles/reliability, CSAT, NPS)
FIVE = [
    ((5, 5, 4, 6), (6, 6, 6, 6), {"tangibles": 40, "reliability": 60}, 5, 10),
    ((6, 4, 5, 5), (6, 6, 7, 7), {"tangibles": 50, "reliability": 50}, 4, 9),
    ((4, 4, 3, 3), (5, 5, 6, 6), {"tangibles": 20, "reliability": 80}, 2, 3),
    ((7, 7, 6, 6), (6, 6, 6, 6), {"tangibles": 50, "reliability": 50}, 5, 8),
    ((3, 5, 4, 4), (6, 6, 6, 6), {"tangibles": 30, "reliability": 70}, 3, 6),
]


def test_a_small_two_column_survey_matches_the_hand_worked_figures(world, small):
    for p, e, points, csat, nps in FIVE:
        answer(world, small, p, e, points, csat, nps)
    report = score_report(ScoreFilter(world.estate_a.pk, JAN, JAN))
    tangibles, reliability = report.dimensions
    # tangibles P means per respondent: 5, 5, 4, 7, 4 → 25/5 = 5.0; E: 6, 6, 5, 6, 6 → 5.8; gap −0.8
    assert tangibles.scores.perceived == pytest.approx(5.0)
    assert tangibles.scores.expected == pytest.approx(5.8)
    assert tangibles.scores.gap == pytest.approx(-0.8)
    # weighted gap: mean of W·gap = (0.4·−1 + 0.5·−1 + 0.2·−1 + 0.5·1 + 0.3·−2)/5 = −1.2/5
    assert tangibles.scores.weighted_gap == pytest.approx(-0.24)
    # reliability P: 5, 5, 3, 6, 4 → 4.6; E: 6, 7, 6, 6, 6 → 6.2; gap −1.6; importance (60+50+80+50+70)/5 = 62
    assert reliability.scores.gap == pytest.approx(-1.6) and reliability.importance == pytest.approx(62)
    # overall = mean of the two dimension means
    assert report.overall.perceived == pytest.approx(4.8) and report.overall.gap == pytest.approx(-1.2)
    # CSAT: 4 or 5 from three of five = 60%; NPS: promoters 2 (10, 9), detractors 2 (3, 6) → 0
    assert report.csat.percent == pytest.approx(60) and report.nps.nps == pytest.approx(0)
    # priorities: reliability −1.6 × 62/100 = 0.992 before tangibles 0.8 × 38/100 = 0.304
    assert [p.dimension for p in report.priorities] == ["reliability", "tangibles"]
    assert report.priorities[0].priority == pytest.approx(0.992)
    # α of tangibles on P: items (5,6,4,7,3) and (5,4,4,7,5); s1² = 2.5, s2² = 1.5, totals (10,10,8,14,8) s² = 6
    assert tangibles.reliability.alpha == pytest.approx(2 * (1 - 4 / 6))


def test_fewer_than_five_respondents_show_no_figure_but_say_why(world, small):
    for p, e, points, csat, nps in FIVE[:4]:
        answer(world, small, p, e, points, csat, nps)
    report = score_report(ScoreFilter(world.estate_a.pk, JAN, JAN))
    assert isinstance(report.overall, scoring.Suppressed) and report.overall.n == 4
    assert all(isinstance(d.scores, scoring.Suppressed) for d in report.dimensions)
    assert all(isinstance(i.scores, scoring.Suppressed) for i in report.items)
    assert isinstance(report.csat, scoring.Suppressed) and isinstance(report.nps, scoring.Suppressed)
    assert "4" in report.overall.reason and report.priorities == ()


def test_a_building_with_few_respondents_is_suppressed_while_the_estate_is_shown(world, small):
    for p, e, points, csat, nps in FIVE:
        answer(world, small, p, e, points, csat, nps)
    estate = score_report(ScoreFilter(world.estate_a.pk, JAN, JAN))
    assert estate.overall
    other = score_report(ScoreFilter(world.estate_a.pk, JAN, JAN, Facet.BUILDING, world.unit_b.building_id))
    assert other.instrument is None  # nobody there answered


def test_months_outside_the_period_are_not_counted(world, small):
    for p, e, points, csat, nps in FIVE:
        answer(world, small, p, e, points, csat, nps, when=local(2026, 2, 1, 0, 5))  # February in Shanghai
    assert score_report(ScoreFilter(world.estate_a.pk, JAN, JAN)).n == 0
    assert score_report(ScoreFilter(world.estate_a.pk, date(2026, 2, 1), date(2026, 2, 1))).n == 5


def test_response_rates_count_invitations_by_what_became_of_them(world, small):
    for p, e, points, csat, nps in FIVE:
        answer(world, small, p, e, points, csat, nps)
    (rate,) = response_rates(ScoreFilter(world.estate_a.pk, JAN, JAN))
    assert (rate.invited, rate.answered, rate.expired, rate.waiting) == (5, 5, 0, 0)
    assert rate.rate.percent == 100


def test_service_scores_shrink_toward_the_estate_mean_and_need_five_surveys(world):
    from feedback.instruments.selectors import instrument_for
    from tests.residents.factories import EstateRoleFactory

    repair = instrument_for(estate_id=world.estate_a.pk, purpose="transactional")
    good, new = world.users["technician"], EstateRoleFactory(estate=world.estate_a, role="technician").user
    ratings = {item.pk: {"perceived": 6} for item in repair.items.all()}
    for technician, csat in [(good, 5)] * 6 + [(new, 1)] * 4:
        respond(instrument=repair, estate=world.estate_a, recipient=world.users["owner"], submitted_at=local(2026, 1),
                ratings=ratings, csat=csat, technician=technician)  # fmt: skip
    estate_mean, scores = service_scores(estate_id=world.estate_a.pk, start=JAN, end=JAN)
    assert estate_mean == pytest.approx((6 * 5 + 4 * 1) / 10)
    # (6·5 + 10·3.4)/(6 + 10) = 4.0
    assert scores[good.pk].score == pytest.approx(4.0)
    assert isinstance(scores[new.pk], scoring.Suppressed) and scores[new.pk].n == 4
