"""A launched campaign's invitations are sent by a real Celery worker (filesystem broker locally, Redis in CI)."""

import pytest
from django.conf import settings

from feedback.campaigns.services import campaign_launch
from feedback.models import Survey
from tests.celery_worker import celery_worker, wait_for
from tests.feedback.campaign_helpers import add_households, draft_campaign


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keep the migration-seeded instruments
def test_a_launched_campaign_invites_every_household_through_the_worker(world, tmp_path):
    add_households(world.estate_a, owned=4, rented=2, building_name="2号楼")
    manager = world.users["manager"]
    campaign = draft_campaign(world.estate_a, manager)
    log = tmp_path / "worker.log"
    with celery_worker(log_path=log):
        launched = campaign_launch(actor=manager, campaign_id=campaign.pk)  # queues the first batch on commit
        invited = wait_for(lambda: Survey.objects.filter(campaign=campaign).count() == launched.population, timeout=90)
    assert invited, f"worker on {settings.CELERY_BROKER_URL} did not invite:\n{log.read_text()[-3000:]}"
    assert launched.population >= 6
    units = list(Survey.objects.filter(campaign=campaign).values_list("unit_id", flat=True))
    assert len(units) == len(set(units))  # one survey per household
    assert "send_campaign_invitations" in log.read_text() and "succeeded" in log.read_text()
