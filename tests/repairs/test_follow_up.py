from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from core.errors import InvalidTransition, NotPermitted
from core.models import OutboxMessage
from repairs import follow_up, services

pytestmark = pytest.mark.django_db


def _complete(world, order):
    services.work_order_accept(order_id=order.pk, actor=world.users["dispatcher"])
    services.work_order_assign(
        order_id=order.pk, technician_id=world.users["technician"].pk, actor=world.users["dispatcher"]
    )
    services.work_order_start(order_id=order.pk, actor=world.users["technician"])
    return services.work_order_complete(order_id=order.pk, actor=world.users["technician"], notes="换了阀门")


def test_press_is_logged_and_tells_the_assignee_and_dispatchers(world, order):
    services.work_order_accept(order_id=order.pk, actor=world.users["dispatcher"])
    services.work_order_assign(
        order_id=order.pk, technician_id=world.users["technician"].pk, actor=world.users["dispatcher"]
    )
    follow_up.work_order_press(order_id=order.pk, actor=world.users["tenant"], note="还没人来")
    assert order.events.filter(action="press").count() == 1
    told = set(OutboxMessage.objects.filter(event_key__contains=".press.").values_list("recipient", flat=True))
    assert told == {world.users["technician"].pk, world.users["dispatcher"].pk}


def test_press_twice_within_an_hour_is_refused_then_allowed(world, order):
    follow_up.work_order_press(order_id=order.pk, actor=world.users["owner"])
    with pytest.raises(InvalidTransition):
        follow_up.work_order_press(order_id=order.pk, actor=world.users["owner"])
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        follow_up.work_order_press(order_id=order.pk, actor=world.users["owner"])
    assert order.events.filter(action="press").count() == 2


def test_press_by_another_household_or_staff_is_refused(world, order):
    for user in (world.users["other_household"], world.users["dispatcher"]):
        with pytest.raises(NotPermitted):
            follow_up.work_order_press(order_id=order.pk, actor=user)


def test_press_on_a_finished_order_is_refused(world, order):
    _complete(world, order)
    with pytest.raises(InvalidTransition):
        follow_up.work_order_press(order_id=order.pk, actor=world.users["owner"])


def test_emergency_orders_wait_for_a_follow_up_until_it_is_recorded(world, order):
    _complete(world, order)
    assert list(follow_up.orders_needing_follow_up(user=world.users["dispatcher"])) == [order]
    follow_up.work_order_follow_up(order_id=order.pk, actor=world.users["dispatcher"], note="住户满意")
    assert list(follow_up.orders_needing_follow_up(user=world.users["dispatcher"])) == []
    assert order.events.get(action="follow_up").visibility == "internal"


def test_follow_up_before_completion_is_refused(world, order):
    with pytest.raises(InvalidTransition):
        follow_up.work_order_follow_up(order_id=order.pk, actor=world.users["dispatcher"], note="x")


def test_resident_presses_from_the_api_and_sees_the_action_offered(world, api_as, order):
    client = api_as(world.users["owner"])
    assert "press" in client.get(f"/api/v1/me/repairs/{order.pk}/").json()["actions"]
    assert client.post(f"/api/v1/me/repairs/{order.pk}/press/", {"note": "急"}).status_code == 200
    assert client.post(f"/api/v1/me/repairs/{order.pk}/press/").status_code == 409


def test_follow_up_page_lists_the_order_for_dispatchers_only(world, web_as, order):
    _complete(world, order)
    assert f">{order.pk}<" in web_as(world.users["dispatcher"]).get("/staff/follow-ups/").content.decode()
    assert web_as(world.users["technician"]).get("/staff/follow-ups/").status_code == 403
