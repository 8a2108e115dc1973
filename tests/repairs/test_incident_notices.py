"""An outage's notices: who is told when it is declared and when it ends, once, however often the task runs."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from core.models import Notification, OutboxMessage
from core.outbox import outbox_deliver
from repairs import services, tasks
from repairs.incidents import services as incidents
from repairs.incidents.services import IncidentDetails
from repairs.models import Incident
from repairs.services import Report
from residents.models import CommonArea
from tests.repairs.test_incidents import declare
from tests.residents.factories import BuildingFactory, OccupancyFactory, OwnershipFactory, UnitFactory

pytestmark = pytest.mark.django_db


def told(incident, event):
    """{user id: [channels]} of the outbox messages for the incident's event."""
    rows = OutboxMessage.objects.filter(event_key=f"incident.{incident.pk}.{event}").order_by("channel")
    found = {}
    for recipient, channel in rows.values_list("recipient", "channel"):
        found.setdefault(recipient, []).append(channel)
    return found


@pytest.fixture
def neighbours(world):
    """People who must not be told of an outage in building 1 of estate A: another building's resident, a
    tenant who moved out, an owner not yet verified, and the household of estate B (world.other_household)."""
    other_building = UnitFactory(building=BuildingFactory(estate=world.estate_a, name="2号楼"))
    moved_out = timezone.localdate() - timedelta(days=10)
    return {
        "other_building": OccupancyFactory(unit=other_building).person.user,
        "moved_out": OccupancyFactory(
            unit=world.unit_a2, start=moved_out - timedelta(days=300), end=moved_out
        ).person.user,
        "unverified": OwnershipFactory(unit=world.unit_a2, verified_at=None).person.user,
    }


