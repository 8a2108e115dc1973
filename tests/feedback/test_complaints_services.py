"""Complaint services: filing and its refusals, deadlines, the escalation chain, committee routing, forwarding,
anonymity in what handlers receive, notifications."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from core.errors import InvalidTransition, NotPermitted
from core.models import AuditEvent, OutboxMessage
from feedback.complaints import selectors, services
from feedback.complaints.api.serializers import HandlerComplaintDetailSerializer
from feedback.complaints.models import Complaint, ComplaintDimension, ComplaintEvent, ComplaintSettings
from feedback.complaints.workflow import Status
from repairs.services import Report, work_order_submit
from tests.feedback.complaints_support import file, file_b


def outbox_for(user, prefix="complaint."):
    return OutboxMessage.objects.filter(recipient=user, event_key__startswith=prefix)


# --- filing ------------------------------------------------------------------------------------------------


def test_submit_stores_the_item_its_tags_and_deadlines(world):
    complaint = file(world, dimensions=("responsiveness", "courtesy", "courtesy"))
    assert complaint.status == Status.RECEIVED
    assert complaint.acknowledge_due - complaint.received_at == timedelta(hours=24)
    assert complaint.answer_due - complaint.received_at == timedelta(days=5)
    assert set(complaint.dimension_tags.values_list("dimension", flat=True)) == {"responsiveness", "courtesy"}
    assert complaint.events.get().action == "submit"


def test_submit_uses_the_estates_settings(world):
    ComplaintSettings.objects.create(estate=world.estate_a, acknowledge_hours=4, answer_days=2)
    complaint = file(world)
    assert complaint.acknowledge_due - complaint.received_at == timedelta(hours=4)
    assert complaint.answer_due - complaint.received_at == timedelta(days=2)


def test_submit_tells_the_estates_dispatchers_and_managers_not_the_committee(world):
    file(world)
    assert outbox_for(world.users["dispatcher"]).exists()
    assert outbox_for(world.users["manager"]).exists()
    assert not outbox_for(world.users["committee"]).exists()
    assert not outbox_for(world.users["manager_b"]).exists()


def _order_b(world):
    return work_order_submit(actor=world.users["other_household"],
                             report=Report(trade="plumbing", description="漏水", unit_id=world.unit_b.pk))  # fmt: skip


BAD = {
    "unknown dimension": ({"dimensions": ("speed",)}, "dimensions"),
    "no dimension on a complaint": ({"dimensions": ()}, "dimensions"),
    "empty body": ({"body": "   "}, "body"),
    "empty title": ({"title": ""}, "title"),
    "estate not theirs": ({"estate": "beta"}, "estate"),
    "unit not theirs": ({"unit_id": "unit_b"}, "unit_id"),
    "work order not theirs": ({"work_order_id": "order_b"}, "work_order_id"),
    "staff member not in the estate": ({"staff_member_id": "manager_b"}, "staff_member_id"),
    "staff member sent to the committee": ({"staff_member_id": "dispatcher", "addressee": "committee"},
                                           "staff_member_id"),
    "unknown kind": ({"kind": "rant"}, "kind"),
}  # fmt: skip


@pytest.mark.parametrize("case", BAD.values(), ids=BAD.keys())
def test_submit_refuses_bad_input_naming_the_field_and_storing_nothing(world, case):
    overrides, field = case
    resolved = {"unit_b": world.unit_b.pk, "manager_b": world.users["manager_b"].pk,
                "dispatcher": world.users["dispatcher"].pk}  # fmt: skip
    if overrides.get("work_order_id") == "order_b":
        overrides = {**overrides, "work_order_id": _order_b(world).pk}
    overrides = {k: resolved.get(v, v) if isinstance(v, str) else v for k, v in overrides.items()}
    with pytest.raises(ValidationError) as refused:
        file(world, **overrides)
    assert field in refused.value.message_dict
    assert not Complaint.objects.exists() and not ComplaintDimension.objects.exists()
    assert not OutboxMessage.objects.filter(event_key__startswith="complaint.").exists()


def test_praise_needs_no_dimension(world):
    assert file(world, kind="praise", dimensions=()).kind == "praise"


def test_submit_may_point_at_the_residents_own_order_and_a_staff_member(world):
    order = work_order_submit(actor=world.users["owner"],
                              report=Report(trade="plumbing", description="漏水", unit_id=world.unit_a.pk))  # fmt: skip
    complaint = file(world, work_order_id=order.pk, staff_member_id=world.users["technician"].pk)
    assert (complaint.work_order, complaint.staff_member) == (order, world.users["technician"])


def test_a_second_identical_open_complaint_is_refused_until_the_first_is_closed(world):
    first = file(world)
    with pytest.raises(ValidationError) as refused:
        file(world, body="  报修三天没人来。 ", title="电梯维修太慢")
    assert "body" in refused.value.message_dict
    services.complaint_withdraw(complaint_id=first.pk, actor=world.users["owner"])
    assert file(world).pk != first.pk


def test_the_daily_cap_refuses_one_more(world):
    ComplaintSettings.objects.create(estate=world.estate_a, daily_cap=2)
    file(world, body="一")
    file(world, body="二")
    with pytest.raises(ValidationError) as refused:
        file(world, body="三")
    assert "__all__" in refused.value.message_dict
    assert Complaint.objects.count() == 2


def test_an_anonymous_item_cannot_point_at_the_residents_order(world):
    order = work_order_submit(actor=world.users["owner"],
                              report=Report(trade="plumbing", description="漏水", unit_id=world.unit_a.pk))  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        file(world, anonymous_to_staff=True, work_order_id=order.pk)
    assert "work_order_id" in refused.value.message_dict


# --- the escalation chain ------------------------------------------------------------------------------------


def test_complaint_goes_from_answer_to_manager_to_committee(world):
    u = world.users
    c = file(world)
    services.complaint_acknowledge(complaint_id=c.pk, actor=u["dispatcher"])
    services.complaint_investigate(complaint_id=c.pk, actor=u["dispatcher"])
    services.complaint_answer(complaint_id=c.pk, actor=u["dispatcher"], answer="已安排维修。")
    assert not selectors.complaints_for_committee(user=u["committee"]).filter(pk=c.pk).exists()
    c = services.complaint_reject(complaint_id=c.pk, actor=u["owner"], reason="还是没修")
    assert c.status == Status.ESCALATED and c.manager_answer_due is not None
    assert outbox_for(u["manager"], f"complaint.{c.pk}.event.").exists()
    with pytest.raises(NotPermitted):
        services.complaint_manager_answer(complaint_id=c.pk, actor=u["dispatcher"], answer="…")
    services.complaint_manager_answer(complaint_id=c.pk, actor=u["manager"], answer="明天上午修好。")
    c = services.complaint_reject(complaint_id=c.pk, actor=u["owner"], reason="不满意")
    assert c.status == Status.COMMITTEE_REVIEW
    assert selectors.complaints_for_committee(user=u["committee"]).filter(pk=c.pk).exists()
    assert outbox_for(u["committee"], f"complaint.{c.pk}.event.").exists()
    c = services.complaint_conclude(complaint_id=c.pk, actor=u["committee"], conclusion="已督促物业整改。")
    assert c.status == Status.CLOSED and c.closed_at is not None
    actions = list(c.events.values_list("action", flat=True))
    assert actions == ["submit", "acknowledge", "investigate", "answer", "reject", "manager_answer", "reject",
                       "conclude"]  # fmt: skip


def test_the_resident_is_told_of_acknowledgement_and_answer(world):
    c = file(world)
    services.complaint_acknowledge(complaint_id=c.pk, actor=world.users["dispatcher"])
    services.complaint_answer(complaint_id=c.pk, actor=world.users["dispatcher"], answer="已处理")
    assert outbox_for(world.users["owner"]).filter(channel="in_app").count() == 2


def test_accepting_closes_and_the_answer_times_are_kept(world):
    c = file(world)
    services.complaint_answer(complaint_id=c.pk, actor=world.users["manager"], answer="已处理")
    c = services.complaint_accept(complaint_id=c.pk, actor=world.users["owner"])
    assert c.status == Status.CLOSED and c.acknowledged_at and c.answered_at


def test_praise_closes_when_answered(world):
    c = file(world, kind="praise", dimensions=("courtesy",))
    c = services.complaint_answer(complaint_id=c.pk, actor=world.users["dispatcher"], answer="谢谢您的表扬！")
    assert c.status == Status.CLOSED


def test_a_public_reply_keeps_the_status_and_reaches_the_resident(world):
    c = file(world)
    c = services.complaint_reply(complaint_id=c.pk, actor=world.users["dispatcher"], text="我们正在联系维修班组。")
    assert c.status == Status.RECEIVED
    event = c.events.last()
    assert (event.action, event.visibility) == ("reply", "public")
    assert outbox_for(world.users["owner"], f"complaint.{c.pk}.event.{event.pk}").exists()


def test_the_household_is_not_the_submitter(world):
    c = file(world)
    services.complaint_answer(complaint_id=c.pk, actor=world.users["dispatcher"], answer="已处理")
    with pytest.raises(NotPermitted):
        services.complaint_accept(complaint_id=c.pk, actor=world.users["tenant"])


def test_withdrawn_items_take_no_more_steps(world):
    c = file(world)
    services.complaint_withdraw(complaint_id=c.pk, actor=world.users["owner"])
    with pytest.raises(InvalidTransition):
        services.complaint_acknowledge(complaint_id=c.pk, actor=world.users["dispatcher"])


def test_a_stale_version_is_a_conflict(world):
    from core.errors import Conflict

    c = file(world)
    with pytest.raises(Conflict):
        services.complaint_acknowledge(complaint_id=c.pk, actor=world.users["dispatcher"], expected_version=7)


# --- the committee's route -----------------------------------------------------------------------------------


def test_a_committee_item_is_invisible_to_staff_until_forwarded(world):
    u = world.users
    c = file(world, addressee="committee", title="物业乱收费", body="停车费上涨未公示。", dimensions=("credibility",))
    for role in ("dispatcher", "manager", "technician"):
        assert not selectors.complaints_for_staff(user=u[role]).filter(pk=c.pk).exists()
        assert not outbox_for(u[role]).exists()
    assert outbox_for(u["committee"]).exists()
    with pytest.raises(NotPermitted):
        services.complaint_acknowledge(complaint_id=c.pk, actor=u["manager"])
    services.complaint_acknowledge(complaint_id=c.pk, actor=u["committee"])
    assert c.events.last().by == "committee"
    c = services.complaint_forward(complaint_id=c.pk, actor=u["committee"], note="请物业在五日内说明。")
    assert (c.status, c.route) == (Status.RECEIVED, "company")
    assert c.acknowledged_at is None and c.received_at == c.forwarded_at
    assert selectors.complaints_for_staff(user=u["manager"]).filter(pk=c.pk).exists()
    assert selectors.complaints_for_committee(user=u["committee"]).filter(pk=c.pk).exists()
    assert outbox_for(u["dispatcher"], f"complaint.{c.pk}.event.").exists()
    with pytest.raises(NotPermitted):  # the committee follows it now; the company answers
        services.complaint_answer(complaint_id=c.pk, actor=u["committee"], answer="…")
    services.complaint_answer(complaint_id=c.pk, actor=u["dispatcher"], answer="已补公示。")


def test_rejecting_the_committees_own_answer_returns_it_to_the_committee(world):
    u = world.users
    c = file(world, addressee="committee")
    services.complaint_answer(complaint_id=c.pk, actor=u["committee"], answer="已与物业沟通。")
    c = services.complaint_reject(complaint_id=c.pk, actor=u["owner"], reason="没有结果")
    assert (c.status, c.route) == (Status.COMMITTEE_REVIEW, "committee")
    assert not selectors.complaints_for_staff(user=u["manager"]).filter(pk=c.pk).exists()
    c = services.complaint_forward(complaint_id=c.pk, actor=u["committee"], note="转物业处理")
    assert c.status == Status.RECEIVED


def test_committee_of_another_estate_cannot_act(world):
    c = file(world, addressee="committee")
    with pytest.raises(NotPermitted):
        services.complaint_acknowledge(complaint_id=c.pk, actor=world.users["committee_b"])


def test_committee_items_are_left_out_of_staff_figures(world):
    file(world, addressee="committee")
    now = Complaint.objects.get().received_at
    counts = selectors.complaint_counts_by_dimension(estate_ids=[world.estate_a.pk], since=now - timedelta(days=1),
                                                     until=now + timedelta(days=1))  # fmt: skip
    assert counts["responsiveness"] == 0
    with_committee = selectors.complaint_counts_by_dimension(
        estate_ids=[world.estate_a.pk], since=now - timedelta(days=1), until=now + timedelta(days=1),
        include_committee=True,
    )  # fmt: skip
    assert with_committee["responsiveness"] == 1


# --- anonymity -----------------------------------------------------------------------------------------------


def test_an_anonymous_submitter_is_named_nowhere_a_handler_looks(world):
    u = world.users
    name = u["owner"].person.full_name
    c = file(world, anonymous_to_staff=True, unit_id=world.unit_a.pk)
    services.complaint_answer(complaint_id=c.pk, actor=u["dispatcher"], answer="已处理")
    services.complaint_reject(complaint_id=c.pk, actor=u["owner"], reason="不满意")
    for message in OutboxMessage.objects.exclude(recipient=u["owner"]):
        assert name not in f"{message.subject} {message.body} {message.link}"
    assert not AuditEvent.objects.filter(actor=u["owner"], action__startswith="complaint.").exists()
    assert not ComplaintEvent.objects.filter(actor=u["owner"]).exists()
    item = selectors.with_details(selectors.complaints_for_staff(user=u["manager"])).get(pk=c.pk)
    item.timeline, item.actions = list(selectors.timeline(complaint=item, handler=True)), []
    shown = str(HandlerComplaintDetailSerializer(item).data)
    assert name not in shown and "0101" not in shown
    assert HandlerComplaintDetailSerializer(item).data["submitter"] != name
    assert c.submitter == u["owner"].person  # the system still knows


def test_a_named_submitter_is_shown_to_handlers(world):
    c = file(world, unit_id=world.unit_a.pk)
    item = selectors.with_details(selectors.complaints_for_staff(user=world.users["manager"])).get(pk=c.pk)
    item.timeline, item.actions = [], []
    data = HandlerComplaintDetailSerializer(item).data
    assert data["submitter"] == world.users["owner"].person.full_name and data["unit"] == "1号楼 0101"


def test_estate_b_items_stay_in_estate_b(world):
    c = file_b(world)
    assert not selectors.complaints_for_staff(user=world.users["manager"]).filter(pk=c.pk).exists()
    assert selectors.complaints_for_staff(user=world.users["manager_b"]).filter(pk=c.pk).exists()
