"""Supervision services: raising (with its checks), answering, closing, reopening and publishing; each writes an
event and an audit row and tells the right people through the outbox."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from committee.models import CommitteeRules
from committee.supervision import services
from committee.supervision.models import SupervisionEvent, SupervisionItem
from core.errors import InvalidTransition, NotPermitted
from core.models import AuditEvent, OutboxMessage
from repairs.services import Report, work_order_submit
from tests.feedback.complaints_support import file, file_b

from .supervision_support import draft, raise_item


def _recipients(item, action):
    event = item.events.get(action=action)
    keys = OutboxMessage.objects.filter(event_key__startswith=f"supervision.{item.pk}.{event.pk}.", channel="in_app")
    return set(keys.values_list("recipient_id", flat=True))


def _order(world, role="owner", unit="unit_a"):
    report = Report(trade="plumbing", description="漏水", unit_id=getattr(world, unit).pk)
    return work_order_submit(actor=world.users[role], report=report)


def test_raise_defaults_the_deadline_to_the_estates_answer_days(world):
    CommitteeRules.objects.create(estate=world.estate_a, supervision_answer_days=3)
    before = timezone.now()
    item = raise_item(world)
    assert item.status == "open"
    assert before + timedelta(days=3) <= item.answer_due <= timezone.now() + timedelta(days=3)


def test_raise_without_rules_uses_the_national_default(world):
    item = raise_item(world)
    assert abs(item.answer_due - item.created_at - timedelta(days=7)) < timedelta(seconds=5)


def test_raise_with_a_chosen_day_ends_at_that_local_day(world):
    day = timezone.localdate() + timedelta(days=10)
    item = raise_item(world, answer_due=day)
    local = timezone.localtime(item.answer_due)
    assert (local.date(), local.hour, local.minute) == (day, 23, 59)


def test_raise_records_the_event_and_audit_and_tells_the_managers_only(world):
    item = raise_item(world)
    assert list(item.events.values_list("action", "to_status")) == [("raise", "open")]
    assert AuditEvent.objects.filter(action="supervision.raise", object_id=str(item.pk)).exists()
    assert _recipients(item, "raise") == {world.users["manager"].pk}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"subject": " "}, "subject"),
        ({"details": ""}, "details"),
        ({"about": "weather"}, "about"),
        ({"about": "complaint"}, "complaint_id"),
        ({"about": "pattern", "work_order_id": 1}, "work_order_id"),
        ({"answer_due": "yesterday"}, "answer_due"),
    ],
)
def test_raise_refuses_bad_input_naming_the_field_and_saves_nothing(world, overrides, field):
    if overrides.get("answer_due") == "yesterday":
        overrides["answer_due"] = timezone.localdate() - timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        raise_item(world, **overrides)
    assert field in refused.value.message_dict
    assert not SupervisionItem.objects.exists() and not SupervisionEvent.objects.exists()


def test_raise_refuses_a_complaint_of_another_estate(world):
    other = file_b(world)
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            raise_item(world, about="complaint", complaint_id=other.pk)
        assert "this estate" in refused.value.message_dict["complaint_id"][0]


def test_raise_refuses_a_work_order_of_another_estate(world):
    other = _order(world, "other_household", "unit_b")
    with pytest.raises(ValidationError) as refused:
        raise_item(world, about="work_order", work_order_id=other.pk)
    assert "work_order_id" in refused.value.message_dict


def test_raise_links_a_complaint_and_a_work_order_of_the_same_estate(world):
    complaint, order = file(world), _order(world)
    assert raise_item(world, about="complaint", complaint_id=complaint.pk).complaint_id == complaint.pk
    assert raise_item(world, about="work_order", work_order_id=order.pk).work_order_id == order.pk


@pytest.mark.parametrize("role", ["manager", "owner", "committee_b"])
def test_raise_is_for_the_estates_committee_only(world, role):
    with pytest.raises(NotPermitted):
        services.supervision_raise(actor=world.users[role], estate_id=world.estate_a.pk, draft=draft())


def test_answer_by_the_manager_tells_the_committee(world):
    item = raise_item(world)
    answered = services.supervision_answer(item_id=item.pk, actor=world.users["manager"], answer="下周一修复")
    assert (answered.status, answered.answer) == ("answered", "下周一修复")
    assert answered.answered_at is not None
    assert _recipients(item, "answer") == {world.users["committee"].pk}
    assert AuditEvent.objects.filter(action="supervision.answer", actor=world.users["manager"]).exists()


def test_answer_needs_text_and_the_manager(world):
    item = raise_item(world)
    with pytest.raises(ValidationError):
        services.supervision_answer(item_id=item.pk, actor=world.users["manager"], answer=" ")
    with pytest.raises(NotPermitted):
        services.supervision_answer(item_id=item.pk, actor=world.users["committee"], answer="自问自答")
    assert SupervisionItem.objects.get(pk=item.pk).status == "open"


def _answered(world):
    item = raise_item(world)
    return services.supervision_answer(item_id=item.pk, actor=world.users["manager"], answer="已安排维修")


def test_close_by_the_committee(world):
    item = services.supervision_close(item_id=_answered(world).pk, actor=world.users["committee"], note="满意")
    assert (item.status, item.closed_at is not None) == ("closed", True)


def test_close_an_open_item_is_an_invalid_transition(world):
    with pytest.raises(InvalidTransition):
        services.supervision_close(item_id=raise_item(world).pk, actor=world.users["committee"])


def test_reopen_sets_a_new_deadline_and_tells_the_managers(world):
    item = _answered(world)
    day = timezone.localdate() + timedelta(days=4)
    reopened = services.supervision_reopen(item_id=item.pk, actor=world.users["committee"], reason="没修好",
                                           answer_due=day)  # fmt: skip
    assert reopened.status == "open" and timezone.localtime(reopened.answer_due).date() == day
    assert reopened.events.last().note == "没修好"
    assert _recipients(item, "reopen") == {world.users["manager"].pk}


def test_reopen_needs_a_reason(world):
    with pytest.raises(ValidationError):
        services.supervision_reopen(item_id=_answered(world).pk, actor=world.users["committee"], reason="")


def test_publish_once_after_an_answer(world):
    item = _answered(world)
    published = services.supervision_publish(item_id=item.pk, actor=world.users["committee"])
    assert published.published_at is not None and published.status == "answered"
    with pytest.raises(InvalidTransition):
        services.supervision_publish(item_id=item.pk, actor=world.users["committee"])


def test_publish_before_an_answer_is_refused(world):
    with pytest.raises(InvalidTransition):
        services.supervision_publish(item_id=raise_item(world).pk, actor=world.users["committee"])


def test_events_are_immutable(world):
    event = raise_item(world).events.get()
    with pytest.raises(PermissionError):
        event.save()


def test_a_published_item_reopened_stays_published_awaiting_the_new_answer(world):
    item = _answered(world)
    services.supervision_publish(item_id=item.pk, actor=world.users["committee"])
    reopened = services.supervision_reopen(item_id=item.pk, actor=world.users["committee"], reason="未落实")
    assert (reopened.status, reopened.published_at is not None) == ("open", True)