def test_declaring_publishes_the_fan_out_only_after_commit(world, django_capture_on_commit_callbacks, monkeypatch):
    published = []
    monkeypatch.setattr(tasks.announce_incident, "delay", lambda *args: published.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        incident = declare(world, buildings=[world.unit_a.building])
        assert published == []
    assert published == [(incident.pk, "declared")]
    assert told(incident, "declared") == {}  # the messages are the task's work


def test_declaration_reaches_exactly_the_affected_residents_once_on_each_channel(world, neighbours):
    back = timezone.now() + timedelta(hours=4)
    incident = declare(world, buildings=[world.unit_a.building], description="更换水泵", expected_end=back)
    assert tasks.announce_incident(incident.pk, "declared") == 2
    owner, tenant = world.users["owner"], world.users["tenant"]
    assert told(incident, "declared") == {owner.pk: ["in_app", "sms"], tenant.pk: ["in_app", "sms"]}


def test_the_declaration_says_what_and_until_when_in_the_residents_language(world):
    owner = world.users["owner"]
    owner.person.language = "en"
    owner.person.save()
    back = timezone.now() + timedelta(hours=4)
    incident = declare(world, buildings=[world.unit_a.building], description="更换水泵", expected_end=back)
    tasks.announce_incident(incident.pk, "declared")
    message = OutboxMessage.objects.get(recipient=owner, channel="in_app")
    when = timezone.localtime(back).strftime("%Y-%m-%d %H:%M")
    assert (message.subject, message.body) == ("Outage: 3号楼停水", f"更换水泵\nExpected back by {when}.")
    assert message.link == "/me/"


def test_a_retried_fan_out_sends_nothing_twice(world):
    incident = declare(world, buildings=[world.unit_a.building])
    tasks.announce_incident(incident.pk, "declared")
    assert tasks.announce_incident(incident.pk, "declared") == 0  # redelivered after it finished
    # a worker that died after queueing but before its marker was saved: the outbox's key holds
    Incident.objects.filter(pk=incident.pk).update(announced_at=None)
    tasks.announce_incident(incident.pk, "declared")
    assert OutboxMessage.objects.filter(event_key=f"incident.{incident.pk}.declared").count() == 4
    for message in OutboxMessage.objects.all():
        outbox_deliver(message_id=message.pk)
    assert Notification.objects.filter(event_key=f"incident.{incident.pk}.declared").count() == 2


def test_the_end_reaches_the_residents_and_every_reporter_who_joined(world, neighbours):
    lift = CommonArea.objects.create(estate=world.estate_a, building=world.unit_a.building, kind="lift", name="电梯")
    incident = declare(world, areas=[lift], kind="lift", title="1号楼电梯停运")
    # a resident of building 2 reports building 1's lift: the report joins, so they are told of the end too
    filed = Report(trade="lift", description="电梯坏了", common_area_id=lift.pk)
    order = services.work_order_submit(actor=neighbours["other_building"], report=filed)
    assert order.status == "joined"
    incidents.incident_end(incident_id=incident.pk, actor=world.users["dispatcher"], resolution_note="已修复")
    assert tasks.announce_incident(incident.pk, "ended") == 3
    reporter = neighbours["other_building"]
    assert set(told(incident, "ended")) == {world.users["owner"].pk, world.users["tenant"].pk, reporter.pk}
    message = OutboxMessage.objects.get(event_key=f"incident.{incident.pk}.ended", recipient=reporter,
                                        channel="in_app")  # fmt: skip
    assert (message.body, message.link) == ("已修复", f"/repairs/{order.pk}/")


def test_the_end_is_not_announced_while_the_outage_is_open(world):
    incident = declare(world, buildings=[world.unit_a.building])
    assert tasks.announce_incident(incident.pk, "ended") == 0
    assert Incident.objects.get(pk=incident.pk).end_announced_at is None


def test_an_outage_ended_before_its_declaration_went_out_is_announced_once_by_its_end(world):
    incident = declare(world, buildings=[world.unit_a.building])
    incidents.incident_end(incident_id=incident.pk, actor=world.users["dispatcher"], resolution_note="误报")
    assert tasks.announce_incident(incident.pk, "declared") == 0
    assert tasks.announce_incident(incident.pk, "ended") == 2
    assert told(incident, "declared") == {}


def test_the_relay_announces_what_a_lost_publish_left_behind(world, monkeypatch, django_capture_on_commit_callbacks):
    def broker_down(*args):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.announce_incident, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        incident = declare(world, buildings=[world.unit_a.building])  # the failed publish is only logged
    assert tasks.relay_incident_announcements() == 0  # too recent: its own task may still be on its way
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert tasks.relay_incident_announcements() == 1
        assert tasks.relay_incident_announcements() == 0
    assert set(told(incident, "declared")) == {world.users["owner"].pk, world.users["tenant"].pk}


# --- updates -------------------------------------------------------------------------------------------------


def update(world, incident, **changes):
    """Staff change some details; the rest is sent as it stands (the form and the API send every field)."""
    incident.refresh_from_db()
    current = {"title": incident.title, "description": incident.description, "kind": incident.kind,
               "priority": incident.priority, "expected_end": incident.expected_end,
               "master_order_id": incident.master_order_id}  # fmt: skip
    details = IncidentDetails(**{**current, **changes})
    return incidents.incident_update(incident_id=incident.pk, actor=world.users["dispatcher"], details=details)


def updates_told(incident, number):
    return told(incident, f"updated.{number}")


@pytest.fixture
def announced(world):
    incident = declare(world, buildings=[world.unit_a.building], description="更换水泵")
    tasks.announce_incident(incident.pk, "declared")
    return incident


def test_a_new_expected_end_reaches_exactly_the_affected_residents(world, neighbours, announced):
    owner, tenant = world.users["owner"], world.users["tenant"]
    owner.person.language = "en"
    owner.person.save()
    later = timezone.now() + timedelta(hours=6)
    update(world, announced, expected_end=later)
    assert tasks.announce_incident(announced.pk, "updated") == 2
    assert updates_told(announced, 1) == {owner.pk: ["in_app", "sms"], tenant.pk: ["in_app", "sms"]}
    message = OutboxMessage.objects.get(event_key=f"incident.{announced.pk}.updated.1", recipient=owner,
                                        channel="in_app")  # fmt: skip
    when = timezone.localtime(later).strftime("%Y-%m-%d %H:%M")
    assert (message.subject, message.body) == ("Outage update: 3号楼停水", f"更换水泵\nExpected back by {when}.")
    assert message.link == "/me/"


def test_an_update_is_published_after_commit(world, announced, django_capture_on_commit_callbacks, monkeypatch):
    published = []
    monkeypatch.setattr(tasks.announce_incident, "delay", lambda *args: published.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        update(world, announced, description="水泵已到，正在安装")
        assert published == []
    assert published == [(announced.pk, "updated")]


def fix_order(world):
    report = Report(trade="plumbing", description="水泵", unit_id=world.unit_a.pk, channel="phone")
    return services.work_order_submit(actor=world.users["dispatcher"], report=report).pk


@pytest.mark.parametrize(
    "changes",
    [lambda world: {}, lambda world: {"priority": "emergency"}, lambda world: {"master_order_id": fix_order(world)}],
    ids=["nothing", "priority", "work order for the fix"],
)
def test_a_change_residents_do_not_see_tells_nobody(world, announced, changes, django_capture_on_commit_callbacks,
                                                      monkeypatch):  # fmt: skip
    changes = changes(world)
    published = []
    monkeypatch.setattr(tasks.announce_incident, "delay", lambda *args: published.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        update(world, announced, **changes)
    assert published == []
    assert Incident.objects.get(pk=announced.pk).notice_updates == 0
    assert tasks.announce_incident(announced.pk, "updated") == 0
    assert not OutboxMessage.objects.filter(event_key__contains=".updated.").exists()


def test_each_update_is_told_once_however_often_the_task_runs(world, announced):
    update(world, announced, description="水泵已到")
    assert tasks.announce_incident(announced.pk, "updated") == 2
    assert tasks.announce_incident(announced.pk, "updated") == 0  # redelivered
    Incident.objects.filter(pk=announced.pk).update(notice_updates_announced=0)  # died before its marker
    tasks.announce_incident(announced.pk, "updated")
    assert OutboxMessage.objects.filter(event_key=f"incident.{announced.pk}.updated.1").count() == 4
    update(world, announced, title="3号楼停水（延长）")
    assert tasks.announce_incident(announced.pk, "updated") == 2
    assert set(updates_told(announced, 2)) == {world.users["owner"].pk, world.users["tenant"].pk}


def test_a_burst_of_updates_sends_the_latest_text_once(world, announced):
    update(world, announced, description="第一次")
    update(world, announced, description="第二次")
    assert tasks.announce_incident(announced.pk, "updated") == 2  # the first task runs after both commits
    assert tasks.announce_incident(announced.pk, "updated") == 0  # the second finds nothing left to tell
    bodies = set(OutboxMessage.objects.filter(event_key__contains=".updated.").values_list("body", flat=True))
    assert bodies == {"第二次"}


def test_an_update_before_the_declaration_went_out_is_carried_by_the_declaration(world):
    incident = declare(world, buildings=[world.unit_a.building], description="初报")
    update(world, incident, description="更新")
    assert tasks.announce_incident(incident.pk, "updated") == 0  # waits for the declaration
    assert tasks.announce_incident(incident.pk, "declared") == 2
    assert set(OutboxMessage.objects.values_list("body", flat=True)) == {"更新"}
    assert tasks.announce_incident(incident.pk, "updated") == 0
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert incidents.incidents_to_announce(older_than=timezone.now() - timedelta(seconds=60)) == []


def test_an_update_overtaken_by_the_end_is_left_to_the_end_notice(world, announced):
    update(world, announced, description="快修好了")
    incidents.incident_end(incident_id=announced.pk, actor=world.users["dispatcher"], resolution_note="已恢复")
    assert tasks.announce_incident(announced.pk, "updated") == 0
    assert Incident.objects.get(pk=announced.pk).notice_updates_announced == 1  # the relay will not retry it
    assert not OutboxMessage.objects.filter(event_key__contains=".updated.").exists()


def test_the_relay_sends_an_update_whose_publish_was_lost(world, announced, monkeypatch,
                                                          django_capture_on_commit_callbacks):  # fmt: skip
    def broker_down(*args):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.announce_incident, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        update(world, announced, description="预计延长两小时")
    assert tasks.relay_incident_announcements() == 0
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert tasks.relay_incident_announcements() == 1
        assert tasks.relay_incident_announcements() == 0
    assert set(updates_told(announced, 1)) == {world.users["owner"].pk, world.users["tenant"].pk}


def test_the_update_fan_out_runs_in_chunks_without_holding_the_incident(world, announced, monkeypatch):
    """Each chunk commits on its own, and no SELECT … FOR UPDATE on the incident is taken while sending."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    update(world, announced, description="分批")
    with CaptureQueriesContext(connection) as queries:
        assert incidents.incident_announce(incident_id=announced.pk, event="updated", chunk=1) == 2
    sql = [q["sql"].upper() for q in queries]
    assert not any("FOR UPDATE" in line and "INCIDENT" in line for line in sql)
    assert sum(1 for line in sql if line.startswith("SAVEPOINT")) >= 2  # one (nested) transaction per chunk
