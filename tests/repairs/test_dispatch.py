from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from repairs import services
from repairs.dispatch import NEUTRAL_RATING, Candidate, on_duty, rank
from repairs.models import RepairSettings, WorkOrder
from residents.models import EstateRole, StaffProfile, Trade

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def candidate(user_id, *, days=(1, 2, 3, 4, 5), start=time(8), end=time(18), open_orders=0, ratings=()):
    return Candidate(user_id, f"t{user_id}", tuple(days), start, end, open_orders, sum(ratings), len(ratings))


def test_on_duty_within_days_and_hours():
    assert on_duty(candidate(1), MONDAY_10)
    assert not on_duty(candidate(1, days=(6, 7)), MONDAY_10)
    assert not on_duty(candidate(1, start=time(12)), MONDAY_10)


def test_on_duty_night_shift_crosses_midnight():
    night = candidate(1, start=time(22), end=time(6))
    assert on_duty(night, MONDAY_10.replace(hour=23)) and on_duty(night, MONDAY_10.replace(hour=2))
    assert not on_duty(night, MONDAY_10)


def test_rank_prefers_on_duty_then_fewest_open_then_best_rating():
    ranked = rank(
        [
            candidate(1, days=(7,)),  # off duty
            candidate(2, open_orders=3),
            candidate(3, open_orders=1, ratings=(3, 3)),
            candidate(4, open_orders=1, ratings=(5, 4)),
        ],
        MONDAY_10,
    )
    assert [s.user_id for s in ranked] == [4, 3, 2, 1]
    assert (ranked[0].rating, ranked[0].rated_jobs) == (4.5, 2)


def test_rank_gives_unrated_technicians_a_neutral_score():
    assert rank([candidate(1)], MONDAY_10)[0].rating == NEUTRAL_RATING


@pytest.fixture
def plumber(world):
    technician = world.users["technician"]
    profile = StaffProfile.objects.create(user=technician)
    profile.trades.set([Trade.objects.get(key="plumbing")])
    return technician


@pytest.mark.django_db
def test_suggestions_list_only_technicians_of_the_trade_with_their_factors(world, api_as, order, plumber):
    electrician = EstateRole.objects.create(user=world.users["manager_b"], estate=world.estate_a, role="technician")
    StaffProfile.objects.create(user=electrician.user).trades.set([Trade.objects.get(key="electrical")])
    body = api_as(world.users["dispatcher"]).get(f"/api/v1/staff/work-orders/{order.pk}/suggestions/").json()
    assert [s["user_id"] for s in body] == [plumber.pk]
    assert body[0]["open_orders"] == 0 and body[0]["rating"] == NEUTRAL_RATING


@pytest.mark.django_db
def test_suggestions_are_for_dispatchers_not_technicians(world, api_as, order, plumber):
    services.work_order_accept(order_id=order.pk, actor=world.users["dispatcher"])
    services.work_order_assign(order_id=order.pk, technician_id=plumber.pk, actor=world.users["dispatcher"])
    response = api_as(plumber).get(f"/api/v1/staff/work-orders/{order.pk}/suggestions/")
    assert response.status_code == 403


@pytest.mark.django_db
def test_accept_assigns_automatically_where_the_estate_enables_it(world, order, plumber):
    RepairSettings.objects.create(estate=world.estate_a, auto_assign=True)
    services.work_order_accept(order_id=order.pk, actor=world.users["dispatcher"])
    order = WorkOrder.objects.get(pk=order.pk)
    assert (order.status, order.assignee) == ("assigned", plumber)
    event = order.events.get(action="assign")
    assert event.actor is None and plumber.username in event.note


@pytest.mark.django_db
def test_accept_leaves_assignment_to_people_by_default(world, order, plumber):
    services.work_order_accept(order_id=order.pk, actor=world.users["dispatcher"])
    assert WorkOrder.objects.get(pk=order.pk).status == "accepted"
