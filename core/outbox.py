"""The notification outbox: enqueue inside the business transaction, deliver after commit, at most once per
(event, channel, recipient)."""

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from .channels import deliver
from .models import OutboxMessage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Envelope:
    """One message for one recipient on one channel; `address` is the email or phone for that channel."""

    event_key: str
    channel: str
    recipient_id: int
    address: str
    subject: str
    body: str = ""
    link: str = ""


def outbox_enqueue(*, envelopes: list[Envelope]) -> list[OutboxMessage]:
    """Write the messages in the caller's transaction and publish them once it commits.

    An envelope already queued for the same (event, channel, recipient) is skipped.
    """
    created = []
    for env in envelopes:
        try:
            with transaction.atomic():
                created.append(OutboxMessage.objects.create(**env.__dict__))
        except IntegrityError:
            log.info("outbox: %s/%s already queued", env.event_key, env.channel)
    ids = [m.pk for m in created]
    if ids:
        transaction.on_commit(lambda: _publish(ids))
    return created


def _publish(ids):
    from .tasks import deliver_outbox_message

    for pk in ids:
        try:
            deliver_outbox_message.delay(pk)
        except Exception:  # broker down: the periodic relay picks the row up later
            log.warning("outbox: publish of %s failed; the relay will retry", pk, exc_info=True)


def outbox_deliver(*, message_id: int) -> bool:
    """Deliver one pending message; a message already sent (or locked by another worker) is left alone.

    Returns True when this call delivered it.
    """
    with transaction.atomic():
        msg = OutboxMessage.objects.select_for_update(skip_locked=True).filter(pk=message_id).first()
        if msg is None or msg.status != OutboxMessage.Status.PENDING:
            return False
        msg.attempts += 1
        try:
            deliver(msg)
        except Exception as exc:
            msg.last_error = repr(exc)[:2000]
            msg.status = OutboxMessage.Status.FAILED if msg.attempts >= 5 else msg.status
            msg.save(update_fields=["attempts", "last_error", "status"])
            log.warning("outbox: delivery of %s failed (attempt %s)", msg.pk, msg.attempts)
            return False
        msg.status = OutboxMessage.Status.SENT
        msg.sent_at = timezone.now()
        msg.save(update_fields=["attempts", "status", "sent_at"])
        return True


def outbox_pending_ids(*, older_than_seconds: int = 60, limit: int = 500) -> list[int]:
    """Ids of messages still pending after their publish should have happened (lost publish, broker outage)."""
    cutoff = timezone.now() - timezone.timedelta(seconds=older_than_seconds)
    qs = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING, created_at__lte=cutoff)
    return list(qs.order_by("created_at").values_list("pk", flat=True)[:limit])
