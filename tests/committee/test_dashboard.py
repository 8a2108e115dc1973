"""The committee dashboard: figures from feedback and repairs, anonymised (no names, masked units, nothing for a
group under MIN_GROUP), in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from committee.dashboard.figures import Count, mask_unit
from feedback.complaints.models import Complaint
from feedback.models import Instrument
from feedback.scoring import MIN_GROUP
from repairs.models import WorkOrderEvent
from tests.feedback.scores_helpers import respond, three_column_instrument
from tests.repairs.factories import WorkOrderFactory
from tests.residents.factories import PersonFactory, UserFactory

URL = "/api/v1/committee/alpha/dashboard/"


def _complaints(world, count, kind="complaint", **fields):
    now = timezone.now()
    for n in range(count):
        person = PersonFactory(full_name=f"投诉人{kind}{n}")
        Complaint.objects.create(
            estate=world.estate_a, unit=world.unit_a, submitter=person, kind=kind, title=f"标题{n}", body="内容",
            body_digest=f"{kind}{n}", received_at=now, acknowledge_due=now + timedelta(days=1),
            answer_due=now + timedelta(days=5), **fields,
        )  # fmt: skip


def _respondents(world, count, perceived=6, instrument=None):
    instrument = instrument or three_column_instrument(keys=("tangibles", "reliability"),
                                                       format=Instrument.Format.SERVPERF)  # fmt: skip
    for _ in range(count):
        ratings = {item.pk: {"perceived": perceived} for item in instrument.items.all()}
        respond(instrument=instrument, estate=world.estate_a, recipient=UserFactory(),
                submitted_at=timezone.now() - timedelta(hours=1), ratings=ratings)  # fmt: skip
    return instrument


def _overdue_order(world, **fields):
    reporter = PersonFactory(full_name="报修人张三")
    return WorkOrderFactory(unit=world.unit_a, estate=world.estate_a, reporter=reporter, status="accepted",
                            resolution_due=timezone.now() - timedelta(hours=3), **fields)  # fmt: skip


def _get(world, api_as):
    response = api_as(world.users["committee"]).get(URL)
    assert response.status_code == 200
    return response.json()


def test_count_withholds_small_groups_but_not_zero():
    assert [Count(n).value for n in (0, 1, MIN_GROUP - 1, MIN_GROUP)] == [0, None, None, MIN_GROUP]


def test_mask_unit_keeps_only_the_floor():
    assert (mask_unit("0101"), mask_unit("1502"), mask_unit("12")) == ("01**", "15**", "**")


def test_scores_come_from_the_rollups_and_are_withheld_below_min_group(world, api_as):
    instrument = _respondents(world, MIN_GROUP - 1)
    scores = _get(world, api_as)["scores"]
    assert scores["respondents"] is None and scores["overall"] is None
    assert {d["key"]: d["perceived"] for d in scores["dimensions"]} == {"tangibles": None, "reliability": None}
    _respondents(world, 1, instrument=instrument)
    scores = _get(world, api_as)["scores"]
    assert scores["respondents"] == MIN_GROUP
    assert {d["key"]: d["perceived"] for d in scores["dimensions"]} == {"tangibles": 6.0, "reliability": 6.0}
    assert [p["respondents"] for p in scores["trend"]] == [MIN_GROUP]


def test_complaint_volumes_by_month_and_kind_withhold_groups_under_five(world, api_as):
    _complaints(world, 3)
    _complaints(world, 5, kind="suggestion")
    volumes = _get(world, api_as)["complaints"]["volumes"]
    assert {v["kind"]: v["count"] for v in volumes} == {"complaint": None, "suggestion": 5, "praise": 0}
    assert {v["month"] for v in volumes} == {timezone.localdate().strftime("%Y-%m")}


def test_escalated_complaints_are_listed_by_number(world, api_as):
    _complaints(world, 2, committee_since=timezone.now(), status="committee_review")
    escalated = _get(world, api_as)["complaints"]
    ids = sorted(Complaint.objects.values_list("pk", flat=True))
    assert (sorted(escalated["escalated"]), escalated["escalated_count"]) == (ids, None)


def test_overdue_orders_and_breaches_with_masked_units_and_no_names(world, api_as, web_as):
    orders = [_overdue_order(world) for _ in range(MIN_GROUP)]
    WorkOrderFactory(
        unit=world.unit_a, estate=world.estate_a, status="accepted", resolution_due=timezone.now() + timedelta(hours=3)
    )  # not yet overdue
    for order in orders[:2]:
        WorkOrderEvent.objects.create(order=order, action="sla_breach", visibility="internal")
    repairs = _get(world, api_as)["repairs"]
    assert repairs["overdue_count"] == MIN_GROUP
    assert sorted(o["number"] for o in repairs["overdue"]) == sorted(o.pk for o in orders)
    assert {o["where"] for o in repairs["overdue"]} == {"1号楼 01**"}
    assert repairs["breaches"] == [{"month": timezone.localdate().strftime("%Y-%m"), "count": None}]


@pytest.mark.parametrize("audience", ["api", "html"])
def test_the_dashboard_names_nobody_and_shows_no_full_unit_number(world, api_as, web_as, audience):
    _complaints(world, MIN_GROUP)
    for _ in range(MIN_GROUP):
        _overdue_order(world)
    _respondents(world, MIN_GROUP)
    if audience == "api":
        text = api_as(world.users["committee"]).get(URL).content.decode()
    else:
        text = web_as(world.users["committee"]).get("/committee/alpha/dashboard/").content.decode()
    assert "投诉人" not in text and "报修人" not in text and "0101" not in text
    assert world.users["owner"].person.full_name not in text


def test_the_dashboard_takes_a_fixed_handful_of_queries(world, api_as, django_assert_max_num_queries):
    _complaints(world, 6)
    _complaints(world, 6, kind="praise", committee_since=timezone.now(), status="committee_review")
    for _ in range(8):
        _overdue_order(world)
    _respondents(world, 6)
    client = api_as(world.users["committee"])
    # grants 1, estate 1, scores 4 and what may be shown of them 3 (feedback.scores.disclosure), trend 2,
    # complaints 2, overdue orders 2, breaches 1
    with django_assert_max_num_queries(16):
        client.get(URL)


def test_another_estates_committee_gets_404(world, api_as, web_as):
    assert api_as(world.users["committee_b"]).get(URL).status_code == 404
    assert web_as(world.users["committee_b"]).get("/committee/alpha/dashboard/").status_code == 404
