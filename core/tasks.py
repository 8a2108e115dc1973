"""Thin Celery tasks for the outbox: ids in, service call, nothing else."""

from celery import shared_task

from .outbox import outbox_deliver, outbox_pending_ids


@shared_task(acks_late=True, reject_on_worker_lost=True, max_retries=None)
def deliver_outbox_message(message_id: int) -> bool:
    return outbox_deliver(message_id=message_id)


@shared_task
def relay_pending_outbox() -> int:
    """Beat: deliver messages whose publish was lost (broker down, process died after commit)."""
    ids = outbox_pending_ids()
    for pk in ids:
        outbox_deliver(message_id=pk)
    return len(ids)
