"""Thin Celery tasks for the outbox: ids in, service call, nothing else."""

from celery import shared_task

from .outbox import outbox_deliver, outbox_pending_ids


@shared_task(acks_late=True, reject_on_worker_lost=True, max_retries=None)
def deliver_outbox_message(message_id: int) -> bool:
    return outbox_deliver(message_id=message_id)


@shared_task
def relay_pending_outbox(older_than_seconds: int = 60) -> int:
    """Beat: deliver messages whose publish was lost (broker down, process died after commit, worker killed
    mid-send). The age keeps it off messages a live worker is still sending."""
    ids = outbox_pending_ids(older_than_seconds=older_than_seconds)
    for pk in ids:
        outbox_deliver(message_id=pk)
    return len(ids)
