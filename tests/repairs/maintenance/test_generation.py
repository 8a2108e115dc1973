"""Generating planned orders: when, how often, through the workflow, and what a missed run leads to."""

from datetime import date, datetime, time, timedelta

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from core.models import AuditEvent
from repairs import tasks
from repairs.maintenance import services
from repairs.models import MaintenanceRun, RepairSettings, SlaPolicy, WorkOrder, WorkOrderChecklistItem
from residents.models import EstateRole, Role, Trade
from tests.repairs.maintenance.conftest import CHECKLIST, SHANGHAI, at, plan_input

pytestmark = pytest.mark.django_db


def _orders():
    return list(WorkOrder.objects.filter(channel="planned").order_by("id"))


def test_nothing_is_generated_before_the_lead_time_begins(make_plan, clock):
    make_plan()  # due 2026-03-10, made 3 days ahead
    clock.move_to(at(date(2026, 3, 6), 5, 30))
    assert tasks.generate_maintenance_orders() == 0
    assert _orders() == []


def test_the_order_is_made_on_the_first_day_of_the_lead_time_and_next_due_moves_on(make_plan, clock):
    plan = make_plan()
    clock.move_to(at(date(2026, 3, 7), 5, 30))
    assert tasks.generate_maintenance_orders() == 1
    plan.refresh_from_db()
    assert plan.next_due == date(2026, 4, 10)
    run = MaintenanceRun.objects.get(plan=plan)
    assert (run.due_date, run.skipped, run.order.common_area_id) == (date(2026, 3, 10), 0, plan.common_area_id)


def test_running_twice_on_one_day_makes_one_order(make_plan, clock):
    make_plan()
    clock.move_to(at(date(2026, 3, 8), 5, 30))
    assert tasks.generate_maintenance_orders() == 1
    assert tasks.generate_maintenance_orders() == 0
    clock.move_to(at(date(2026, 3, 9), 5, 30))
    assert tasks.generate_maintenance_orders() == 0
    assert len(_orders()) == 1


def test_each_period_makes_its_own_order(make_plan, clock):
    make_plan(lead_days=0)
    for day in (date(2026, 3, 10), date(2026, 4, 10), date(2026, 5, 10)):
        clock.move_to(at(day, 5, 30))
        assert tasks.generate_maintenance_orders() == 1
    assert [o.maintenance_run.due_date for o in _orders()] == [date(2026, 3, 10), date(2026, 4, 10), date(2026, 5, 10)]


def test_inactive_plans_are_skipped(world, make_plan, clock):
    plan = make_plan()
    services.maintenance_plan_deactivate(actor=world.users["manager"], plan_id=plan.pk)
    clock.move_to(at(date(2026, 3, 9), 5, 30))
    assert tasks.generate_maintenance_orders() == 0
    assert _orders() == []


def test_a_missed_stretch_makes_only_the_latest_due_order_and_records_the_skipped_ones(make_plan, clock):
    plan = make_plan(lead_days=0)
    clock.move_to(at(date(2026, 5, 20), 5, 30))  # beat was down on Mar 10 and Apr 10; May 10 passed too
    with translation.override("en"):
        assert tasks.generate_maintenance_orders() == 1
    order = _orders()[0]
    assert (order.maintenance_run.due_date, order.maintenance_run.skipped) == (date(2026, 5, 10), 2)
    assert "2 earlier due dates passed while nothing ran" in order.events.get(action="submit").note
    plan.refresh_from_db()
    assert plan.next_due == date(2026, 6, 10)
    assert tasks.generate_maintenance_orders() == 0


def test_generated_order_goes_through_the_workflow_with_events_and_audit(world, make_plan, clock, lift_technician):
    plan = make_plan(default_assignee_id=lift_technician.pk, priority="urgent", description="按 TSG T5002 执行")
    clock.move_to(at(date(2026, 3, 7), 5, 30))
    tasks.generate_maintenance_orders()
    order = _orders()[0]
    assert (order.status, order.channel, order.reporter, order.unit, order.created_by) == (
        "assigned", "planned", None, None, None)  # fmt: skip
    assert (order.common_area_id, order.trade.key, order.priority) == (plan.common_area_id, "lift", "urgent")
    assert order.description == "电梯月度维保\n按 TSG T5002 执行"
    assert order.assignee == lift_technician and order.accepted_at is not None
    events = list(order.events.values_list("action", "from_status", "to_status", "actor"))
    assert events == [("submit", "", "submitted", None), ("accept", "submitted", "accepted", None),
                      ("assign", "accepted", "assigned", None)]  # fmt: skip
    audit = AuditEvent.objects.filter(object_type="repairs.workorder", object_id=str(order.pk))
    audited = set(audit.values_list("action", flat=True))
    assert audited == {"work_order.submit", "work_order.accept", "work_order.assign"}
    assert AuditEvent.objects.filter(action="maintenance_plan.generate", object_id=str(plan.pk)).exists()


def test_deadlines_follow_the_estates_policy_from_the_due_date(world, make_plan, clock):
    SlaPolicy.objects.create(estate=world.estate_a, priority="routine", trade=Trade.objects.get(key="lift"),
                             response_minutes=60, arrival_minutes=120, resolution_minutes=8 * 60,
                             around_the_clock=True)  # fmt: skip
    make_plan()
    clock.move_to(at(date(2026, 3, 7), 5, 30))
    tasks.generate_maintenance_orders()
    order = _orders()[0]
    due_day = datetime.combine(date(2026, 3, 10), time.min, tzinfo=SHANGHAI)
    assert order.sla_started_at == due_day  # the lead time is for planning; the clock runs from the due date
    assert (order.response_due, order.arrival_due, order.resolution_due) == (
        due_day + timedelta(hours=1), due_day + timedelta(hours=2), due_day + timedelta(hours=8))  # fmt: skip
    assert order.escalation_level == 0 and order.next_escalation_at > timezone.now()


