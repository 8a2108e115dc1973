"""Thin Celery tasks of complaints, run by beat (portal/settings/base.py): select, call the service."""

import logging

from celery import shared_task
from django.utils import timezone

from core.errors import InvalidTransition

from . import services, sweep

log = logging.getLogger(__name__)


@shared_task
def sweep_complaint_breaches() -> int:
    """Beat, every few minutes: mark overdue acknowledgements and answers and tell who is responsible."""
    return sweep.complaints_mark_breaches(now=timezone.now())


@shared_task
def auto_close_answered_complaints() -> int:
    """Beat: close answers the resident left without a reply past the estate's auto-close days."""
    done = 0
    for pk in sweep.complaints_to_auto_close(now=timezone.now()):
        try:
            services.complaint_auto_close(complaint_id=pk)
        except InvalidTransition:  # the resident answered since the selection: nothing to do
            continue
        except Exception:  # one broken item must not stall the rest; it is retried on the next run
            log.exception("complaints: auto-closing %s failed", pk)
            continue
        done += 1
    return done
