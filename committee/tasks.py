"""Thin Celery tasks of the committee app, run by beat (portal/settings/base.py)."""

from celery import shared_task
from django.utils import timezone

from .supervision.services import supervision_escalate_overdue


@shared_task
def escalate_overdue_supervision() -> int:
    """Beat: escalate supervision items whose deadline for the company's answer has passed (once per deadline)."""
    return supervision_escalate_overdue(now=timezone.now())