def test_an_order_made_late_starts_its_clock_when_made(world, make_plan, clock):
    make_plan(lead_days=0)
    clock.move_to(at(date(2026, 3, 12), 5, 30))
    tasks.generate_maintenance_orders()
    assert _orders()[0].sla_started_at == timezone.now()


def test_without_a_default_technician_the_order_waits_for_dispatch(make_plan, clock):
    make_plan()
    clock.move_to(at(date(2026, 3, 7), 5, 30))
    tasks.generate_maintenance_orders()
    order = _orders()[0]
    assert (order.status, order.assignee) == ("accepted", None)


def test_automatic_dispatch_assigns_when_the_plan_names_nobody(world, make_plan, clock, lift_technician):
    RepairSettings.objects.create(estate=world.estate_a, auto_assign=True)
    make_plan()
    clock.move_to(at(date(2026, 3, 7), 5, 30))
    tasks.generate_maintenance_orders()
    assert _orders()[0].assignee == lift_technician


def test_the_default_technician_is_not_overridden_by_automatic_dispatch(world, make_plan, clock, lift_technician):
    RepairSettings.objects.create(estate=world.estate_a, auto_assign=True)
    make_plan(default_assignee_id=lift_technician.pk)
    clock.move_to(at(date(2026, 3, 7), 5, 30))
    tasks.generate_maintenance_orders()
    order = _orders()[0]
    assert order.assignee == lift_technician
    assert order.events.filter(action="assign").count() == 1


def test_a_default_technician_who_left_the_estate_leaves_the_order_for_dispatch(world, make_plan, clock,
                                                                                lift_technician):  # fmt: skip
    make_plan(default_assignee_id=lift_technician.pk)
    EstateRole.objects.filter(user=lift_technician, role=Role.TECHNICIAN).delete()
    clock.move_to(at(date(2026, 3, 7), 5, 30))
    with translation.override("en"):
        tasks.generate_maintenance_orders()
    order = _orders()[0]
    assert (order.status, order.assignee) == ("accepted", None)
    assert "no longer serves this estate and trade; left for dispatch" in order.events.get(action="submit").note


def test_the_checklist_is_copied_and_later_plan_edits_leave_it_alone(world, lift, make_plan, clock):
    plan = make_plan()
    clock.move_to(at(date(2026, 3, 7), 5, 30))
    tasks.generate_maintenance_orders()
    order = _orders()[0]
    edited = plan_input(lift, checklist=(services.ChecklistLine("全新的检查项"),))
    services.maintenance_plan_update(actor=world.users["manager"], plan_id=plan.pk, data=edited)
    copied = list(WorkOrderChecklistItem.objects.filter(order=order).values_list("position", "text", "requires_value"))
    assert copied == [(1, CHECKLIST[0].text, False), (2, CHECKLIST[1].text, True)]
    assert list(plan.checklist.values_list("text", flat=True)) == ["全新的检查项"]


def test_one_due_date_of_a_plan_can_hold_only_one_order(make_plan, clock):
    plan = make_plan()
    clock.move_to(at(date(2026, 3, 7), 5, 30))
    tasks.generate_maintenance_orders()
    other = WorkOrder.objects.create(estate=plan.estate, common_area=plan.common_area, trade=plan.trade,
                                     description="x", channel="planned")  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        MaintenanceRun.objects.create(plan=plan, due_date=date(2026, 3, 10), order=other)


def test_a_plan_that_fails_does_not_stop_the_others(world, lift, make_plan, clock, monkeypatch):
    broken, fine = make_plan(title="坏计划"), make_plan(title="好计划")
    real = services._generate

    def generate(plan, due):
        if plan.pk == broken.pk:
            raise RuntimeError("boom")
        return real(plan, due)

    monkeypatch.setattr(services, "_generate", generate)
    clock.move_to(at(date(2026, 3, 7), 5, 30))
    assert tasks.generate_maintenance_orders() == 1
    assert [o.maintenance_run.plan_id for o in _orders()] == [fine.pk]
    broken.refresh_from_db()
    assert broken.next_due == date(2026, 3, 10)  # rolled back: the next run tries again


def test_the_beat_entry_runs_the_task_daily_early_in_the_morning():
    entry = settings.CELERY_BEAT_SCHEDULE["repairs-generate-maintenance-orders"]
    assert entry["task"] == "repairs.tasks.generate_maintenance_orders"
    assert import_string(entry["task"]) is tasks.generate_maintenance_orders
    schedule = entry["schedule"]
    assert (schedule.hour, schedule.minute, len(schedule.day_of_week)) == ({5}, {30}, 7)
    assert settings.CELERY_TIMEZONE == "Asia/Shanghai"


def test_nobody_files_a_planned_order_by_hand(world):
    from django.core.exceptions import ValidationError

    from repairs import services as orders
    from repairs.services import Report

    report = Report(trade="plumbing", description="漏水", unit_id=world.unit_a.pk, channel="planned")
    with pytest.raises(ValidationError) as refused:
        orders.work_order_submit(actor=world.users["dispatcher"], report=report)
    assert "channel" in refused.value.message_dict and not WorkOrder.objects.exists()
