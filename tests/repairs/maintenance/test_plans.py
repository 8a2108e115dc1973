"""Managers editing plans: what is checked, what is kept, where the schedule restarts."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from core.errors import NotPermitted
from core.models import AuditEvent
from repairs import tasks
from repairs.maintenance import services
from repairs.models import ChecklistItem, MaintenancePlan
from residents.models import Trade
from tests.repairs.maintenance.conftest import at, plan_input

pytestmark = pytest.mark.django_db


def _create(world, lift, **overrides):
    return services.maintenance_plan_create(
        actor=world.users["manager"], estate_id=world.estate_a.pk, data=plan_input(lift, **overrides)
    )


def test_a_plan_is_created_with_its_checklist_and_audited(world, make_plan):
    plan = make_plan()
    assert (plan.next_due, plan.active, plan.created_by) == (date(2026, 3, 10), True, world.users["manager"])
    assert list(plan.checklist.values_list("position", "requires_value")) == [(1, False), (2, True)]
    assert AuditEvent.objects.filter(action="maintenance_plan.create", object_id=str(plan.pk)).exists()


def test_a_first_due_date_in_the_past_starts_at_its_next_occurrence(make_plan):
    plan = make_plan(first_due=date(2025, 11, 30))  # today is 2026-03-01
    assert plan.next_due == date(2026, 3, 30)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "  "}, "title"),
        ({"trade": "astrology"}, "trade"),
        ({"common_area_id": None}, "common_area"),
        ({"priority": "whenever"}, "priority"),
        ({"interval": 0}, "interval"),
        ({"unit": "fortnights"}, "unit"),
        ({"lead_days": 28}, "lead_days"),  # monthly: at most 27 days ahead, or two orders could be due at once
        ({"unit": "days", "interval": 1, "lead_days": 1}, "lead_days"),
        ({"checklist": tuple(services.ChecklistLine(f"第{n}项") for n in range(51))}, "checklist"),
    ],
)
def test_bad_fields_are_named_and_nothing_is_saved(world, lift, clock, overrides, field):
    with pytest.raises(ValidationError) as refused:
        _create(world, lift, **overrides)
    assert field in refused.value.message_dict
    assert not MaintenancePlan.objects.exists() and not ChecklistItem.objects.exists()


def test_a_common_area_of_another_estate_is_refused(world, lift_b, lift, clock):
    with pytest.raises(ValidationError) as refused:
        _create(world, lift, common_area_id=lift_b.pk)
    assert "common_area" in refused.value.message_dict


def test_the_default_technician_must_serve_the_estate_in_the_trade(world, lift, clock, lift_technician):
    with pytest.raises(ValidationError) as refused:
        _create(world, lift, trade="fire", default_assignee_id=lift_technician.pk)  # a lift man, not fire
    assert "default_assignee" in refused.value.message_dict
    with pytest.raises(ValidationError):
        _create(world, lift, default_assignee_id=world.users["dispatcher"].pk)
    assert _create(world, lift, default_assignee_id=lift_technician.pk).default_assignee == lift_technician


def test_only_managers_of_the_estate_edit_plans(world, lift, clock, make_plan):
    for who in ("dispatcher", "technician", "manager_b", "owner"):
        with pytest.raises(NotPermitted):
            services.maintenance_plan_create(actor=world.users[who], estate_id=world.estate_a.pk,
                                             data=plan_input(lift))  # fmt: skip
    plan = make_plan()
    with pytest.raises(NotPermitted):
        services.maintenance_plan_update(actor=world.users["manager_b"], plan_id=plan.pk, data=plan_input(lift))
    with pytest.raises(NotPermitted):
        services.maintenance_plan_deactivate(actor=world.users["manager_b"], plan_id=plan.pk)


def test_an_update_replaces_the_checklist_and_keeps_next_due_when_the_schedule_stays(world, lift, make_plan):
    plan = make_plan()
    lines = (services.ChecklistLine("检查钢丝绳"), services.ChecklistLine("测试应急电话", requires_value=False))
    updated = services.maintenance_plan_update(
        actor=world.users["manager"], plan_id=plan.pk, data=plan_input(lift, title="电梯半月检", checklist=lines)
    )
    assert (updated.title, updated.next_due) == ("电梯半月检", date(2026, 3, 10))
    assert list(updated.checklist.values_list("text", flat=True)) == ["检查钢丝绳", "测试应急电话"]
    entry = AuditEvent.objects.get(action="maintenance_plan.update", object_id=str(plan.pk))
    assert entry.detail["changed"] == ["title"]


def test_a_new_schedule_restarts_after_the_last_generated_due_date(world, lift, make_plan, clock):
    plan = make_plan()
    clock.move_to(at(date(2026, 3, 8)))
    tasks.generate_maintenance_orders()  # made the order due 2026-03-10
    updated = services.maintenance_plan_update(
        actor=world.users["manager"], plan_id=plan.pk, data=plan_input(lift, first_due=date(2026, 3, 1), interval=3,
                                                                       unit="weeks", lead_days=2),
    )  # fmt: skip
    assert updated.next_due == date(2026, 3, 22)  # Mar 1 + 3 weeks: the first occurrence after Mar 10


def test_deactivating_stops_generation_and_reactivating_restarts_from_today(world, lift, make_plan, clock):
    plan = make_plan(lead_days=0)
    services.maintenance_plan_deactivate(actor=world.users["manager"], plan_id=plan.pk)
    clock.move_to(at(date(2026, 5, 2)))
    assert tasks.generate_maintenance_orders() == 0
    again = services.maintenance_plan_update(actor=world.users["manager"], plan_id=plan.pk,
                                             data=plan_input(lift, lead_days=0, active=True))  # fmt: skip
    assert again.next_due == date(2026, 5, 10)  # the months it was off are not owed
    assert AuditEvent.objects.filter(action="maintenance_plan.deactivate", object_id=str(plan.pk)).count() == 1


def test_deactivating_twice_is_harmless(world, make_plan):
    plan = make_plan()
    services.maintenance_plan_deactivate(actor=world.users["manager"], plan_id=plan.pk)
    assert not services.maintenance_plan_deactivate(actor=world.users["manager"], plan_id=plan.pk).active
    assert AuditEvent.objects.filter(action="maintenance_plan.deactivate").count() == 1


def test_the_plan_trade_may_change_with_a_matching_technician(world, lift, make_plan, lift_technician):
    plan = make_plan(default_assignee_id=lift_technician.pk)
    lift_technician.staff_profile.trades.add(Trade.objects.get(key="fire"))
    updated = services.maintenance_plan_update(actor=world.users["manager"], plan_id=plan.pk,
                                               data=plan_input(lift, trade="fire",
                                                               default_assignee_id=lift_technician.pk))  # fmt: skip
    assert updated.trade.key == "fire"
