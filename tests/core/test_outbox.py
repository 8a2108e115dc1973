import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from core.channels.sms import MemorySmsBackend
from core.models import Notification, OutboxMessage
from core.outbox import Envelope, outbox_deliver, outbox_enqueue, outbox_pending_ids
from core.tasks import relay_pending_outbox
from residents.notify import notify_user
from tests.residents.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _envelope(user, channel="in_app", key="evt.1"):
    return Envelope(event_key=key, channel=channel, recipient_id=user.pk, address=user.email, subject="S", body="B")


def test_outbox_enqueue_publishes_only_after_commit(django_capture_on_commit_callbacks):
    user = PersonFactory().user
    with django_capture_on_commit_callbacks() as callbacks:
        outbox_enqueue(envelopes=[_envelope(user)])
    assert len(callbacks) == 1


def test_outbox_enqueue_rolled_back_publishes_nothing(django_capture_on_commit_callbacks):
    user = PersonFactory().user
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        outbox_enqueue(envelopes=[_envelope(user)])
        raise RuntimeError("business write failed")
    assert callbacks == []
    assert not OutboxMessage.objects.exists()


def test_outbox_enqueue_same_event_channel_recipient_is_queued_once():
    user = PersonFactory().user
    outbox_enqueue(envelopes=[_envelope(user)])
    outbox_enqueue(envelopes=[_envelope(user)])
    assert OutboxMessage.objects.count() == 1


def test_outbox_deliver_twice_delivers_once():
    user = PersonFactory().user
    [message] = outbox_enqueue(envelopes=[_envelope(user, channel="email")])
    assert outbox_deliver(message_id=message.pk) is True
    assert outbox_deliver(message_id=message.pk) is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == f"<outbox-{message.pk}@linli>"


def test_outbox_deliver_in_app_creates_one_notification():
    user = PersonFactory().user
    [message] = outbox_enqueue(envelopes=[_envelope(user)])
    outbox_deliver(message_id=message.pk)
    assert Notification.objects.filter(recipient=user, event_key="evt.1").count() == 1


def test_outbox_deliver_failure_is_counted_and_retried_later(monkeypatch):
    user = PersonFactory().user
    [message] = outbox_enqueue(envelopes=[_envelope(user, channel="sms")])

    def broken(self, **kwargs):
        raise ConnectionError("gateway down")

    monkeypatch.setattr(MemorySmsBackend, "send", broken)
    assert outbox_deliver(message_id=message.pk) is False
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("pending", 1)
    assert "gateway down" in message.last_error


def test_outbox_pending_ids_finds_messages_whose_publish_was_lost():
    user = PersonFactory().user
    [message] = outbox_enqueue(envelopes=[_envelope(user)])
    assert outbox_pending_ids() == []  # too fresh: its own publish is still expected
    OutboxMessage.objects.filter(pk=message.pk).update(created_at=timezone.now() - timezone.timedelta(minutes=5))
    assert outbox_pending_ids() == [message.pk]
    assert relay_pending_outbox() == 1
    message.refresh_from_db()
    assert message.status == "sent"


def test_notify_user_uses_the_persons_channels_and_language():
    person = PersonFactory(channels=["email", "sms"], language="en")
    notify_user(user=person.user, event_key="evt.2", subject="Hi")
    channels = set(OutboxMessage.objects.values_list("channel", flat=True))
    assert channels == {"in_app", "email", "sms"}


def test_notify_user_skips_channels_without_an_address():
    person = PersonFactory(channels=["email"], user__email="")
    notify_user(user=person.user, event_key="evt.3", subject="Hi")
    assert list(OutboxMessage.objects.values_list("channel", flat=True)) == ["in_app"]
