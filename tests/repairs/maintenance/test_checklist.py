"""Ticking a planned order's checklist, and completion refused until every line is done."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.errors import InvalidTransition, NotPermitted
from core.models import AuditEvent
from repairs import services as orders
from repairs import tasks
from repairs.maintenance import services
from repairs.models import WorkOrder, WorkOrderChecklistItem
from tests.repairs.maintenance.conftest import at
from tests.residents.factories import EstateRoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(make_plan, clock, lift_technician):
    """A generated lift check assigned to the lift technician, who has arrived (in progress)."""
    make_plan(default_assignee_id=lift_technician.pk)
    clock.move_to(at(date(2026, 3, 10), 5, 30))
    tasks.generate_maintenance_orders()
    order = WorkOrder.objects.get(channel="planned")
    clock.move_to(at(date(2026, 3, 10), 9, 0))
    return orders.work_order_start(order_id=order.pk, actor=lift_technician)


def _lines(order):
    return list(WorkOrderChecklistItem.objects.filter(order=order).order_by("position"))


def _tick_all(order, actor):
    first, second = _lines(order)
    services.work_order_checklist_tick(order_id=order.pk, item_id=first.pk, actor=actor, done=True)
    services.work_order_checklist_tick(order_id=order.pk, item_id=second.pk, actor=actor, done=True, value="42")


def test_completion_is_refused_naming_every_line_not_done(job, lift_technician):
    first, second = _lines(job)
    services.work_order_checklist_tick(order_id=job.pk, item_id=first.pk, actor=lift_technician, done=True)
    with translation.override("en"), pytest.raises(InvalidTransition) as refused:
        orders.work_order_complete(order_id=job.pk, actor=lift_technician, notes="保养完毕")
    assert second.text in refused.value.message and first.text not in refused.value.message
    assert WorkOrder.objects.get(pk=job.pk).status == "in_progress"


def test_completion_goes_through_once_every_line_is_done(job, lift_technician):
    _tick_all(job, lift_technician)
    done = orders.work_order_complete(order_id=job.pk, actor=lift_technician, notes="保养完毕")
    assert done.status == "completed"


def test_a_line_that_needs_a_reading_is_refused_without_one(job, lift_technician):
    reading = _lines(job)[1]
    with pytest.raises(ValidationError) as refused:
        services.work_order_checklist_tick(order_id=job.pk, item_id=reading.pk, actor=lift_technician, done=True,
                                           value="  ")  # fmt: skip
    assert "value" in refused.value.message_dict
    assert not WorkOrderChecklistItem.objects.get(pk=reading.pk).done


def test_each_tick_is_an_internal_event_and_an_audit_row(job, lift_technician):
    reading = _lines(job)[1]
    services.work_order_checklist_tick(order_id=job.pk, item_id=reading.pk, actor=lift_technician, done=True,
                                       value="41.5", note="正常")  # fmt: skip
    item = WorkOrderChecklistItem.objects.get(pk=reading.pk)
    assert (item.done, item.value, item.note, item.done_by, item.done_at is not None) == (
        True, "41.5", "正常", lift_technician, True)  # fmt: skip
    event = job.events.get(action="checklist_done")
    assert (event.actor, event.visibility, event.data["item"]) == (lift_technician, "internal", reading.pk)
    assert "41.5" in event.note
    assert AuditEvent.objects.filter(action="work_order.checklist_done", object_id=str(job.pk)).exists()


def test_unticking_clears_who_and_when(job, lift_technician):
    first = _lines(job)[0]
    services.work_order_checklist_tick(order_id=job.pk, item_id=first.pk, actor=lift_technician, done=True)
    services.work_order_checklist_tick(order_id=job.pk, item_id=first.pk, actor=lift_technician, done=False)
    item = WorkOrderChecklistItem.objects.get(pk=first.pk)
    assert (item.done, item.done_by, item.done_at) == (False, None, None)
    assert job.events.filter(action="checklist_undone").count() == 1


@pytest.mark.parametrize("role", ["dispatcher", "manager"])
def test_dispatchers_and_managers_may_tick(world, job, role):
    first = _lines(job)[0]
    services.work_order_checklist_tick(order_id=job.pk, item_id=first.pk, actor=world.users[role], done=True)
    assert WorkOrderChecklistItem.objects.get(pk=first.pk).done_by == world.users[role]


@pytest.mark.parametrize("who", ["other_technician", "owner", "committee", "manager_b"])
def test_nobody_else_may_tick(world, job, who):
    users = {**world.users, "other_technician": EstateRoleFactory(estate=world.estate_a, role="technician").user}
    with pytest.raises(NotPermitted):
        services.work_order_checklist_tick(order_id=job.pk, item_id=_lines(job)[0].pk, actor=users[who], done=True)
    assert not job.events.filter(action__startswith="checklist").exists()


def test_ticking_waits_for_the_work_to_start_and_stops_when_it_is_completed(world, make_plan, clock,
                                                                             lift_technician):  # fmt: skip
    make_plan(default_assignee_id=lift_technician.pk)
    clock.move_to(at(date(2026, 3, 10), 5, 30))
    tasks.generate_maintenance_orders()
    order = WorkOrder.objects.get(channel="planned")
    first = _lines(order)[0]
    with pytest.raises(InvalidTransition):  # assigned, not started
        services.work_order_checklist_tick(order_id=order.pk, item_id=first.pk, actor=lift_technician, done=True)
    orders.work_order_start(order_id=order.pk, actor=lift_technician)
    _tick_all(order, lift_technician)
    orders.work_order_complete(order_id=order.pk, actor=lift_technician, notes="完毕")
    with pytest.raises(InvalidTransition):
        services.work_order_checklist_tick(order_id=order.pk, item_id=first.pk, actor=lift_technician, done=False)


def test_ticking_is_allowed_on_hold(job, lift_technician):
    orders.work_order_hold(order_id=job.pk, actor=lift_technician, reason="等配件")
    first = _lines(job)[0]
    services.work_order_checklist_tick(order_id=job.pk, item_id=first.pk, actor=lift_technician, done=True)
    assert WorkOrderChecklistItem.objects.get(pk=first.pk).done


def test_a_line_of_another_order_is_refused(world, job, lift_technician, order):
    stranger = WorkOrderChecklistItem.objects.create(order=order, position=1, text="别的单")
    with pytest.raises(ValidationError):
        services.work_order_checklist_tick(order_id=job.pk, item_id=stranger.pk, actor=lift_technician, done=True)


def test_orders_without_a_checklist_complete_as_before(world, order):
    technician = world.users["technician"]
    orders.work_order_accept(order_id=order.pk, actor=world.users["dispatcher"])
    orders.work_order_assign(order_id=order.pk, technician_id=technician.pk, actor=world.users["dispatcher"])
    orders.work_order_start(order_id=order.pk, actor=technician)
    assert orders.work_order_complete(order_id=order.pk, actor=technician, notes="换阀门").status == "completed"
