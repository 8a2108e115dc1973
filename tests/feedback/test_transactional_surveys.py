"""Surveys after a repair: confirmation records a candidate, the beat task invites under the fatigue cap."""

import random
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from core.models import OutboxMessage
from feedback.models import Instrument, Survey, SurveyCandidate, SurveyDraft
from feedback.surveys.selectors import repair_survey_figures
from feedback.surveys.services import survey_draft_save, survey_settings
from feedback.surveys.transactional import household_of, survey_candidates_dispatch, survey_candidates_record
from repairs import services
from repairs.models import Channel, WorkOrder
from repairs.services import Report
from residents.models import CommonArea
from tests.repairs.factories import WorkOrderFactory
from tests.residents.factories import EstateRoleFactory, OwnershipFactory

pytestmark = pytest.mark.django_db
Candidate = SurveyCandidate.Status


def report(world, user, **place):
    place = place or {"unit_id": world.unit_a.pk}
    return services.work_order_submit(actor=user, report=Report(trade="plumbing", description="漏水", **place))


def complete(world, order):
    """Accept, assign, start and finish the order as staff of its estate (B gets a technician on first use)."""
    if order.estate_id == world.estate_a.pk:
        dispatcher, technician = world.users["dispatcher"], world.users["technician"]
    else:
        dispatcher = world.users["manager_b"]
        technician = EstateRoleFactory(estate=world.estate_b, role="technician").user
    if order.status == "submitted":  # a reopened order is back at "accepted"
        services.work_order_accept(order_id=order.pk, actor=dispatcher, auto_assign=False)
    services.work_order_assign(order_id=order.pk, technician_id=technician.pk, actor=dispatcher)
    services.work_order_start(order_id=order.pk, actor=technician)
    return services.work_order_complete(order_id=order.pk, actor=technician, notes="换了阀门")


def confirmed(world, user=None, **place):
    """A repair reported by `user` (the owner of unit A by default), fixed and confirmed by them."""
    user = user or world.users["owner"]
    order = complete(world, report(world, user, **place))
    return services.work_order_confirm(order_id=order.pk, actor=user, rating=5)


def dispatch(now=None, seed=1):
    return survey_candidates_dispatch(now=now, rng=random.Random(seed))


def test_confirming_a_repair_records_a_candidate_and_the_beat_task_invites_the_reporter(world):
    order = confirmed(world)
    candidate = SurveyCandidate.objects.get()
    assert (candidate.work_order_id, candidate.recipient_id, candidate.status) == (
        order.pk, world.users["owner"].pk, Candidate.PENDING)  # fmt: skip
    assert candidate.household == f"unit:{world.unit_a.pk}"
    assert not Survey.objects.exists()  # nothing is sent inside the confirming transaction
    assert dispatch().invited == 1
    survey = Survey.objects.get()
    assert (survey.kind, survey.work_order_id, survey.recipient_id, survey.unit_id, survey.building_id) == (
        "transactional", order.pk, world.users["owner"].pk, world.unit_a.pk, world.unit_a.building_id)  # fmt: skip
    assert survey.instrument.key == "repair"
    assert OutboxMessage.objects.filter(recipient_id=world.users["owner"].pk, event_key=f"survey.{survey.pk}.invite")
    candidate.refresh_from_db()
    assert (candidate.status, candidate.survey_id) == (Candidate.INVITED, survey.pk)
    assert dispatch().invited == 0  # idempotent: nothing waits any more


def test_an_auto_confirmed_repair_is_asked_about_too(world):
    order = complete(world, report(world, world.users["owner"]))
    services.work_order_auto_confirm(order_id=order.pk)
    dispatch()
    assert Survey.objects.get().work_order_id == order.pk


def test_each_merged_duplicate_gets_its_own_survey_for_its_own_reporter(world):
    neighbour = OwnershipFactory(unit=world.unit_a2).person.user
    master = report(world, world.users["owner"])
    duplicate = report(world, neighbour, unit_id=world.unit_a2.pk)
    services.work_order_merge(order_id=duplicate.pk, master_id=master.pk, actor=world.users["dispatcher"])
    complete(world, master)
    services.work_order_confirm(order_id=master.pk, actor=world.users["owner"], rating=4)
    assert dispatch().invited == 2
    asked = set(Survey.objects.values_list("work_order_id", "recipient_id"))
    assert asked == {(master.pk, world.users["owner"].pk), (duplicate.pk, neighbour.pk)}


def test_orders_without_a_resident_reporter_are_never_candidates(world):
    lift = CommonArea.objects.create(estate=world.estate_a, kind="lift", name="电梯")
    planned = WorkOrderFactory(unit=None, common_area=lift, estate=world.estate_a, reporter=None,
                               channel=Channel.PLANNED)  # fmt: skip
    open311 = WorkOrderFactory(unit=world.unit_a, reporter=None, channel=Channel.OPEN311, contact_name="王先生")
    for order in (planned, open311):
        assert survey_candidates_record(order_id=order.pk) == []
    assert not SurveyCandidate.objects.exists()


def test_no_published_repair_survey_means_no_candidate(world):
    Instrument.objects.filter(purpose="transactional").update(status=Instrument.Status.RETIRED)
    confirmed(world)
    assert not SurveyCandidate.objects.exists() and dispatch().invited == 0


