"""An outage's notices: who is told when it is declared and when it ends, once, however often the task runs."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from core.models import Notification, OutboxMessage
from core.outbox import outbox_deliver
from repairs import services, tasks
from repairs.incidents import services as incidents
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
