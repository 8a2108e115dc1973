"""Celery work for owners' votes: thin wrappers over the services."""

from celery import shared_task

from . import notices, services


@shared_task
def motions_close_due() -> list[int]:
    return services.motions_close_due()


@shared_task(acks_late=True)
def motion_notify_owners(motion_id: int, kind: str) -> int:
    return notices.motion_notify_owners(motion_id=motion_id, kind=kind)
