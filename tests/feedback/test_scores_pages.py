"""The dashboard, its exports, the printable report and the API: who sees what, and within how many queries."""

import io
import re

import pytest
import time_machine
from openpyxl import load_workbook

from feedback.complaints.services import Submission, complaint_submit
from repairs import dispatch
from residents.models import StaffProfile, Trade

from .scores_helpers import local, random_ratings, respond, three_column_instrument
from .test_scores_selectors import FIVE, answer, small  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(world, small):  # noqa: F811
    for p, e, points, csat, nps in FIVE:
        answer(world, small, p, e, points, csat, nps, when=local(2026, 1))
    return small


PERIOD = "from=2026-01&to=2026-01"


def test_the_dashboard_draws_the_charts_and_tables_within_a_fixed_number_of_queries(
    world, web_as, answered, django_assert_max_num_queries
):
    client = web_as(world.users["committee"])
    with django_assert_max_num_queries(21):  # 20 for the figures, 1 for complaints by dimension
        page = client.get(f"/staff/scores/alpha/?{PERIOD}")
    html = page.content.decode()
    assert page.status_code == 200 and html.count("<svg") == 2  # trend and gaps (a radar needs three dimensions)
    assert "-0.80" in html and "60.0%" in html  # tangibles gap, CSAT


def test_the_dashboard_says_why_a_small_group_shows_nothing(world, web_as, small):  # noqa: F811
    for p, e, points, csat, nps in FIVE[:3]:
        answer(world, small, p, e, points, csat, nps, when=local(2026, 1))
    from feedback import scoring

    html = web_as(world.users["manager"]).get(f"/staff/scores/alpha/?{PERIOD}").content.decode()
    assert "-0.80" not in html and "4.67" not in html  # no gap, no mean P of the three
    assert scoring.Suppressed(3).reason.replace("'", "&#x27;") in html


def test_bad_filters_are_named_on_the_page_and_in_the_api(world, web_as, api_as, answered):
    page = web_as(world.users["manager"]).get("/staff/scores/alpha/?from=2026-13&building=1&trade=1")
    assert page.status_code == 200 and b"errorlist" in page.content
    body = api_as(world.users["manager"]).get("/api/v1/staff/scores/?estate=alpha&from=2026-13&level=3").json()
    assert set(body["errors"]) >= {"from", "level"}


def test_complaints_of_the_period_are_counted_by_dimension_on_the_dashboard(world, web_as, answered):
    for when, dims in ((local(2026, 1), ("tangibles", "courtesy")), (local(2026, 1, 20), ("tangibles",)),
                       (local(2026, 2), ("tangibles",))):  # fmt: skip
        with time_machine.travel(when, tick=False):
            complaint_submit(actor=world.users["owner"], submission=Submission(
                kind="complaint", estate="alpha", addressee="company", title="保洁", body=f"楼道脏 {when}",
                dimensions=dims))  # fmt: skip
    html = web_as(world.users["manager"]).get(f"/staff/scores/alpha/?{PERIOD}").content.decode()
    rows = re.findall(r"<tr><td>([^<]+)</td><td>(\d+)</td></tr>", html)
    assert ("可感知性", "2") in rows and ("友爱/礼貌", "1") in rows  # February's complaint is outside the period


def test_csv_and_xlsx_exports_carry_the_figures(world, web_as, answered):
    client = web_as(world.users["manager"])
    csv = client.get(f"/staff/scores/alpha/scores.csv?{PERIOD}")
    assert csv["Content-Type"].startswith("text/csv") and "-0.8" in csv.content.decode("utf-8-sig")
    xlsx = client.get(f"/staff/scores/alpha/scores.xlsx?{PERIOD}")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert -0.8 in values and 60.0 in values


def test_the_printable_report_links_a_print_stylesheet(world, web_as, answered):
    html = web_as(world.users["committee"]).get(f"/staff/scores/alpha/report/?{PERIOD}").content.decode()
    assert 'media="print"' in html and "print.css" in html and "<svg" in html


