"""The overdue sweep (committee.tasks.escalate_overdue_supervision) under a frozen clock: an item past its
deadline escalates once, tells the managers and the committee, and stays flagged on both lists."""

from datetime import timedelta

import time_machine

from committee import tasks
from committee.supervision import services
from committee.supervision.models import SupervisionItem
from core.models import AuditEvent, OutboxMessage

from .supervision_support import raise_item


def _escalations(item):
    return list(item.events.filter(action="escalate").values_list("data", flat=True))


def test_sweep_leaves_an_item_alone_before_its_deadline(world):
    item = raise_item(world)
    with time_machine.travel(item.answer_due - timedelta(minutes=1)):
        assert tasks.escalate_overdue_supervision() == 0
    assert _escalations(item) == []


def test_sweep_escalates_an_overdue_item_once_and_tells_managers_and_committee(world):
    item = raise_item(world)
    with time_machine.travel(item.answer_due + timedelta(minutes=1)):
        assert tasks.escalate_overdue_supervision() == 1
        assert tasks.escalate_overdue_supervision() == 0  # idempotent
    assert _escalations(item) == [{"due": item.answer_due.isoformat()}]
    event = item.events.get(action="escalate")
    told = OutboxMessage.objects.filter(event_key__startswith=f"supervision.{item.pk}.{event.pk}.", channel="in_app")
    assert set(told.values_list("recipient_id", flat=True)) == {world.users["manager"].pk, world.users["committee"].pk}
    assert AuditEvent.objects.filter(action="supervision.escalate", object_id=str(item.pk)).count() == 1
    assert SupervisionItem.objects.get(pk=item.pk).status == "open"  # overdue is derived, not a status


def test_sweep_skips_answered_items(world):
    item = raise_item(world)
    services.supervision_answer(item_id=item.pk, actor=world.users["manager"], answer="已处理")
    with time_machine.travel(item.answer_due + timedelta(days=1)):
        assert tasks.escalate_overdue_supervision() == 0


def test_a_reopened_item_escalates_again_for_its_new_deadline(world):
    item = raise_item(world)
    with time_machine.travel(item.answer_due + timedelta(minutes=1)):
        tasks.escalate_overdue_supervision()
        services.supervision_answer(item_id=item.pk, actor=world.users["manager"], answer="迟到的答复")
        reopened = services.supervision_reopen(item_id=item.pk, actor=world.users["committee"], reason="不具体")
    with time_machine.travel(reopened.answer_due + timedelta(minutes=1)):
        assert tasks.escalate_overdue_supervision() == 1
        assert tasks.escalate_overdue_supervision() == 0
    assert len(_escalations(item)) == 2


def test_overdue_items_stay_flagged_on_the_committee_and_company_lists(world, api_as):
    item = raise_item(world)
    with time_machine.travel(item.answer_due + timedelta(hours=1)):
        tasks.escalate_overdue_supervision()
        for role, path in (("committee", "/api/v1/committee/alpha/supervision/"),
                           ("manager", "/api/v1/staff/committee/alpha/supervision/")):  # fmt: skip
            row = api_as(world.users[role]).get(path).json()["results"][0]
            assert (row["id"], row["overdue"], row["escalated"]) == (item.pk, True, True)
