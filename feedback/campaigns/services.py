"""Everything that can happen to a survey campaign: draft it, launch it, send its invitations, close it.

Launching freezes the population (CampaignHousehold rows), the sample size and the seed of the draw in one
transaction. Invitations then go out in batches (feedback.tasks.send_campaign_invitations): each batch locks
the campaign and invites only drawn households without a survey of this campaign, so a rerun, an overlap or a
retry never asks a household twice; the unique (campaign, unit) constraint on Survey is the last word.
"""

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import InvalidTransition, NotPermitted
from feedback.models import Instrument, Survey, SurveyDraft
from feedback.surveys.services import Invitation, survey_invite
from residents.access import can

from . import sampling, selectors
from .models import MAX_MARGIN, MIN_MARGIN, Campaign, CampaignHousehold

log = logging.getLogger(__name__)
BATCH_SIZE = 200  # invitations per task run: one transaction stays short while the outbox fills


@dataclass(frozen=True)
class CampaignInput:
    """What a manager sets on a draft campaign."""

    name: str
    instrument_id: int
    opens_at: datetime
    closes_at: datetime
    mode: str = Campaign.Mode.SAMPLE
    margin: Decimal = Decimal("5")
    confidence: int = 95


class _Errors(dict):
    def add(self, field: str, message: str) -> None:
        self.setdefault(field, []).append(message)


def _instrument_problem(estate_id: int, instrument_id) -> str | None:
    instrument = Instrument.objects.filter(pk=instrument_id).first()
    if instrument is None or instrument.estate_id not in (None, estate_id):
        return _("Choose a questionnaire available to this estate.")
    if instrument.purpose != Instrument.Purpose.CAMPAIGN:
        return _("This questionnaire is for surveys after repairs; choose an estate-wide one.")
    if instrument.status != Instrument.Status.PUBLISHED:
        return _("This questionnaire is not published (a draft or a retired version); choose a published one.")
    return None


def _margin(value) -> Decimal | None:
    try:
        margin = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return margin if margin.is_finite() and MIN_MARGIN <= margin <= MAX_MARGIN else None


def _check(estate_id: int, data: CampaignInput) -> Decimal:
    """Raise ValidationError naming each bad field; return the margin as a Decimal."""
    errors = _Errors()
    if not data.name.strip() or len(data.name.strip()) > 120:
        errors.add("name", _("Give the campaign a name of 1 to 120 characters."))
    problem = _instrument_problem(estate_id, data.instrument_id)
    if problem:
        errors.add("instrument", problem)
    if data.mode not in Campaign.Mode.values:
        errors.add("mode", _("Ask every household or a random sample."))
    margin = _margin(data.margin)
    if margin is None:
        errors.add("margin", _("The margin of error must be from ±%(low)s%% to ±%(high)s%%.")
                   % {"low": MIN_MARGIN, "high": MAX_MARGIN})  # fmt: skip
    if data.confidence not in Campaign.Confidence.values:
        errors.add("confidence", _("Choose a confidence of 90%, 95% or 99%."))
    if data.opens_at and data.closes_at and data.closes_at <= data.opens_at:
        errors.add("closes_at", _("The campaign must close after it opens."))
    if errors:
        raise ValidationError(errors)
    return margin


def _fields(data: CampaignInput, margin: Decimal) -> dict:
    return {"name": data.name.strip(), "instrument_id": data.instrument_id, "opens_at": data.opens_at,
            "closes_at": data.closes_at, "mode": data.mode, "margin": margin,
            "confidence": data.confidence}  # fmt: skip


def _require_manager(actor, estate_id: int) -> None:
    if not can(actor, selectors.CAPABILITY, estate_id):
        raise NotPermitted(_("You do not run surveys in this estate."))


@transaction.atomic
def campaign_create(*, actor, estate_id: int, data: CampaignInput) -> Campaign:
    """A draft campaign for an estate the actor runs surveys in. Raises ValidationError naming the field."""
    _require_manager(actor, estate_id)
    margin = _check(estate_id, data)
    campaign = Campaign.objects.create(estate_id=estate_id, created_by=actor, **_fields(data, margin))
    audit_record(action="campaign.create", actor=actor, obj=campaign, estate_id=estate_id, name=campaign.name)
    return campaign


def _locked(campaign_id: int, actor) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign_id)
    if actor is not None:
        _require_manager(actor, campaign.estate_id)
    return campaign


@transaction.atomic
def campaign_update(*, actor, campaign_id: int, data: CampaignInput) -> Campaign:
    """Change a draft; a launched campaign's population and sample are frozen (InvalidTransition)."""
    campaign = _locked(campaign_id, actor)
    if campaign.status != Campaign.Status.DRAFT:
        raise InvalidTransition(_("A launched campaign can no longer be changed."), code="campaign_launched")
    margin = _check(campaign.estate_id, data)
    for name, value in _fields(data, margin).items():
        setattr(campaign, name, value)
    campaign.save()
    return campaign


