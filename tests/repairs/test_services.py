from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.errors import Conflict, InvalidTransition, NotPermitted
from core.models import OutboxMessage
from repairs import services, signals
from repairs.models import Channel, SlaPolicy, WorkOrder, WorkOrderEvent
from repairs.services import Report
from residents.models import CommonArea, EstateRole
from tests.residents.factories import UnitFactory

pytestmark = pytest.mark.django_db


def _to_in_progress(world, order):
    services.work_order_accept(order_id=order.pk, actor=world.users["dispatcher"])
    services.work_order_assign(
        order_id=order.pk, technician_id=world.users["technician"].pk, actor=world.users["dispatcher"]
    )
    return services.work_order_start(order_id=order.pk, actor=world.users["technician"])


def test_work_order_submit_sets_the_emergency_deadlines(order):
    assert order.status == "submitted"
    assert order.arrival_due - order.created_at < timedelta(minutes=31)
    assert order.events.get().action == "submit"


def test_work_order_submit_uses_the_estates_own_sla_policy(world):
    SlaPolicy.objects.create(
        estate=world.estate_a,
        priority="emergency",
        response_minutes=5,
        arrival_minutes=15,
        resolution_minutes=120,
        around_the_clock=True,
    )
    order = services.work_order_submit(
        actor=world.users["owner"],
        report=Report(trade="plumbing", description="漏水", priority="emergency", unit_id=world.unit_a.pk),
    )
    assert order.arrival_due - order.created_at < timedelta(minutes=16)


def test_work_order_submit_for_another_households_unit_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.work_order_submit(
            actor=world.users["owner"], report=Report(trade="plumbing", description="x", unit_id=world.unit_b.pk)
        )
    assert "unit" in exc.value.message_dict
    assert not WorkOrder.objects.exists()


def test_work_order_submit_for_a_common_area_of_my_estate(world):
    lift = CommonArea.objects.create(estate=world.estate_a, kind="lift", name="1号楼电梯")
    order = services.work_order_submit(
        actor=world.users["tenant"], report=Report(trade="lift", description="电梯异响", common_area_id=lift.pk)
    )
    assert order.common_area == lift and order.reporter == world.users["tenant"].person


def test_work_order_submit_for_a_common_area_of_another_estate_is_refused(world):
    area = CommonArea.objects.create(estate=world.estate_b, kind="lift", name="电梯")
    with pytest.raises(ValidationError):
        services.work_order_submit(
            actor=world.users["owner"], report=Report(trade="lift", description="x", common_area_id=area.pk)
        )


def test_work_order_submit_names_every_bad_field(world):
    with pytest.raises(ValidationError) as exc:
        services.work_order_submit(actor=world.users["owner"], report=Report(trade="x", description=" ", priority="?"))
    assert {"trade", "description", "priority"} <= set(exc.value.message_dict)


def test_work_order_submit_by_phone_records_the_channel_and_the_resident(world):
    order = services.work_order_submit(
        actor=world.users["dispatcher"],
        report=Report(
            trade="electrical",
            description="停电",
            unit_id=world.unit_a.pk,
            channel=Channel.PHONE,
            reporter_id=world.users["owner"].person.pk,
        ),
    )
    assert (order.channel, order.reporter, order.created_by) == (
        "phone",
        world.users["owner"].person,
        world.users["dispatcher"],
    )


def test_work_order_submit_on_behalf_by_a_resident_is_refused(world):
    with pytest.raises(NotPermitted):
        services.work_order_submit(
            actor=world.users["owner"],
            report=Report(trade="plumbing", description="x", unit_id=world.unit_a.pk, channel=Channel.PHONE),
        )


def test_full_life_from_report_to_closed(world, order):
    _to_in_progress(world, order)
    services.work_order_complete(order_id=order.pk, actor=world.users["technician"], notes="换了阀门")
    confirmed = []
    signals.work_order_confirmed.connect(lambda **kw: confirmed.append(kw), weak=False, dispatch_uid="t1")
    try:
        services.work_order_confirm(order_id=order.pk, actor=world.users["owner"], rating=5)
    finally:
        signals.work_order_confirmed.disconnect(dispatch_uid="t1")
    closed = services.work_order_close(order_id=order.pk)
    assert closed.status == "closed" and closed.rating == 5 and closed.arrived_at
    assert confirmed == [
        {"signal": signals.work_order_confirmed, "sender": WorkOrder, "order_id": order.pk, "automatic": False}
    ]
    actions = list(closed.events.values_list("action", flat=True))
    assert actions == ["submit", "accept", "assign", "start", "complete", "confirm", "close"]


def test_each_transition_writes_one_event_and_tells_the_resident(world, order):
    services.work_order_accept(order_id=order.pk, actor=world.users["dispatcher"])
    event = order.events.last()
    assert (event.from_status, event.to_status, event.actor) == ("submitted", "accepted", world.users["dispatcher"])
    assert OutboxMessage.objects.filter(recipient=world.users["owner"], event_key=f"wo.{order.pk}.event.{event.pk}")


def test_transition_from_the_wrong_status_changes_nothing(world, order):
    with pytest.raises(InvalidTransition):
        services.work_order_complete(order_id=order.pk, actor=world.users["technician"], notes="done")
    order.refresh_from_db()
    assert (order.status, order.version, order.events.count()) == ("submitted", 1, 1)