def test_the_api_returns_figures_and_suppressed_ones_as_null_with_a_reason(
    world, api_as, answered, django_assert_max_num_queries
):
    client = api_as(world.users["manager"])
    with django_assert_max_num_queries(10):
        body = client.get(f"/api/v1/staff/scores/?estate=alpha&{PERIOD}").json()
    tangibles = body["dimensions"][0]
    assert tangibles["key"] == "tangibles" and tangibles["figures"]["gap"] == pytest.approx(-0.8)
    assert body["csat"]["value"] == pytest.approx(60) and body["priorities"][0]["dimension"] == "reliability"
    building = world.unit_a.building_id
    trend = client.get(f"/api/v1/staff/scores/trend/?estate=alpha&{PERIOD}&building={building}").json()
    assert trend["months"][0]["n"] == 5
    technicians = client.get(f"/api/v1/staff/scores/technicians/?estate=alpha&{PERIOD}").json()
    assert technicians == {"estate": "alpha", "estate_mean": None, "technicians": []}


def test_the_api_withholds_a_small_group(world, api_as, small):  # noqa: F811
    for p, e, points, csat, nps in FIVE[:2]:
        answer(world, small, p, e, points, csat, nps, when=local(2026, 1))
    body = api_as(world.users["manager"]).get(f"/api/v1/staff/scores/?estate=alpha&{PERIOD}").json()
    assert body["overall"]["suppressed"] and body["overall"]["perceived"] is None and body["overall"]["reason"]
    assert body["csat"]["value"] is None


# --- the dispatcher's service score -------------------------------------------------------------------------


@pytest.fixture
def order(world):
    from repairs.services import Report, work_order_submit

    return work_order_submit(actor=world.users["owner"], report=Report(
        trade="plumbing", description="水管爆裂", priority="emergency", unit_id=world.unit_a.pk))  # fmt: skip


@pytest.fixture
def plumbers(world):
    from tests.residents.factories import EstateRoleFactory

    first = world.users["technician"]
    second = EstateRoleFactory(estate=world.estate_a, role="technician").user
    for user in (first, second):
        StaffProfile.objects.create(user=user).trades.set([Trade.objects.get(key="plumbing")])
    return first, second


def test_the_dispatcher_ranks_by_service_score_and_shows_too_few_surveys_as_neutral(world, api_as, order, plumbers):
    from django.utils import timezone

    from feedback.instruments.selectors import instrument_for

    first, second = plumbers
    repair = instrument_for(estate_id=world.estate_a.pk, purpose="transactional")
    import random

    rng = random.Random(3)
    now = timezone.now()
    for technician, csat, count in ((second, 5, 6), (first, 2, 3)):
        for _ in range(count):
            respond(instrument=repair, estate=world.estate_a, recipient=world.users["owner"], submitted_at=now,
                    ratings=random_ratings(rng, repair), csat=csat, technician=technician)  # fmt: skip
    body = api_as(world.users["dispatcher"]).get(f"/api/v1/staff/work-orders/{order.pk}/suggestions/").json()
    assert [s["user_id"] for s in body] == [second.pk, first.pk]
    # estate mean (6·5 + 3·2)/9 = 4; second: (6·5 + 10·4)/16 = 4.375; first: 3 surveys, not shown
    assert body[0]["service_score"] == pytest.approx(4.38) and body[0]["service_surveys"] == 6
    assert body[1]["service_score"] is None and body[1]["service_surveys"] == 3


def test_without_a_provider_the_dispatcher_stays_neutral(world, order, plumbers):
    from repairs.selectors import dispatch_suggestions

    providers = list(dispatch._providers)
    dispatch._providers.clear()
    try:
        suggestions = dispatch_suggestions(order=order)
    finally:
        dispatch._providers.extend(providers)
    assert all(s.service_score is None and s.ranking_score == dispatch.NEUTRAL_RATING for s in suggestions)


def test_three_column_figures_reach_the_page(world, web_as):
    instrument = three_column_instrument()
    rng = __import__("random").Random(1)
    for _ in range(5):
        respond(instrument=instrument, estate=world.estate_a, recipient=world.users["owner"],
                submitted_at=local(2026, 1), ratings=random_ratings(rng, instrument))  # fmt: skip
    html = web_as(world.users["manager"]).get(f"/staff/scores/alpha/?{PERIOD}").content.decode()
    assert "MSA" in html and "<svg" in html