def test_several_repairs_of_one_household_are_sampled_at_random_and_the_rest_skipped_by_the_cap(world):
    orders = [confirmed(world), confirmed(world), confirmed(world, world.users["tenant"])]  # one household: unit A
    result = dispatch(seed=3)
    assert (result.invited, result.skipped) == (1, 2)
    survey = Survey.objects.get()
    assert survey.work_order_id in {o.pk for o in orders}
    others = SurveyCandidate.objects.exclude(work_order_id=survey.work_order_id)
    assert set(others.values_list("status", "reason")) == {(Candidate.SKIPPED, SurveyCandidate.Reason.FATIGUE_CAP)}
    assert others.count() == 2


def test_the_pick_is_uniform_not_simply_the_first(world):
    orders = [confirmed(world) for _ in range(3)]
    picks = set()
    for seed in range(12):
        SurveyCandidate.objects.update(status=Candidate.PENDING, reason="", decided_at=None, survey=None)
        Survey.objects.all().delete()
        dispatch(seed=seed)
        picks.add(Survey.objects.get().work_order_id)
    assert picks == {o.pk for o in orders}


def test_a_household_asked_recently_waits_until_the_cap_lifts(world):
    days = survey_settings(world.estate_a.pk).fatigue_days
    start = timezone.now()
    confirmed(world)
    dispatch(now=start)
    with time_machine.travel(start + timedelta(days=2)):
        second = confirmed(world)
    assert dispatch(now=start + timedelta(days=3)).invited == 0
    assert SurveyCandidate.objects.get(work_order=second).status == Candidate.PENDING
    neighbour = OwnershipFactory(unit=world.unit_a2).person.user
    next_door = confirmed(world, neighbour, unit_id=world.unit_a2.pk)
    assert dispatch(now=start + timedelta(days=3)).invited == 1  # the cap is per household
    assert Survey.objects.filter(work_order=next_door).exists()
    assert dispatch(now=start + timedelta(days=days, hours=1)).invited == 1
    assert Survey.objects.filter(work_order=second).exists()


def test_a_candidate_older_than_the_cap_window_is_skipped_by_the_cap(world):
    days = survey_settings(world.estate_a.pk).fatigue_days
    start = timezone.now()
    confirmed(world)
    dispatch(now=start)
    confirmed(world)
    result = dispatch(now=start + timedelta(days=days, minutes=1))
    assert (result.invited, result.skipped) == (0, 1)
    assert SurveyCandidate.objects.filter(status=Candidate.SKIPPED, reason="fatigue_cap").count() == 1


def test_a_common_area_report_counts_against_the_reporter_not_the_unit(world):
    lift = CommonArea.objects.create(estate=world.estate_a, building=world.unit_a.building, kind="lift", name="电梯")
    area_order = confirmed(world, world.users["owner"], common_area_id=lift.pk)
    unit_order = confirmed(world, world.users["tenant"])
    assert household_of(area_order) == f"person:{world.users['owner'].person.pk}"
    assert dispatch().invited == 2
    assert set(Survey.objects.values_list("work_order_id", flat=True)) == {area_order.pk, unit_order.pk}
    assert Survey.objects.get(work_order=area_order).building_id == world.unit_a.building_id


def test_reopening_withdraws_a_waiting_candidate_and_reconfirming_records_a_new_one(world):
    order = confirmed(world)
    services.work_order_reopen(order_id=order.pk, actor=world.users["owner"], reason="又漏了")
    assert SurveyCandidate.objects.get().status == Candidate.WITHDRAWN
    assert dispatch().invited == 0
    complete(world, WorkOrder.objects.get(pk=order.pk))
    services.work_order_confirm(order_id=order.pk, actor=world.users["owner"], rating=4)
    assert dispatch().invited == 1 and Survey.objects.get().work_order_id == order.pk


def test_reopening_withdraws_an_unanswered_survey_and_the_order_may_be_asked_again(world):
    owner = world.users["owner"]
    order = confirmed(world)
    dispatch()
    first = Survey.objects.get()
    survey_draft_save(survey_id=first.pk, actor=owner, data={"answers": {}})
    services.work_order_reopen(order_id=order.pk, actor=owner, reason="又漏了")
    first.refresh_from_db()
    assert first.status == Survey.Status.WITHDRAWN and not SurveyDraft.objects.exists()
    complete(world, WorkOrder.objects.get(pk=order.pk))
    services.work_order_confirm(order_id=order.pk, actor=owner, rating=4)
    assert dispatch().invited == 1  # the withdrawn invitation does not count against the cap
    again = Survey.objects.get(status=Survey.Status.INVITED)
    assert again.pk != first.pk and again.work_order_id == order.pk


def test_figures_show_sent_answered_expired_and_skipped_by_the_cap_per_estate(world):
    start = timezone.now() - timedelta(minutes=1)
    confirmed(world), confirmed(world)
    confirmed(world, world.users["other_household"], unit_id=world.unit_b.pk)
    dispatch()
    Survey.objects.filter(estate=world.estate_b).update(status=Survey.Status.EXPIRED)
    figures = repair_survey_figures(estate_ids=[world.estate_a.pk, world.estate_b.pk], start=start,
                                    end=timezone.now() + timedelta(minutes=1))  # fmt: skip
    a, b = figures[world.estate_a.pk], figures[world.estate_b.pk]
    assert (a.sent, a.waiting, a.skipped_by_cap, a.response_rate) == (1, 1, 1, None)
    assert (b.sent, b.expired, b.skipped_by_cap, b.response_rate) == (1, 1, 0, 0.0)


def test_the_beat_task_runs_in_daytime_hours_and_expires():
    entry = settings.CELERY_BEAT_SCHEDULE["feedback-dispatch-repair-surveys"]
    assert entry["task"] == "feedback.tasks.dispatch_repair_surveys"
    assert entry["schedule"].hour == set(range(9, 21)) and entry["options"]["expires"] < 3600
