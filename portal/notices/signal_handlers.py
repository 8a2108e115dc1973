"""Wagtail's page_published (sent by the admin's publish and by `publish_scheduled`) starts the notice fan-out.

Connected in PortalConfig.ready(). The fan-out is queued after commit, so the worker reads the published page.
"""

import logging

from django.db import transaction
from wagtail.signals import page_published

from .models import NoticePage

log = logging.getLogger(__name__)


def _queue_fan_out(notice_id: int) -> None:
    from .tasks import notify_notice_residents

    try:
        notify_notice_residents.delay(notice_id)
    except Exception:  # broker down: publishing must still succeed; publishing again re-queues it
        log.warning("notices: fan-out of %s could not be queued", notice_id, exc_info=True)


def notice_published(sender, instance, **kwargs):
    # A revision scheduled for later is "published" too (Wagtail sends the signal), but the page is not live yet.
    if instance.live:
        transaction.on_commit(lambda: _queue_fan_out(instance.pk))


def connect() -> None:
    page_published.connect(notice_published, sender=NoticePage, dispatch_uid="linli-notice-published")
