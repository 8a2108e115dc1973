"""Thin Celery tasks for residents' data: call the service, nothing else."""

from celery import shared_task

from .mydata.purge import retention_purge


@shared_task
def purge_past_retention() -> dict[str, int]:
    """Beat, nightly: delete personal data past its retention period (residents/mydata/retention.py)."""
    return retention_purge()
