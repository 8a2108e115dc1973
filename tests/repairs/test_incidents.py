"""Incidents (outages): declaring, updating and ending them, and which new reports join them."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from PIL import Image

from core.errors import InvalidTransition, NotPermitted
from core.models import AuditEvent, OutboxMessage
from repairs import selectors, services
from repairs.incidents import selectors as incident_selectors
from repairs.incidents.services import (
    IncidentDetails,
    IncidentScope,
    incident_declare,
    incident_end,
    incident_update,
)
from repairs.models import Incident, WorkOrder
from repairs.photos import work_order_submit_with_photos
from repairs.services import Report
from residents.models import CommonArea
from tests.residents.factories import BuildingFactory, OccupancyFactory, UnitFactory

pytestmark = pytest.mark.django_db


def declare(world, *, actor="dispatcher", estate="alpha", buildings=(), areas=(), trade="", **details):
    scope = IncidentScope(estate=estate, building_ids=tuple(b.pk for b in buildings),
                          common_area_ids=tuple(a.pk for a in areas), trade=trade,
                          started_at=details.pop("started_at", None))  # fmt: skip
    details = IncidentDetails(**{"title": "3号楼停水", "kind": Incident.Kind.WATER, **details})
    return incident_declare(actor=world.users[actor], scope=scope, details=details)


def report(world, *, actor="owner", trade="plumbing", **place):
    place = place or {"unit_id": world.unit_a.pk}
    return services.work_order_submit(
        actor=world.users[actor], report=Report(trade=trade, description="没水了", **place)
    )


@pytest.fixture
def building_a(world):
    return world.unit_a.building


@pytest.fixture
def lift_a(world, building_a):
    return CommonArea.objects.create(estate=world.estate_a, building=building_a, kind="lift", name="1号楼电梯")


# --- declaring -------------------------------------------------------------------------------------------


def test_declare_records_scope_and_audit(world, building_a, lift_a):
    incident = declare(world, buildings=[building_a], areas=[lift_a], trade="plumbing", description="管道抢修")
    assert (incident.estate, incident.trade.key, incident.status) == (world.estate_a, "plumbing", "open")
    assert list(incident.buildings.all()) == [building_a] and list(incident.common_areas.all()) == [lift_a]
    assert incident.created_by == world.users["dispatcher"] and incident.started_at <= timezone.now()
    audit = AuditEvent.objects.get(action="incident.declare")
    assert (audit.object_id, audit.estate_id, audit.detail["buildings"]) == (str(incident.pk), world.estate_a.pk,
                                                                             [building_a.pk])  # fmt: skip


def test_declare_refuses_a_building_of_another_estate_naming_it(world, building_a):
    with pytest.raises(ValidationError) as exc:
        declare(world, buildings=[building_a, world.unit_b.building])
    message = exc.value.message_dict["building_ids"][0]
    assert f"#{world.unit_b.building_id}" in message and world.estate_a.name in message
    assert not Incident.objects.exists()


def test_declare_refuses_a_common_area_of_another_estate(world):
    area_b = CommonArea.objects.create(estate=world.estate_b, kind="lift", name="B lift")
    with pytest.raises(ValidationError) as exc:
        declare(world, areas=[area_b])
    assert f"#{area_b.pk}" in exc.value.message_dict["common_area_ids"][0]
    assert not Incident.objects.exists()


def test_declare_needs_a_place_a_title_and_an_end_after_the_start(world):
    with pytest.raises(ValidationError) as exc:
        declare(world, title=" ", expected_end=timezone.now() - timedelta(hours=1))
    assert {"building_ids", "title", "expected_end"} <= set(exc.value.message_dict)


def test_declare_refuses_an_unknown_trade_and_a_master_order_of_another_estate(world, building_a, order_b):
    with pytest.raises(ValidationError) as exc:
        declare(world, buildings=[building_a], trade="teleporting", master_order_id=order_b.pk)
    assert {"trade", "master_order_id"} <= set(exc.value.message_dict)


def test_declare_in_an_estate_the_actor_does_not_dispatch_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        declare(world, estate="beta", buildings=[world.unit_b.building])
    assert "estate" in exc.value.message_dict
    with pytest.raises(ValidationError):
        declare(world, actor="technician", buildings=[world.unit_a.building])


# --- updating and ending ---------------------------------------------------------------------------------


def test_update_changes_what_residents_are_told_and_is_audited(world, building_a, order):
    incident = declare(world, buildings=[building_a])
    later = timezone.now() + timedelta(hours=5)
    details = IncidentDetails(title="3号楼停水", description="水泵更换中", kind="water", expected_end=later,
                              master_order_id=order.pk)  # fmt: skip
    updated = incident_update(incident_id=incident.pk, actor=world.users["manager"], details=details)
    assert (updated.description, updated.expected_end, updated.master_order) == ("水泵更换中", later, order)
    audit = AuditEvent.objects.get(action="incident.update")
    assert audit.detail["changed"] == ["description", "expected_end", "master_order_id"]


def test_update_by_staff_of_another_estate_is_refused(world, building_a):
    incident = declare(world, buildings=[building_a])
    with pytest.raises(NotPermitted):
        incident_update(incident_id=incident.pk, actor=world.users["manager_b"], details=IncidentDetails(title="x"))


def test_end_needs_a_note_then_records_it_once(world, building_a):
    incident = declare(world, buildings=[building_a])
    with pytest.raises(ValidationError):
        incident_end(incident_id=incident.pk, actor=world.users["dispatcher"], resolution_note="  ")
    ended = incident_end(incident_id=incident.pk, actor=world.users["dispatcher"], resolution_note="已恢复供水")
    assert (ended.status, ended.resolution_note) == ("ended", "已恢复供水")
    assert AuditEvent.objects.filter(action="incident.end", object_id=str(incident.pk)).count() == 1
    with pytest.raises(InvalidTransition):
        incident_end(incident_id=incident.pk, actor=world.users["dispatcher"], resolution_note="again")
    with pytest.raises(InvalidTransition):
        incident_update(incident_id=incident.pk, actor=world.users["dispatcher"], details=IncidentDetails(title="x"))


def test_a_planned_outage_called_off_before_its_start_ends_now(world, building_a):
    incident = declare(world, buildings=[building_a], started_at=timezone.now() + timedelta(days=1))
    assert incident.is_planned
    ended = incident_end(incident_id=incident.pk, actor=world.users["dispatcher"], resolution_note="计划取消")
    assert ended.started_at == ended.ended_at <= timezone.now()


# --- new reports join --------------------------------------------------------------------------------------


def test_a_residents_report_in_a_scoped_building_joins_the_outage(world, building_a):
    incident = declare(
        world, buildings=[building_a], trade="plumbing", expected_end=timezone.now() + timedelta(hours=3)
    )
    order = report(world)
    assert (order.status, order.incident, order.closed_at is not None) == ("joined", incident, True)
    assert (order.response_due, order.arrival_due, order.resolution_due, order.next_escalation_at) == (None,) * 4
    event = order.events.get(action="join_incident")
    assert (event.actor, event.from_status, event.to_status, event.visibility) == (None, "submitted", "joined",
                                                                                   "resident")  # fmt: skip
    assert incident.title in event.note
    assert order not in selectors.staff_queue(user=world.users["dispatcher"])


def test_the_reporter_is_told_it_joined_rather_than_received(world, building_a):
    declare(world, buildings=[building_a])
    order = report(world)
    keys = set(OutboxMessage.objects.filter(recipient=world.users["owner"]).values_list("event_key", flat=True))
    assert keys == {f"wo.{order.pk}.event.{order.events.get(action='join_incident').pk}"}


def test_a_report_of_another_trade_does_not_join(world, building_a):
    declare(world, buildings=[building_a], trade="plumbing")
    order = report(world, trade="electrical")
    assert (order.status, order.incident) == ("submitted", None)


def test_an_outage_of_any_trade_gathers_every_trade(world, building_a):
    incident = declare(world, buildings=[building_a])
    assert report(world, trade="electrical").incident == incident


def test_an_emergency_report_never_joins_and_reaches_the_queue(world, building_a):
    declare(world, buildings=[building_a])  # an outage of any trade over the whole building
    order = services.work_order_submit(
        actor=world.users["owner"],
        report=Report(trade="plumbing", description="管道爆裂", priority="emergency", unit_id=world.unit_a.pk),
    )
    order.refresh_from_db()
    assert order.status == "submitted" and order.incident_id is None and order.response_due is not None


def test_a_report_outside_the_scope_does_not_join(world, building_a):
    other = UnitFactory(building=BuildingFactory(estate=world.estate_a, name="2号楼"))
    resident = OccupancyFactory(unit=other).person.user
    declare(world, buildings=[building_a])
    order = services.work_order_submit(actor=resident, report=Report(trade="plumbing", description="x",
                                                                     unit_id=other.pk))  # fmt: skip
    assert order.status == "submitted"


def test_an_outage_of_another_estate_is_never_joined(world, order_b):
    declare(world, actor="manager_b", estate="beta", buildings=[world.unit_b.building])
    assert report(world).status == "submitted"


def test_an_ended_outage_is_not_joined(world, building_a):
    incident = declare(world, buildings=[building_a])
    incident_end(incident_id=incident.pk, actor=world.users["dispatcher"], resolution_note="已恢复")
    assert report(world).status == "submitted"


def test_an_outage_that_ended_since_it_was_found_is_not_joined(world, building_a, monkeypatch):
    incident = declare(world, buildings=[building_a])
    incident_end(incident_id=incident.pk, actor=world.users["dispatcher"], resolution_note="已恢复")
    # the selection raced with the end: the locked re-read must see it ended
    monkeypatch.setattr(services, "incident_covering", lambda order, at: incident)
    assert report(world).status == "submitted"


def test_a_planned_outage_is_not_joined_before_it_starts(world, building_a):
    declare(world, buildings=[building_a], started_at=timezone.now() + timedelta(hours=2))
    assert report(world).status == "submitted"


def test_a_common_area_report_joins_an_outage_of_that_area(world, lift_a):
    incident = declare(world, areas=[lift_a], trade="lift", kind="lift")
    order = report(world, trade="lift", common_area_id=lift_a.pk)
    assert (order.status, order.incident) == ("joined", incident)


def test_a_common_area_report_joins_an_outage_of_its_building(world, building_a, lift_a):
    incident = declare(world, buildings=[building_a])
    assert report(world, trade="lift", common_area_id=lift_a.pk).incident == incident


def test_an_outage_of_one_area_does_not_gather_another_area_or_the_homes(world, building_a, lift_a):
    lobby = CommonArea.objects.create(estate=world.estate_a, building=building_a, kind="lobby", name="1号楼大堂")
    declare(world, areas=[lift_a])
    assert report(world, trade="lift", common_area_id=lobby.pk).status == "submitted"
    assert report(world, trade="lift").status == "submitted"


def test_the_outage_of_the_reports_trade_wins_over_one_of_any_trade(world, building_a):
    declare(world, buildings=[building_a], title="综合检修")
    water = declare(world, buildings=[building_a], trade="plumbing", priority="routine")
    assert report(world).incident == water


def test_an_order_staff_file_without_a_resident_does_not_join(world, building_a):
    declare(world, buildings=[building_a])
    own = services.work_order_submit(
        actor=world.users["dispatcher"],
        report=Report(trade="plumbing", description="更换水泵", unit_id=world.unit_a.pk, channel="phone"),
    )
    assert own.status == "submitted"
    taken = services.work_order_submit(
        actor=world.users["dispatcher"],
        report=Report(trade="plumbing", description="住户来电", unit_id=world.unit_a.pk, channel="phone",
                      reporter_id=world.users["owner"].person.pk),
    )  # fmt: skip
    assert taken.status == "joined"


def test_a_report_with_photos_keeps_them_when_it_joins(world, building_a):
    photo = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 30, 30)).save(photo, format="PNG")
    declare(world, buildings=[building_a])
    filed = Report(trade="plumbing", description="x", unit_id=world.unit_a.pk)
    order = work_order_submit_with_photos(actor=world.users["owner"], report=filed, photos=[photo.getvalue()])
    assert (order.status, order.photos.count()) == ("joined", 1)


def test_a_joined_order_cannot_become_a_merge_master(world, building_a, order):
    declare(world, buildings=[building_a])
    joined = report(world)
    with pytest.raises(ValidationError):
        services.work_order_merge(order_id=order.pk, master_id=joined.pk, actor=world.users["dispatcher"])


def test_joined_reports_are_left_out_of_the_monthly_report(world, building_a, order):
    declare(world, buildings=[building_a])
    report(world)
    now = timezone.localtime()
    figures = selectors.monthly_report(user=world.users["manager"], estate_slug="alpha", year=now.year, month=now.month)
    assert figures["volume"] == 1


# --- who sees which outage -----------------------------------------------------------------------------


def test_residents_see_open_outages_of_their_homes_only(world, building_a):
    incident = declare(world, buildings=[building_a])
    declare(world, actor="manager_b", estate="beta", buildings=[world.unit_b.building])
    ended = declare(world, buildings=[building_a])
    incident_end(incident_id=ended.pk, actor=world.users["dispatcher"], resolution_note="好了")
    assert list(incident_selectors.incidents_for_resident(user=world.users["tenant"])) == [incident]
    assert list(incident_selectors.incidents_for_resident(user=world.users["newcomer"])) == []


def test_an_area_of_a_building_affects_that_buildings_homes(world, lift_a):
    incident = declare(world, areas=[lift_a])
    assert set(incident_selectors.affected_unit_ids(incident=incident).values_list("pk", flat=True)) == {
        world.unit_a.pk, world.unit_a2.pk,
    }  # fmt: skip
    assert list(incident_selectors.incidents_for_resident(user=world.users["owner"])) == [incident]


def test_an_area_of_the_whole_estate_affects_every_home_of_the_estate(world):
    other = UnitFactory(building=BuildingFactory(estate=world.estate_a, name="2号楼"))
    gate = CommonArea.objects.create(estate=world.estate_a, kind="car_park", name="地库道闸")
    incident = declare(world, areas=[gate], kind="other", title="地库道闸故障")
    assert set(incident_selectors.affected_unit_ids(incident=incident).values_list("pk", flat=True)) == {
        world.unit_a.pk, world.unit_a2.pk, other.pk,
    }  # fmt: skip
    resident = OccupancyFactory(unit=other).person.user
    assert list(incident_selectors.incidents_for_resident(user=resident)) == [incident]
    assert list(incident_selectors.incidents_for_resident(user=world.users["other_household"])) == []


def test_residents_see_the_most_urgent_outage_first(world, building_a):
    routine = declare(world, buildings=[building_a], priority="routine", title="路灯维修")
    emergency = declare(world, buildings=[building_a], priority="emergency", kind="gas", title="燃气泄漏")
    urgent = declare(world, buildings=[building_a], priority="urgent")
    found = list(incident_selectors.incidents_for_resident(user=world.users["owner"]))
    assert found == [emergency, urgent, routine]


def test_staff_list_counts_joined_reports_in_their_estates_only(world, building_a):
    incident = declare(world, buildings=[building_a])
    report(world)
    report(world, actor="tenant")
    declare(world, actor="manager_b", estate="beta", buildings=[world.unit_b.building])
    [listed] = incident_selectors.incidents_for_staff(user=world.users["dispatcher"])
    assert (listed, listed.joined_count) == (incident, 2)
    assert WorkOrder.objects.filter(incident=incident, status="joined").count() == 2
