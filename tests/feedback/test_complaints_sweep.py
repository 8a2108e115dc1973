"""The breach sweep, auto-closing, 投诉处理及时率 and volume by dimension."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from core.models import OutboxMessage
from feedback.complaints import selectors, services, sweep, tasks
from feedback.complaints.models import Complaint, ComplaintSettings
from feedback.complaints.workflow import Status
from tests.feedback.complaints_support import file


def overdue_messages(user, what):
    return OutboxMessage.objects.filter(recipient=user, event_key__contains=f".overdue.{what}.", channel="in_app")


def test_sweep_marks_an_unacknowledged_item_once_and_tells_the_managers(world):
    c = file(world)
    assert sweep.complaints_mark_breaches(now=c.acknowledge_due - timedelta(minutes=1)) == 0
    later = c.acknowledge_due + timedelta(minutes=1)
    assert sweep.complaints_mark_breaches(now=later) == 1
    assert sweep.complaints_mark_breaches(now=later) == 0  # idempotent
    c.refresh_from_db()
    assert c.acknowledge_breached_at == later and c.answer_breached_at is None
    assert overdue_messages(world.users["manager"], "acknowledge").count() == 1
    assert not overdue_messages(world.users["dispatcher"], "acknowledge").exists()
    assert c.events.filter(action="acknowledge_overdue", visibility="internal").count() == 1


def test_sweep_marks_a_late_answer_but_not_an_answered_item(world):
    late, answered = file(world, body="一"), file(world, body="二")
    services.complaint_answer(complaint_id=answered.pk, actor=world.users["dispatcher"], answer="已处理")
    assert sweep.complaints_mark_breaches(now=late.answer_due + timedelta(minutes=1)) == 2  # late: both deadlines
    late.refresh_from_db(), answered.refresh_from_db()
    assert late.answer_breached_at and late.acknowledge_breached_at
    assert answered.answer_breached_at is None and answered.acknowledge_breached_at is None


def test_an_overdue_escalation_reaches_the_committee(world):
    u = world.users
    c = file(world)
    services.complaint_answer(complaint_id=c.pk, actor=u["dispatcher"], answer="已处理")
    c = services.complaint_reject(complaint_id=c.pk, actor=u["owner"], reason="不满意")
    assert not selectors.complaints_for_committee(user=u["committee"]).filter(pk=c.pk).exists()
    sweep.complaints_mark_breaches(now=c.manager_answer_due + timedelta(minutes=1))
    assert selectors.complaints_for_committee(user=u["committee"]).filter(pk=c.pk).exists()
    assert overdue_messages(u["committee"], "manager_answer").count() == 1
    assert not overdue_messages(u["committee_b"], "manager_answer").exists()


def test_breaches_of_a_committee_item_go_to_the_committee_only(world):
    c = file(world, addressee="committee")
    sweep.complaints_mark_breaches(now=c.acknowledge_due + timedelta(minutes=1))
    assert overdue_messages(world.users["committee"], "acknowledge").exists()
    assert not OutboxMessage.objects.filter(recipient=world.users["manager"]).exists()


def test_the_beat_task_runs_the_sweep(world):
    c = file(world)
    with time_machine.travel(c.acknowledge_due + timedelta(minutes=5)):
        assert tasks.sweep_complaint_breaches() == 1


def test_auto_close_closes_answers_left_unanswered(world):
    ComplaintSettings.objects.create(estate=world.estate_a, auto_close_days=3)
    c = file(world)
    services.complaint_answer(complaint_id=c.pk, actor=world.users["dispatcher"], answer="已处理")
    c.refresh_from_db()
    assert sweep.complaints_to_auto_close(now=c.last_answered_at + timedelta(days=2)) == []
    with time_machine.travel(c.last_answered_at + timedelta(days=3, minutes=1)):
        assert tasks.auto_close_answered_complaints() == 1
    c.refresh_from_db()
    assert c.status == Status.CLOSED and c.events.last().by == "system"


def test_timeliness_counts_first_answers_within_their_deadline(world):
    on_time, late, open_one = file(world, body="一"), file(world, body="二"), file(world, body="三")
    Complaint.objects.filter(pk=late.pk).update(answer_due=timezone.now() - timedelta(hours=1))
    for c in (on_time, late):
        services.complaint_answer(complaint_id=c.pk, actor=world.users["dispatcher"], answer="已处理")
    now = timezone.now()
    figures = selectors.complaint_timeliness(estate_ids=[world.estate_a.pk], since=now - timedelta(days=1),
                                             until=now + timedelta(days=1))  # fmt: skip
    assert figures == {"answered": 2, "on_time": 1, "rate": 50.0}
    assert open_one.answered_at is None


def test_timeliness_is_undefined_without_answers(world):
    now = timezone.now()
    figures = selectors.complaint_timeliness(estate_ids=[world.estate_a.pk], since=now - timedelta(days=1), until=now)
    assert figures == {"answered": 0, "on_time": 0, "rate": None}


def test_counts_by_dimension_cover_every_key_and_skip_withdrawn_and_praise(world):
    file(world, body="一", dimensions=("responsiveness", "courtesy"))
    file(world, body="二", dimensions=("courtesy",))
    gone = file(world, body="三", dimensions=("security",))
    services.complaint_withdraw(complaint_id=gone.pk, actor=world.users["owner"])
    file(world, body="四", kind="praise", dimensions=("courtesy",))
    now = timezone.now()
    counts = selectors.complaint_counts_by_dimension(estate_ids=[world.estate_a.pk], since=now - timedelta(days=1),
                                                     until=now + timedelta(days=1))  # fmt: skip
    assert len(counts) == 10
    assert (counts["courtesy"], counts["responsiveness"], counts["security"], counts["tangibles"]) == (2, 1, 0, 0)
