from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.errors import InvalidTransition, NotPermitted
from core.models import OutboxMessage
from repairs import quotes, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(world, order):
    services.work_order_accept(order_id=order.pk, actor=world.users["dispatcher"])
    services.work_order_assign(
        order_id=order.pk, technician_id=world.users["technician"].pk, actor=world.users["dispatcher"]
    )
    return order


def test_quote_accepted_lets_work_start_and_is_recorded_as_paid(world, assigned):
    quote = quotes.work_order_quote_send(
        order_id=assigned.pk, actor=world.users["dispatcher"], labour="80", materials="35.5", note="更换水龙头"
    )
    assert quote.total == Decimal("115.50")
    assert OutboxMessage.objects.filter(recipient=world.users["owner"], event_key__contains=".quote.").exists()
    with pytest.raises(InvalidTransition):
        services.work_order_start(order_id=assigned.pk, actor=world.users["technician"])
    quotes.work_order_quote_decide(order_id=assigned.pk, actor=world.users["tenant"], accept=True)
    assert services.work_order_start(order_id=assigned.pk, actor=world.users["technician"]).status == "in_progress"
    paid = quotes.work_order_charge_paid(order_id=assigned.pk, actor=world.users["manager"])
    assert paid.paid_at is not None


def test_declined_quote_blocks_work_until_a_new_one_is_accepted(world, assigned):
    quotes.work_order_quote_send(order_id=assigned.pk, actor=world.users["technician"], labour=200, materials=0)
    quotes.work_order_quote_decide(order_id=assigned.pk, actor=world.users["owner"], accept=False)
    with pytest.raises(InvalidTransition):
        services.work_order_start(order_id=assigned.pk, actor=world.users["technician"])
    quotes.work_order_quote_send(order_id=assigned.pk, actor=world.users["technician"], labour=150, materials=0)
    quotes.work_order_quote_decide(order_id=assigned.pk, actor=world.users["owner"], accept=True)
    services.work_order_start(order_id=assigned.pk, actor=world.users["technician"])


def test_quote_with_bad_amounts_names_each_field(world, assigned):
    with pytest.raises(ValidationError) as exc:
        quotes.work_order_quote_send(
            order_id=assigned.pk, actor=world.users["dispatcher"], labour="abc", materials="-5"
        )
    assert set(exc.value.message_dict) == {"labour", "materials"}
    assert not assigned.quotes.exists()


def test_quote_only_by_staff_and_answered_only_by_the_household(world, assigned):
    with pytest.raises(NotPermitted):
        quotes.work_order_quote_send(order_id=assigned.pk, actor=world.users["owner"], labour=1, materials=1)
    quotes.work_order_quote_send(order_id=assigned.pk, actor=world.users["dispatcher"], labour=1, materials=1)
    with pytest.raises(NotPermitted):
        quotes.work_order_quote_decide(order_id=assigned.pk, actor=world.users["other_household"], accept=True)


def test_second_quote_while_one_waits_is_refused(world, assigned):
    quotes.work_order_quote_send(order_id=assigned.pk, actor=world.users["dispatcher"], labour=1, materials=1)
    with pytest.raises(InvalidTransition):
        quotes.work_order_quote_send(order_id=assigned.pk, actor=world.users["dispatcher"], labour=2, materials=1)


def test_quote_before_accepting_the_order_is_refused(world, order):
    with pytest.raises(InvalidTransition):
        quotes.work_order_quote_send(order_id=order.pk, actor=world.users["dispatcher"], labour=1, materials=1)


def test_resident_answers_the_quote_by_api(world, api_as, assigned):
    staff = api_as(world.users["dispatcher"])
    response = staff.post(f"/api/v1/staff/work-orders/{assigned.pk}/quote/", {"labour": "60", "materials": "0"})
    assert response.status_code == 200, response.content
    resident = api_as(world.users["owner"])
    detail = resident.get(f"/api/v1/me/repairs/{assigned.pk}/").json()
    assert {"accept_quote", "decline_quote"} <= set(detail["actions"]) and detail["quotes"][0]["total"] == "60.00"
    assert resident.post(f"/api/v1/me/repairs/{assigned.pk}/accept_quote/").status_code == 200
    assert resident.post(f"/api/v1/me/repairs/{assigned.pk}/accept_quote/").status_code == 409


def test_resident_accepts_the_quote_on_the_page(world, web_as, assigned):
    quotes.work_order_quote_send(order_id=assigned.pk, actor=world.users["dispatcher"], labour=60, materials=0)
    client = web_as(world.users["owner"])
    assert "60.00" in client.get(f"/repairs/{assigned.pk}/").content.decode()
    client.post(f"/repairs/{assigned.pk}/", {"action": "accept_quote"})
    assert assigned.quotes.get().status == "accepted"
