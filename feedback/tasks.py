"""Celery tasks of the feedback app: thin wrappers over services, safe to retry and to overlap."""

from celery import shared_task

from feedback.campaigns.services import campaign_invite_batch, campaigns_run_due
from feedback.surveys.services import surveys_expire_due, surveys_remind_due
from feedback.surveys.transactional import survey_candidates_dispatch


@shared_task
def remind_surveys() -> int:
    return surveys_remind_due()


@shared_task
def expire_surveys() -> int:
    return surveys_expire_due()


@shared_task
def dispatch_repair_surveys() -> int:
    """Invite households outside the fatigue cap about one of their confirmed repairs (see transactional.py)."""
    return survey_candidates_dispatch().invited


@shared_task
def rebuild_score_rollups(estate_id: int | None = None) -> int:
    """Recompute the score rollups from the raw answers (feedback.scores.rollups.rebuild)."""
    from feedback.scores.rollups import rebuild

    return rebuild(estate_id=estate_id)


@shared_task
def send_campaign_invitations(campaign_id: int) -> int:
    """One batch of a campaign's invitations; queues the next batch while households still wait."""
    remaining = campaign_invite_batch(campaign_id=campaign_id)
    if remaining:
        send_campaign_invitations.delay(campaign_id)
    return remaining


@shared_task
def run_campaigns() -> int:
    """Beat: close campaigns past their closing time, and start the invitations of those that have opened."""
    due = campaigns_run_due()
    for campaign_id in due:
        send_campaign_invitations.delay(campaign_id)
    return len(due)
