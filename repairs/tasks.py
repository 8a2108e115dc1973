"""Thin Celery tasks of the repairs app, run by beat (portal/settings/base.py): select, call the service."""

import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from core.errors import InvalidTransition

from . import escalation, photos, services
from .incidents import services as incidents
from .maintenance import services as maintenance

log = logging.getLogger(__name__)


@shared_task
def sweep_escalations() -> int:
    """Beat, every minute: raise orders up the SLA ladder and tell the staff concerned."""
    return escalation.work_orders_escalate(now=timezone.now())


@shared_task
def auto_confirm_completed() -> int:
    """Beat: confirm completions the resident left unanswered past the estate's auto-confirm days."""
    ids = escalation.orders_to_auto_confirm(now=timezone.now())
    return _each(ids, lambda pk: services.work_order_auto_confirm(order_id=pk))


@shared_task
def close_confirmed() -> int:
    """Beat: close confirmed orders whose reopen window has passed."""
    ids = escalation.orders_to_close(now=timezone.now())
    return _each(ids, lambda pk: services.work_order_close(order_id=pk))


@shared_task
def generate_maintenance_orders() -> int:
    """Beat, daily before the working day: make the orders of maintenance plans whose generation day has come."""
    return maintenance.maintenance_plans_generate(today=timezone.localdate())


def _each(ids: list[int], service) -> int:
    done = 0
    for pk in ids:
        try:
            service(pk)
        except InvalidTransition:  # a resident confirmed or reopened it since the selection: nothing to do
            continue
        except Exception:  # one broken order must not stall the rest; it is retried on the next run
            log.exception("repairs: scheduled transition of work order %s failed", pk)
            continue
        done += 1
    return done


@shared_task(acks_late=True, reject_on_worker_lost=True)
def make_photo_thumbnail(photo_id: int) -> None:
    photos.work_order_photo_thumbnail(photo_id=photo_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def announce_incident(incident_id: int, event: str) -> int:
    """After commit: tell the homes an outage affects that it was declared, updated or has ended (idempotent)."""
    return incidents.incident_announce(incident_id=incident_id, event=event)


@shared_task
def relay_incident_announcements() -> int:
    """Beat: announce outages whose notice was never published (broker down, process died after commit)."""
    done = 0
    for incident_id, event in incidents.incidents_to_announce(older_than=timezone.now() - timedelta(seconds=60)):
        try:
            incidents.incident_announce(incident_id=incident_id, event=event)
        except Exception:  # one broken notice must not stall the rest; it is retried on the next run
            log.exception("repairs: announcing %s of incident %s failed", event, incident_id)
            continue
        done += 1
    return done
