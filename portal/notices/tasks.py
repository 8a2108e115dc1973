"""Celery work for notices: thin wrappers over the service and over Wagtail's scheduled publishing."""

from celery import shared_task
from django.core.management import call_command

from . import services


@shared_task(acks_late=True)
def notify_notice_residents(notice_id: int) -> int:
    return services.notice_notify_residents(notice_id=notice_id)


@shared_task
def publish_scheduled_pages() -> None:
    """Beat, every minute: publish pages whose go-live time has come and unpublish expired ones (each
    publication sends Wagtail's page_published signal, which queues the notice fan-out)."""
    call_command("publish_scheduled")
