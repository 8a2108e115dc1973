"""A notice that goes live tells the residents it concerns, once each, by their channels; scheduled ones too."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from core.models import OutboxMessage
from portal.notices.models import NoticeDelivery
from portal.notices.services import notice_notify_residents
from tests.portal.notices.helpers import notice_draft, notice_publish, published_notice
from tests.residents.factories import BuildingFactory, OccupancyFactory, UnitFactory

pytestmark = pytest.mark.django_db


def told(notice):
    return set(NoticeDelivery.objects.filter(notice=notice).values_list("person__user__username", flat=True))


def usernames(world, *roles):
    return {world.users[role].username for role in roles}


@pytest.fixture
def building_3(world):
    """3号楼 of estate A with one occupant (a tenant who wants texts too)."""
    unit = UnitFactory(building=BuildingFactory(estate=world.estate_a, name="3号楼"), number="0301")
    occupant = OccupancyFactory(unit=unit).person
    occupant.channels = ["in_app", "sms"]
    occupant.save()
    return unit.building, occupant.user


def test_publishing_a_notice_tells_every_resident_of_the_estate_and_no_one_else(
    world, boards, eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice = published_notice(boards["a"], title="小区停水通知", kind="outage")
    assert told(notice) == usernames(world, "owner", "tenant")  # not B's household, the newcomer or staff
    messages = OutboxMessage.objects.filter(event_key=f"notice-{notice.pk}")
    assert {m.recipient_id for m in messages} == {world.users["owner"].pk, world.users["tenant"].pk}
    assert all("小区停水通知" in m.subject for m in messages)


def test_a_notice_for_some_buildings_tells_only_their_residents_on_their_channels(
    world, boards, building_3, eager, django_capture_on_commit_callbacks
):
    building, occupant = building_3
    with django_capture_on_commit_callbacks(execute=True):
        notice = published_notice(boards["a"], title="3号楼电梯维保通知", kind="lift", buildings=[building])
    assert told(notice) == {occupant.username}
    channels = set(OutboxMessage.objects.filter(recipient_id=occupant.pk).values_list("channel", flat=True))
    assert channels == {"in_app", "sms"}


def test_publishing_again_or_retrying_the_fan_out_tells_nobody_twice(
    world, boards, eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice = published_notice(boards["a"], title="端午活动")
        notice.title = "端午活动（更新）"
        notice_publish(notice)
    assert notice_notify_residents(notice_id=notice.pk) == 0
    assert NoticeDelivery.objects.filter(notice=notice).count() == 2
    assert OutboxMessage.objects.filter(event_key=f"notice-{notice.pk}", channel="in_app").count() == 2


def test_a_resident_who_moves_in_after_publication_is_told_when_the_fan_out_runs_again(world, boards):
    notice = published_notice(boards["a"], title="物业费调整说明", kind="policy")
    assert notice_notify_residents(notice_id=notice.pk) == 2
    OccupancyFactory(unit=world.unit_a2)
    assert notice_notify_residents(notice_id=notice.pk) == 1


def test_a_draft_or_expired_notice_tells_nobody(world, boards):
    draft = notice_draft(boards["a"], title="草稿")
    expired = published_notice(boards["a"], title="旧通知")
    type(expired).objects.filter(pk=expired.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    assert notice_notify_residents(notice_id=draft.pk) == 0
    assert notice_notify_residents(notice_id=expired.pk) == 0
    assert not NoticeDelivery.objects.exists()


def test_a_scheduled_notice_tells_residents_only_when_publish_scheduled_makes_it_live(
    world, boards, eager, django_capture_on_commit_callbacks
):
    start = timezone.now().replace(microsecond=0) + timedelta(hours=2)
    with time_machine.travel(start - timedelta(hours=2), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            notice = notice_publish(notice_draft(boards["a"], title="周六停电检修", kind="outage", go_live_at=start))
        assert not notice.live and not told(notice)
    with time_machine.travel(start - timedelta(minutes=1), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("publish_scheduled")
        notice.refresh_from_db()
        assert not notice.live and not told(notice)
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("publish_scheduled")
        notice.refresh_from_db()
        assert notice.live
        assert told(notice) == usernames(world, "owner", "tenant")


def test_the_beat_task_runs_scheduled_publishing(world, boards, eager, django_capture_on_commit_callbacks):
    from portal.notices.tasks import publish_scheduled_pages

    start = timezone.now() + timedelta(minutes=5)
    notice = notice_publish(notice_draft(boards["a"], title="消防演练", kind="event", go_live_at=start))
    later = start + timedelta(minutes=1)
    with time_machine.travel(later, tick=False), django_capture_on_commit_callbacks(execute=True):
        publish_scheduled_pages.delay()
    notice.refresh_from_db()
    assert notice.live and told(notice) == usernames(world, "owner", "tenant")
