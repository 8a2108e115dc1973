"""repairs.service_levels: what the guide promises is what the SLA clock measures, read without writing."""

from datetime import time, timedelta

import pytest

from repairs import sla
from repairs.models import RepairSettings, SlaPolicy
from repairs.service_levels import service_levels
from repairs.services import Report, work_order_submit
from residents.models import Trade

pytestmark = pytest.mark.django_db


def policy(estate, priority, *, trade=None, arrival, around_the_clock=True):
    return SlaPolicy.objects.create(estate=estate, priority=priority, trade=trade, response_minutes=5,
                                    arrival_minutes=arrival, resolution_minutes=120,
                                    around_the_clock=around_the_clock)  # fmt: skip


def test_without_policies_an_estate_promises_the_defaults_and_nothing_is_written(world):
    levels = service_levels(estate_id=world.estate_a.pk)
    assert levels.by_priority == sla.DEFAULT_TARGETS
    assert list(levels.by_priority) == ["emergency", "urgent", "routine"]
    assert levels.by_trade == []
    assert (levels.hours.start, levels.hours.end, levels.hours.weekdays) == (time(8), time(18), {1, 2, 3, 4, 5, 6})
    assert not RepairSettings.objects.exists()


def test_an_estate_s_policies_and_a_trade_s_own_targets_are_its_promise(world):
    lift = Trade.objects.get(key="lift")
    policy(world.estate_a, "emergency", arrival=20)
    policy(world.estate_a, "emergency", trade=lift, arrival=15)
    policy(world.estate_b, "emergency", arrival=45)
    RepairSettings.objects.create(estate=world.estate_a, business_day_start=time(9), business_day_end=time(17),
                                  business_weekdays=[1, 2, 3, 4, 5])  # fmt: skip
    levels = service_levels(estate_id=world.estate_a.pk)
    assert levels.by_priority["emergency"].arrival_minutes == 20
    assert levels.by_priority["urgent"] == sla.DEFAULT_TARGETS["urgent"]
    [own] = levels.by_trade
    assert (own.trade, own.priority, own.targets.arrival_minutes) == (lift, "emergency", 15)
    assert (levels.hours.start, levels.hours.weekdays) == (time(9), {1, 2, 3, 4, 5})


@pytest.mark.parametrize(("trade", "arrival"), [("plumbing", 20), ("lift", 15)])
def test_the_promise_is_the_deadline_a_new_order_gets(world, trade, arrival):
    policy(world.estate_a, "emergency", arrival=20)
    policy(world.estate_a, "emergency", trade=Trade.objects.get(key="lift"), arrival=15)
    levels = service_levels(estate_id=world.estate_a.pk)
    promised = next((t.targets for t in levels.by_trade if t.trade.key == trade), levels.by_priority["emergency"])
    assert promised.arrival_minutes == arrival
    order = work_order_submit(
        actor=world.users["owner"],
        report=Report(trade=trade, description="漏水", priority="emergency", unit_id=world.unit_a.pk),
    )
    measured = order.arrival_due - order.response_due
    assert measured == timedelta(minutes=promised.arrival_minutes - promised.response_minutes)
