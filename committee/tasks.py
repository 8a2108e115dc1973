"""Thin Celery tasks of the committee app, run by beat (portal/settings/base.py): call the service."""

from celery import shared_task

from .disclosures.services import disclosure_reminders_send


@shared_task
def remind_due_disclosures() -> int:
    """Beat, daily: remind each estate's managers of the disclosures now due (once per due date)."""
    return disclosure_reminders_send()
