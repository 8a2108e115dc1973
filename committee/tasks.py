"""Thin Celery tasks of the committee app, run by beat (portal/settings/base.py): pick the time or the month,
call the service. Each is idempotent: a second run finds the escalation, draw, report or reminder already made."""

from celery import shared_task
from django.utils import timezone

from .disclosures.services import disclosure_reminders_send
from .periods import previous_month
from .reports.services import reports_generate_all
from .spotchecks.services import spot_checks_draw_all
from .supervision.services import supervision_escalate_overdue


@shared_task
def escalate_overdue_supervision() -> int:
    """Beat: escalate supervision items whose deadline for the company's answer has passed (once per deadline)."""
    return supervision_escalate_overdue(now=timezone.now())


@shared_task
def draw_spot_checks() -> int:
    """Beat, on the first of the month: draw last month's sample of finished repairs in every estate."""
    return spot_checks_draw_all(month=previous_month())


@shared_task
def generate_quality_reports() -> int:
    """Beat, on the first of the month: make last month's service-quality report of every estate."""
    return reports_generate_all(month=previous_month())


@shared_task
def remind_due_disclosures() -> int:
    """Beat, daily: remind each estate's managers of the disclosures now due (once per due date)."""
    return disclosure_reminders_send()
