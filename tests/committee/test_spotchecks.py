"""Spot checks: the monthly draw (size, month, seed, once per estate and month) and the verdicts, of which
"not fixed" reopens the order on the committee's finding."""

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from committee.models import CommitteeRules
from committee.spotchecks import draw as sampling
from committee.spotchecks.models import SpotCheck, SpotCheckDraw
from committee.spotchecks.services import spot_check_draw, spot_check_record
from committee.tasks import draw_spot_checks
from core.errors import InvalidTransition, NotPermitted
from repairs.models import WorkOrder
from tests.committee.quality_helpers import at, finished

JANUARY = at(2030, 1, 1).date()


@pytest.fixture
def clock():
    with time_machine.travel(at(2030, 2, 3), tick=False):
        yield


@pytest.fixture
def january(world, clock):
    """Seven orders of estate A finished in January, and others that are not January's finished work."""
    orders = [finished(world.unit_a, at(2030, 1, day)) for day in range(3, 10)]
    finished(world.unit_a, at(2029, 12, 30))  # December
    finished(world.unit_a, at(2030, 2, 1))  # this month, not over
    finished(world.unit_a, at(2030, 1, 12), status="accepted")  # reopened meanwhile: back in work
    finished(world.unit_b, at(2030, 1, 5))  # the other estate
    return orders


def test_draw_samples_the_rules_size_from_the_months_finished_orders(world, january):
    made, created = spot_check_draw(estate_id=world.estate_a.pk, month=JANUARY, actor=world.users["committee"])
    drawn = list(made.checks.values_list("work_order_id", flat=True))
    assert created and made.size == 5 and len(drawn) == 5
    assert made.population == sorted(o.pk for o in january)
    assert set(drawn) <= {o.pk for o in january}


def test_draw_is_reproducible_from_its_stored_seed(world, january):
    made, _ = spot_check_draw(estate_id=world.estate_a.pk, month=JANUARY)
    drawn = list(made.checks.order_by("position").values_list("work_order_id", flat=True))
    again = sampling.sample(seed=made.seed, population=list(reversed(made.population)), size=made.size)
    assert drawn == again


def test_draw_takes_every_order_when_fewer_than_the_size(world, january):
    CommitteeRules.objects.create(estate=world.estate_b, spot_check_size=5)
    made, _ = spot_check_draw(estate_id=world.estate_b.pk, month=JANUARY)
    assert made.checks.count() == 1


def test_draw_uses_the_estates_own_size(world, january):
    CommitteeRules.objects.create(estate=world.estate_a, spot_check_size=2)
    made, _ = spot_check_draw(estate_id=world.estate_a.pk, month=JANUARY)
    assert made.size == 2 and made.checks.count() == 2


def test_draw_is_made_once_per_estate_and_month(world, january):
    first, _ = spot_check_draw(estate_id=world.estate_a.pk, month=JANUARY)
    second, created = spot_check_draw(estate_id=world.estate_a.pk, month=JANUARY, actor=world.users["committee"])
    assert (second.pk, created) == (first.pk, False)
    assert SpotCheckDraw.objects.filter(estate=world.estate_a).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        SpotCheckDraw.objects.create(estate=world.estate_a, month=JANUARY, size=5, seed=1)


def test_draw_refuses_a_month_not_yet_over(world, clock):
    with pytest.raises(ValidationError):
        spot_check_draw(estate_id=world.estate_a.pk, month=at(2030, 2, 1).date())
    assert not SpotCheckDraw.objects.exists()


def test_draw_refuses_a_member_of_another_committee(world, january):
    with pytest.raises(NotPermitted):
        spot_check_draw(estate_id=world.estate_a.pk, month=JANUARY, actor=world.users["committee_b"])


def test_beat_draws_last_month_in_every_estate_once(world, january):
    with time_machine.travel(at(2030, 2, 1, 6), tick=False):
        assert draw_spot_checks() == 2
        assert draw_spot_checks() == 0
    assert set(SpotCheckDraw.objects.values_list("month", flat=True)) == {JANUARY}


# --- verdicts ---------------------------------------------------------------------------------------------


@pytest.fixture
def check(world, january):
    made, _ = spot_check_draw(estate_id=world.estate_a.pk, month=JANUARY)
    return made.checks.first()


def test_not_fixed_reopens_the_closed_order_with_the_committees_finding(world, check):
    member = world.users["committee"]
    spot_check_record(check_id=check.pk, actor=member, verdict="not_fixed", method="visit", notes="水管仍在滴水")
    order = WorkOrder.objects.get(pk=check.work_order_id)
    event = order.events.last()
    assert (order.status, order.reopen_count, order.closed_at, order.completed_at) == ("accepted", 1, None, None)
    assert (event.action, event.from_status, event.actor) == ("committee_reopen", "closed", member)
    assert "水管仍在滴水" in event.note


def test_not_fixed_without_notes_is_refused_and_nothing_changes(world, check):
    with pytest.raises(ValidationError) as exc:
        spot_check_record(check_id=check.pk, actor=world.users["committee"], verdict="not_fixed", method="phone")
    assert "notes" in exc.value.message_dict
    assert SpotCheck.objects.get(pk=check.pk).verdict == ""
    assert WorkOrder.objects.get(pk=check.work_order_id).status == "closed"


def test_fixed_well_leaves_the_order_closed(world, check):
    spot_check_record(check_id=check.pk, actor=world.users["committee"], verdict="fixed_well", method="phone")
    assert WorkOrder.objects.get(pk=check.work_order_id).status == "closed"
    assert SpotCheck.objects.get(pk=check.pk).checked_by == world.users["committee"]


def test_a_verdict_is_recorded_once(world, check):
    spot_check_record(check_id=check.pk, actor=world.users["committee"], verdict="fixed_poorly", method="phone")
    with pytest.raises(InvalidTransition):
        spot_check_record(check_id=check.pk, actor=world.users["committee"], verdict="fixed_well", method="phone")


def test_another_estates_committee_cannot_record_a_verdict(world, check):
    with pytest.raises(NotPermitted):
        spot_check_record(check_id=check.pk, actor=world.users["committee_b"], verdict="fixed_well", method="phone")


def test_not_fixed_on_an_order_already_back_in_work_only_records_the_verdict(world, check):
    WorkOrder.objects.filter(pk=check.work_order_id).update(status="accepted")
    spot_check_record(check_id=check.pk, actor=world.users["committee"], verdict="not_fixed", method="phone",
                      notes="还在漏")  # fmt: skip
    assert not WorkOrder.objects.get(pk=check.work_order_id).events.filter(action="committee_reopen").exists()