def _freeze(campaign: Campaign, seed: int) -> selectors.Plan:
    """Store the households found now and which of them the seeded draw picked."""
    found = selectors.households(estate_id=campaign.estate_id)
    plan = selectors.plan_for(found, mode=campaign.mode, margin=campaign.margin, confidence=campaign.confidence)
    by_building: dict[int, list[int]] = {}
    for household in found:
        by_building.setdefault(household.building_id, []).append(household.unit_id)
    drawn = {unit for units in sampling.draw(by_building, plan.allocation, seed).values() for unit in units}
    CampaignHousehold.objects.bulk_create(
        CampaignHousehold(campaign=campaign, unit_id=h.unit_id, building_id=h.building_id, recipient_id=h.recipient_id,
                          drawn=h.unit_id in drawn)
        for h in found
    )  # fmt: skip
    return plan


@transaction.atomic
def campaign_launch(*, actor, campaign_id: int, seed: int | None = None) -> Campaign:
    """Freeze the population and draw the sample (a census draws everyone), then start sending invitations
    once the campaign opens. Raises InvalidTransition when already launched, ValidationError naming the field
    when the questionnaire is no longer usable, the closing time has passed, or no household can be asked."""
    campaign = _locked(campaign_id, actor)
    if campaign.status != Campaign.Status.DRAFT:
        raise InvalidTransition(_("This campaign has already been launched."), code="already_launched")
    now = timezone.now()
    errors = _Errors()
    problem = _instrument_problem(campaign.estate_id, campaign.instrument_id)
    if problem:
        errors.add("instrument", problem)
    if campaign.closes_at <= now:
        errors.add("closes_at", _("The closing time has passed; choose a later one before launching."))
    if errors:
        raise ValidationError(errors)
    seed = secrets.randbits(62) if seed is None else seed
    plan = _freeze(campaign, seed)
    if plan.population == 0:
        raise ValidationError({"population": [_("No household can be asked: no unit has a current resident "
                                                "with a login.")]})  # fmt: skip
    campaign.status, campaign.launched_at, campaign.seed = Campaign.Status.RUNNING, now, seed
    campaign.population, campaign.sample_size = plan.population, plan.sample_size
    campaign.save()
    audit_record(action="campaign.launch", actor=actor, obj=campaign, estate_id=campaign.estate_id,
                 population=plan.population, sample_size=plan.sample_size, seed=seed)  # fmt: skip
    if campaign.opens_at <= now:
        transaction.on_commit(lambda: _queue_invitations(campaign.pk))
    return campaign


def _queue_invitations(campaign_id: int) -> None:
    from feedback.tasks import send_campaign_invitations

    try:
        send_campaign_invitations.delay(campaign_id)
    except Exception:  # broker down: the beat run (feedback.tasks.run_campaigns) sends them later
        log.warning("campaigns: queueing invitations of %s failed; the beat run will", campaign_id, exc_info=True)


@transaction.atomic
def campaign_invite_batch(*, campaign_id: int, limit: int = BATCH_SIZE, now=None) -> int:
    """Invite up to `limit` drawn households not yet invited, if the campaign is running and open; each
    survey expires when the campaign closes. Returns how many still wait. Safe to rerun and to overlap."""
    now = now or timezone.now()
    campaign = Campaign.objects.select_for_update().select_related("instrument").get(pk=campaign_id)
    if campaign.status != Campaign.Status.RUNNING or not campaign.opens_at <= now < campaign.closes_at:
        return 0
    pending = selectors.pending_households(campaign=campaign)
    for household in pending.select_related("recipient__person")[:limit]:
        survey_invite(Invitation(
            kind=Survey.Kind.CAMPAIGN, instrument=campaign.instrument, recipient=household.recipient,
            estate_id=campaign.estate_id, building_id=household.building_id, unit_id=household.unit_id,
            campaign_id=campaign.pk, expires_at=campaign.closes_at,
        ))  # fmt: skip
    return pending.count()


def _close(campaign: Campaign, now) -> Campaign:
    open_surveys = Survey.objects.filter(campaign=campaign, status=Survey.Status.INVITED)
    SurveyDraft.objects.filter(survey__in=open_surveys).delete()  # a draft is never counted
    open_surveys.update(status=Survey.Status.EXPIRED, expires_at=now, updated_at=now)
    campaign.status, campaign.closed_at = Campaign.Status.CLOSED, now
    campaign.save(update_fields=["status", "closed_at", "updated_at"])
    return campaign


@transaction.atomic
def campaign_close(*, actor, campaign_id: int) -> Campaign:
    """Stop a running campaign: its unanswered invitations expire and no more go out. InvalidTransition
    unless running."""
    campaign = _locked(campaign_id, actor)
    if campaign.status != Campaign.Status.RUNNING:
        raise InvalidTransition(_("Only a running campaign can be closed."), code="campaign_not_running")
    audit_record(action="campaign.close", actor=actor, obj=campaign, estate_id=campaign.estate_id)
    return _close(campaign, timezone.now())


def campaigns_run_due(*, now=None) -> list[int]:
    """Close running campaigns past their closing time; return the ids of open ones still inviting."""
    now = now or timezone.now()
    running = Campaign.objects.filter(status=Campaign.Status.RUNNING)
    for campaign_id in running.filter(closes_at__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            campaign = _locked(campaign_id, None)
            if campaign.status == Campaign.Status.RUNNING:
                _close(campaign, now)
    inviting = running.filter(opens_at__lte=now, closes_at__gt=now).order_by("pk")
    return [c.pk for c in inviting if selectors.pending_households(campaign=c).exists()]
