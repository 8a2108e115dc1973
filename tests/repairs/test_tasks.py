from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.utils.module_loading import import_string

from repairs import escalation, services, tasks
from repairs.models import RepairSettings, WorkOrder
from tests.residents.factories import EstateRoleFactory

pytestmark = pytest.mark.django_db


def _completed(world, order, *, dispatcher="dispatcher", technician="technician"):
    dispatcher, technician = world.users[dispatcher], world.users[technician]
    services.work_order_accept(order_id=order.pk, actor=dispatcher)
    services.work_order_assign(order_id=order.pk, technician_id=technician.pk, actor=dispatcher)
    services.work_order_start(order_id=order.pk, actor=technician)
    return services.work_order_complete(order_id=order.pk, actor=technician, notes="换了阀门")


def _status(order):
    return WorkOrder.objects.get(pk=order.pk).status


def test_auto_confirm_waits_for_the_estates_own_number_of_days(world, order):
    RepairSettings.objects.create(estate=world.estate_a, auto_confirm_days=5)
    completed = _completed(world, order)
    with time_machine.travel(completed.completed_at + timedelta(days=5) - timedelta(minutes=1)):
        assert tasks.auto_confirm_completed() == 0
    assert _status(order) == "completed"
    with time_machine.travel(completed.completed_at + timedelta(days=5, minutes=1)):
        assert tasks.auto_confirm_completed() == 1
    confirmed = WorkOrder.objects.get(pk=order.pk)
    assert (confirmed.status, confirmed.auto_confirmed, confirmed.rating) == ("confirmed", True, None)
    assert confirmed.events.last().action == "auto_confirm"


def test_auto_confirm_uses_three_days_where_the_estate_set_nothing(world, order, order_b):
    RepairSettings.objects.create(estate=world.estate_a, auto_confirm_days=5)
    completed = _completed(world, order)
    world.users["technician_b"] = EstateRoleFactory(estate=world.estate_b, role="technician").user
    _completed(world, order_b, dispatcher="manager_b", technician="technician_b")
    with time_machine.travel(completed.completed_at + timedelta(days=3, hours=1)):
        assert tasks.auto_confirm_completed() == 1
    assert (_status(order), _status(order_b)) == ("completed", "confirmed")


def test_auto_confirm_skips_an_order_the_resident_answered_meanwhile(world, order, monkeypatch):
    _completed(world, order)
    services.work_order_confirm(order_id=order.pk, actor=world.users["owner"], rating=5)
    monkeypatch.setattr(escalation, "orders_to_auto_confirm", lambda now: [order.pk])  # the race, replayed
    assert tasks.auto_confirm_completed() == 0
    assert not WorkOrder.objects.get(pk=order.pk).auto_confirmed


def test_close_waits_for_the_reopen_window(world, order):
    completed = _completed(world, order)
    services.work_order_confirm(order_id=order.pk, actor=world.users["owner"], rating=4)
    window = timedelta(days=7)
    with time_machine.travel(completed.completed_at + window - timedelta(minutes=1)):
        assert tasks.close_confirmed() == 0
    assert _status(order) == "confirmed"
    with time_machine.travel(completed.completed_at + window + timedelta(minutes=1)):
        assert tasks.close_confirmed() == 1
    closed = WorkOrder.objects.get(pk=order.pk)
    assert closed.status == "closed" and closed.closed_at is not None
    assert closed.events.last().actor is None


def test_close_follows_the_estates_reopen_window(world, order):
    RepairSettings.objects.create(estate=world.estate_a, reopen_window_days=2)
    completed = _completed(world, order)
    services.work_order_confirm(order_id=order.pk, actor=world.users["owner"], rating=4)
    with time_machine.travel(completed.completed_at + timedelta(days=2, minutes=1)):
        assert tasks.close_confirmed() == 1


def test_auto_confirmed_orders_close_once_the_window_has_passed(world, order):
    completed = _completed(world, order)
    with time_machine.travel(completed.completed_at + timedelta(days=3, minutes=1)):
        tasks.auto_confirm_completed()
    with time_machine.travel(completed.completed_at + timedelta(days=7, minutes=1)):
        tasks.close_confirmed()
    assert _status(order) == "closed"


def test_sweep_task_escalates_due_orders(world, order):
    with time_machine.travel(order.sla_started_at + timedelta(minutes=9)):
        assert tasks.sweep_escalations() == 1
    assert WorkOrder.objects.get(pk=order.pk).escalation_level == 1


def test_every_beat_entry_names_a_task():
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert hasattr(import_string(entry["task"]), "delay"), name
    tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"repairs.tasks.sweep_escalations", "repairs.tasks.auto_confirm_completed",
            "repairs.tasks.close_confirmed"} <= tasks_scheduled  # fmt: skip
