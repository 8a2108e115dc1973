"""A real Celery worker process, on the suite's broker (filesystem locally, Redis in CI) and database."""

import pytest
from django.conf import settings
from django.db import transaction

from core.models import Notification, OutboxMessage
from residents.notify import notify_user
from tests.celery_worker import celery_worker, wait_for
from tests.residents.factories import PersonFactory


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keep migration-seeded rows for later tests
def test_worker_delivers_a_notification_published_after_commit(tmp_path):
    user = PersonFactory(channels=["in_app", "email"]).user
    log = tmp_path / "worker.log"
    with celery_worker(log_path=log):
        with transaction.atomic():
            notify_user(user=user, event_key="test.worker.1", subject="Water cut tomorrow", body="9:00–12:00")
        delivered = wait_for(lambda: OutboxMessage.objects.filter(status="sent").count() == 2, timeout=90)
    assert delivered, f"worker on {settings.CELERY_BROKER_URL} did not deliver:\n{log.read_text()[-3000:]}"
    assert Notification.objects.get(recipient=user).subject == "Water cut tomorrow"
    assert "succeeded" in log.read_text()
