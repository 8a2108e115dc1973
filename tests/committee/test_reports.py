"""The monthly service-quality report: figures checked by hand, the floor of 5, the frozen snapshot, the state
table, the committee told, and the beat task."""

import itertools
from datetime import timedelta
from types import SimpleNamespace

import pytest
import time_machine

from committee.reports import figures, workflow
from committee.reports.models import QualityReport
from committee.reports.services import report_approve, report_generate, report_publish, report_regenerate
from committee.spotchecks.services import spot_check_draw, spot_check_record
from committee.tasks import generate_quality_reports
from core.errors import InvalidTransition, NotPermitted
from core.models import OutboxMessage
from feedback import scoring
from repairs.models import WorkOrder
from tests.committee.quality_helpers import at, complaint, finished

JANUARY = at(2030, 1, 1).date()


def times(completed, due, reopened=0, accepted=None, response_due=None):
    return figures.OrderTimes(accepted, response_due, None, None, completed, due, reopened)


# --- pure figures ------------------------------------------------------------------------------------------


def test_share_is_withheld_below_five_orders():
    assert figures.share(3, 4) == {"n": 4, "met": None, "percent": None, "suppressed": True}
    assert figures.share(4, 5) == {"n": 5, "met": 4, "percent": 80.0, "suppressed": False}


def test_sla_counts_orders_finished_by_their_deadline_by_hand():
    t = at(2030, 1, 10)
    orders = [times(t, t), times(t, t + timedelta(hours=1)), times(t, t - timedelta(minutes=1)),
              times(t, t), times(t, None), times(t, t, accepted=t, response_due=t)]  # fmt: skip
    sla = figures.sla(orders)
    assert sla["resolution"] == {"n": 5, "met": 4, "percent": 80.0, "suppressed": False}
    assert sla["response"]["suppressed"] and sla["arrival"]["n"] == 0


def test_reopen_rate_is_the_share_of_completed_orders_ever_reopened():
    t = at(2030, 1, 10)
    orders = [times(t, t, reopened=r) for r in (0, 2, 0, 0, 1, 0, 0, 0)]
    assert figures.first_time_fix(orders) == {"n": 8, "met": 2, "percent": 25.0, "suppressed": False}


def test_complaint_counts_of_one_to_four_are_withheld():
    assert [figures.count(n) for n in (0, 1, 4, 5, 12)] == [0, None, None, 5, 12]


def test_verdict_breakdown_needs_five_verdicts():
    assert figures.verdicts(["fixed_well"] * 4)["counts"] is None
    found = figures.verdicts(["fixed_well", "fixed_well", "not_fixed", "fixed_poorly", "fixed_well"])
    assert found["counts"] == {"fixed_well": 3, "fixed_poorly": 1, "not_fixed": 1}


def test_servqual_copies_the_feedback_figures_and_keeps_all_ten_keys():
    shown = scoring.Scores(n=6, perceived=5.4321, expected=6.0, gap=-0.5679)
    report = SimpleNamespace(instrument=SimpleNamespace(key="residential"), n=6, overall=shown,
                             dimensions=[SimpleNamespace(key="tangibles", scores=shown),
                                         SimpleNamespace(key="access", scores=scoring.Suppressed(3))])  # fmt: skip
    out = figures.servqual(report)
    by_key = {d["key"]: d for d in out["dimensions"]}
    assert len(by_key) == 10 and out["overall"]["perceived"] == 5.43
    assert by_key["tangibles"] == {**by_key["tangibles"], "n": 6, "perceived": 5.43, "gap": -0.57}
    assert by_key["access"]["suppressed"] and by_key["access"]["perceived"] is None
    assert by_key["security"] == {**by_key["security"], "n": 0, "suppressed": True}


# --- the stored report -----------------------------------------------------------------------------------


@pytest.fixture
def clock():
    with time_machine.travel(at(2030, 2, 3), tick=False):
        yield


@pytest.fixture
def month_data(world, clock):
    """Estate A in January: six orders completed (five by their deadline, one reopened before), five complaints
    and two suggestions filed, five spot-check verdicts recorded; complaints in December too."""
    for day in range(3, 9):
        order = finished(world.unit_a, at(2030, 1, day), reopen_count=1 if day == 3 else 0)
        due = at(2030, 1, day) + (timedelta(hours=-1) if day == 8 else timedelta(hours=2))
        WorkOrder.objects.filter(pk=order.pk).update(resolution_due=due)
    person = world.users["owner"].person
    for day in range(1, 6):
        complaint(world.estate_a, person, at(2030, 1, day))
        complaint(world.estate_a, person, at(2029, 12, day))
    complaint(world.estate_a, person, at(2030, 1, 9), kind="suggestion")
    complaint(world.estate_a, person, at(2030, 1, 10), kind="suggestion")
    for day in range(20, 25):  # December's work, checked in January
        finished(world.unit_a, at(2029, 12, day))
    with time_machine.travel(at(2030, 1, 2), tick=False):
        draw, _ = spot_check_draw(estate_id=world.estate_a.pk, month=at(2029, 12, 1).date())
    with time_machine.travel(at(2030, 1, 15), tick=False):
        for check, verdict in zip(draw.checks.all(), ["fixed_well"] * 3 + ["fixed_poorly", "not_fixed"], strict=True):
            spot_check_record(check_id=check.pk, actor=world.users["committee"], verdict=verdict, method="phone",
                              notes="复查")  # fmt: skip