def test_stale_version_is_a_conflict(world, order):
    services.work_order_accept(order_id=order.pk, actor=world.users["dispatcher"], expected_version=1)
    with pytest.raises(Conflict):
        services.work_order_assign(
            order_id=order.pk,
            technician_id=world.users["technician"].pk,
            actor=world.users["manager"],
            expected_version=1,
        )


def test_assign_only_to_a_technician_of_the_estate(world, order):
    services.work_order_accept(order_id=order.pk, actor=world.users["dispatcher"])
    outsider = EstateRole.objects.create(user=world.users["manager_b"], estate=world.estate_b, role="technician").user
    with pytest.raises(ValidationError):
        services.work_order_assign(order_id=order.pk, technician_id=outsider.pk, actor=world.users["dispatcher"])


def test_a_resident_cannot_dispatch(world, order):
    with pytest.raises(NotPermitted):
        services.work_order_accept(order_id=order.pk, actor=world.users["owner"])


def test_a_household_member_may_cancel_before_work_starts(world, order):
    assert services.work_order_cancel(order_id=order.pk, actor=world.users["tenant"]).status == "cancelled"


def test_hold_pauses_the_resolution_clock(world, order):
    _to_in_progress(world, order)
    due = WorkOrder.objects.get(pk=order.pk).resolution_due
    services.work_order_hold(order_id=order.pk, actor=world.users["technician"], reason="等配件")
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        resumed = services.work_order_resume(order_id=order.pk, actor=world.users["technician"])
    assert resumed.resolution_due - due >= timedelta(hours=3)


def test_reopen_within_the_window_goes_back_to_assignment(world, order):
    _to_in_progress(world, order)
    services.work_order_complete(order_id=order.pk, actor=world.users["technician"], notes="ok")
    reopened = services.work_order_reopen(order_id=order.pk, actor=world.users["owner"], reason="又漏了")
    assert (reopened.status, reopened.reopen_count, reopened.assignee) == ("accepted", 1, None)


def test_reopen_after_the_window_is_refused(world, order):
    _to_in_progress(world, order)
    services.work_order_complete(order_id=order.pk, actor=world.users["technician"], notes="ok")
    with time_machine.travel(timezone.now() + timedelta(days=8)), pytest.raises(InvalidTransition):
        services.work_order_reopen(order_id=order.pk, actor=world.users["owner"], reason="again")


def test_confirm_needs_a_rating_from_1_to_5(world, order):
    _to_in_progress(world, order)
    services.work_order_complete(order_id=order.pk, actor=world.users["technician"], notes="ok")
    with pytest.raises(ValidationError):
        services.work_order_confirm(order_id=order.pk, actor=world.users["owner"], rating=6)
    assert WorkOrder.objects.get(pk=order.pk).status == "completed"


def test_auto_confirm_is_marked_automatic(world, order):
    _to_in_progress(world, order)
    services.work_order_complete(order_id=order.pk, actor=world.users["technician"], notes="ok")
    confirmed = services.work_order_auto_confirm(order_id=order.pk)
    assert confirmed.auto_confirmed and confirmed.rating is None
    assert confirmed.events.last().actor is None


def test_merge_links_the_duplicate_to_its_master(world, order):
    other = services.work_order_submit(
        actor=world.users["tenant"], report=Report(trade="plumbing", description="同一处漏水", unit_id=world.unit_a.pk)
    )
    merged = services.work_order_merge(order_id=other.pk, master_id=order.pk, actor=world.users["dispatcher"])
    assert (merged.status, merged.master) == ("merged", order)


def test_merge_into_another_estates_order_is_refused(world, order):
    foreign = services.work_order_submit(
        actor=world.users["other_household"], report=Report(trade="plumbing", description="x", unit_id=world.unit_b.pk)
    )
    with pytest.raises(ValidationError):
        services.work_order_merge(order_id=order.pk, master_id=foreign.pk, actor=world.users["dispatcher"])


def test_events_are_immutable(order):
    event = WorkOrderEvent.objects.get(order=order)
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()


def test_routine_deadlines_count_business_hours_only(world):
    with time_machine.travel(timezone.datetime(2026, 11, 28, 17, 0, tzinfo=timezone.get_current_timezone())):
        order = services.work_order_submit(
            actor=world.users["owner"],
            report=Report(trade="plumbing", description="门锁坏了", priority="routine", unit_id=world.unit_a.pk),
        )
    assert timezone.localtime(order.response_due).isoweekday() == 1  # Saturday 17:00 + 2 h → Monday


def test_unused_factory_unit_keeps_estate_consistent(world):
    unit = UnitFactory(building=world.unit_a.building)
    assert unit.estate == world.estate_a


def test_deleting_a_user_keeps_the_events_they_wrote(world, order):
    services.work_order_accept(order_id=order.pk, actor=world.users["dispatcher"])
    world.users["dispatcher"].delete()
    event = WorkOrderEvent.objects.get(order=order, action="accept")
    assert event.actor is None


def test_events_refuse_bulk_update_and_delete(order):
    with pytest.raises(PermissionError):
        WorkOrderEvent.objects.filter(order=order).update(note="x")
    with pytest.raises(PermissionError):
        WorkOrderEvent.objects.filter(order=order).delete()
