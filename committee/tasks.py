"""Thin Celery tasks of the committee app, run by beat (portal/settings/base.py): pick the month, call the
service. Both are idempotent: a second run in the same month finds the draw or report already made."""

from celery import shared_task

from .periods import previous_month
from .reports.services import reports_generate_all
from .spotchecks.services import spot_checks_draw_all


@shared_task
def draw_spot_checks() -> int:
    """Beat, on the first of the month: draw last month's sample of finished repairs in every estate."""
    return spot_checks_draw_all(month=previous_month())


@shared_task
def generate_quality_reports() -> int:
    """Beat, on the first of the month: make last month's service-quality report of every estate."""
    return reports_generate_all(month=previous_month())