def test_report_figures_by_hand(world, month_data):
    report, created = report_generate(estate_id=world.estate_a.pk, month=JANUARY)
    f = report.figures
    assert created and f["schema"] == figures.SCHEMA_VERSION == report.schema_version and f["month"] == "2030-01"
    assert f["sla"]["resolution"] == {"n": 6, "met": 5, "percent": 83.3, "suppressed": False}
    assert f["reopen"] == {"n": 6, "met": 1, "percent": 16.7, "suppressed": False}
    assert f["complaints"]["months"] == ["2029-08", "2029-09", "2029-10", "2029-11", "2029-12", "2030-01"]
    assert f["complaints"]["by_kind"]["complaint"] == [0, 0, 0, 0, 5, 5]
    assert f["complaints"]["by_kind"]["suggestion"] == [0, 0, 0, 0, 0, None]
    assert f["spot_checks"]["counts"] == {"fixed_well": 3, "fixed_poorly": 1, "not_fixed": 1}
    assert f["servqual"]["instrument"] is None and all(d["suppressed"] for d in f["servqual"]["dimensions"])


def test_report_snapshot_does_not_change_with_later_data(world, month_data):
    report, _ = report_generate(estate_id=world.estate_a.pk, month=JANUARY)
    before = report.figures
    finished(world.unit_a, at(2030, 1, 20))
    again, created = report_generate(estate_id=world.estate_a.pk, month=JANUARY)
    assert not created and again.figures == before
    assert QualityReport.objects.get(pk=report.pk).figures == before
    regenerated = report_regenerate(report_id=report.pk, actor=world.users["committee"])
    assert regenerated.figures["reopen"]["n"] == 7
    assert OutboxMessage.objects.filter(event_key=f"quality-report.{report.pk}.generated.2").exists()


def test_report_is_approved_then_published_and_no_longer_regenerated(world, month_data):
    report, _ = report_generate(estate_id=world.estate_a.pk, month=JANUARY)
    member = world.users["committee"]
    approved = report_approve(report_id=report.pk, actor=member, expected_version=report.version)
    assert (approved.status, approved.approved_by) == ("approved", member)
    with pytest.raises(InvalidTransition):
        report_regenerate(report_id=report.pk, actor=member)
    assert report_publish(report_id=report.pk, actor=member).published_at is not None
    with pytest.raises(InvalidTransition):
        report_approve(report_id=report.pk, actor=member)


def test_report_steps_refuse_another_estates_committee(world, clock):
    report, _ = report_generate(estate_id=world.estate_a.pk, month=JANUARY)
    with pytest.raises(NotPermitted):
        report_approve(report_id=report.pk, actor=world.users["committee_b"])
    assert QualityReport.objects.get(pk=report.pk).status == "generated"


def test_generating_tells_the_estates_committee_through_the_outbox(world, clock):
    report, _ = report_generate(estate_id=world.estate_a.pk, month=JANUARY)
    told = set(OutboxMessage.objects.filter(event_key__startswith=f"quality-report.{report.pk}.")
               .values_list("recipient_id", flat=True))  # fmt: skip
    assert told == {world.users["committee"].pk}


@pytest.mark.parametrize(
    ("status", "action"),
    itertools.product([s for s, _ in workflow.STATUS_CHOICES], ["regenerate", "approve", "publish", "delete"]),
)
def test_state_table_allows_exactly_these_moves(status, action):
    expected = {("generated", "regenerate"): "generated", ("generated", "approve"): "approved",
                ("approved", "publish"): "published"}.get((status, action))  # fmt: skip
    if expected is None:
        with pytest.raises(workflow.TransitionError):
            workflow.transition(status=status, action=action)
    else:
        assert workflow.transition(status=status, action=action).target == expected


def test_beat_makes_last_months_report_of_every_estate_once(world):
    with time_machine.travel(at(2030, 2, 1, 6), tick=False):
        assert generate_quality_reports() == 2
        assert generate_quality_reports() == 0
    assert set(QualityReport.objects.values_list("month", flat=True)) == {JANUARY}
