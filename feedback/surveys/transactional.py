"""Surveys after a repair, and the survey-fatigue cap.

Confirmation (by the resident or the auto-confirm sweep) records a *candidate* for the order's reporter and for
the reporter of each duplicate merged into it, each about their own order (so "one response per work order"
holds). Only orders reported by a resident are candidates: planned maintenance and Open311 reports without a
registered resident have nobody to ask. Nothing is sent at confirmation: a beat task
(`survey_candidates_dispatch`, daytime hours only) decides per household, where a household is the unit, or
the reporter for a common-area order:

* A household asked in the last `SurveySettings.fatigue_days` (the cap) is not asked again; its candidates wait.
* Once outside the cap, one of its waiting candidates is picked uniformly at random (an injectable
  `random.Random`, so tests are deterministic) and invited; the others are recorded as skipped with the reason
  "fatigue cap", so reports show what the cap held back.
* A candidate is too old once its repair was confirmed `fatigue_days` or more ago: nobody recalls a visit that
  long past, and it would only compete with newer ones. It is skipped with the reason "fatigue cap" too, since
  the cap is what kept it waiting.

Reopening an order withdraws its waiting candidate and its unanswered survey (and those of its merged
duplicates); a withdrawn invitation no longer counts against the cap, so re-confirmation may ask again.
"""

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from feedback.instruments.selectors import instrument_for
from feedback.models import Instrument, Survey, SurveyCandidate, SurveyDraft
from repairs.models import Channel, WorkOrder
from repairs.workflow import Status as OrderStatus

from .services import Invitation, survey_invite, survey_settings

Candidate = SurveyCandidate.Status
TRANSACTIONAL = Instrument.Purpose.TRANSACTIONAL


def household_of(order: WorkOrder) -> str:
    """The household a repair belongs to: its unit, or for a common area the person who reported it."""
    return f"unit:{order.unit_id}" if order.unit_id else f"person:{order.reporter_id}"


def _askable(order: WorkOrder) -> bool:
    return order.reporter_id is not None and order.channel != Channel.PLANNED


def _with_merged(order: WorkOrder) -> list[WorkOrder]:
    merged = order.duplicates.filter(status=OrderStatus.MERGED).select_related("reporter")
    return [order, *merged]


def survey_candidates_record(*, order_id: int, now=None) -> list[SurveyCandidate]:
    """Record the confirmed order (and its merged duplicates) as candidates for a survey after the repair.
    Runs inside the confirming transaction; orders nobody can be asked about, or already asked about, are left
    out. Does nothing when the estate has no published survey for repairs."""
    now = now or timezone.now()
    order = WorkOrder.objects.select_related("reporter").get(pk=order_id)
    if instrument_for(estate_id=order.estate_id, purpose=TRANSACTIONAL) is None:
        return []
    orders = [o for o in _with_merged(order) if _askable(o)]
    asked = set(
        Survey.objects.filter(work_order__in=orders)
        .exclude(status=Survey.Status.WITHDRAWN)
        .values_list("work_order_id", flat=True)
    )
    waiting = set(
        SurveyCandidate.objects.filter(work_order__in=orders, status=Candidate.PENDING).values_list(
            "work_order_id", flat=True
        )
    )
    return SurveyCandidate.objects.bulk_create(
        SurveyCandidate(work_order=o, estate_id=o.estate_id, household=household_of(o), recipient_id=o.reporter.user_id,
                        confirmed_at=now)
        for o in orders
        if o.pk not in asked | waiting
    )  # fmt: skip


def survey_candidates_withdraw(*, order_id: int, now=None) -> int:
    """The order was reopened: withdraw its (and its merged duplicates') waiting candidates and unanswered
    surveys, dropping their drafts. Answers already given stay. Returns how many were withdrawn."""
    now = now or timezone.now()
    order_ids = [o.pk for o in _with_merged(WorkOrder.objects.get(pk=order_id))]
    open_surveys = Survey.objects.filter(work_order_id__in=order_ids, status=Survey.Status.INVITED)
    survey_ids = list(open_surveys.values_list("pk", flat=True))
    SurveyDraft.objects.filter(survey_id__in=survey_ids).delete()
    withdrawn = Survey.objects.filter(pk__in=survey_ids).update(status=Survey.Status.WITHDRAWN, updated_at=now)
    candidates = SurveyCandidate.objects.filter(work_order_id__in=order_ids)
    withdrawn += candidates.filter(status=Candidate.PENDING).update(status=Candidate.WITHDRAWN, decided_at=now)
    # an invitation withdrawn before an answer no longer counts against the household's cap
    candidates.filter(status=Candidate.INVITED, survey_id__in=survey_ids).update(status=Candidate.WITHDRAWN)
    return withdrawn


@dataclass(frozen=True)
class DispatchResult:
    invited: int = 0
    skipped: int = 0


def survey_candidates_dispatch(*, now=None, rng: random.Random | None = None) -> DispatchResult:
    """Invite one random waiting candidate per household outside the fatigue cap; skip the rest and the too
    old. Each household is decided in its own transaction under row locks, so overlapping runs are safe."""
    now, rng = now or timezone.now(), rng or random.Random()
    households = (
        SurveyCandidate.objects.filter(status=Candidate.PENDING)
        .values_list("estate_id", "household")
        .distinct()
        .order_by("estate_id", "household")
    )
    invited = skipped = 0
    for estate_id, household in list(households):
        result = _dispatch_household(estate_id, household, now, rng)
        invited, skipped = invited + result.invited, skipped + result.skipped
    return DispatchResult(invited, skipped)


def _asked_within_cap(estate_id: int, household: str, since) -> bool:
    return SurveyCandidate.objects.filter(
        estate_id=estate_id, household=household, status=Candidate.INVITED, decided_at__gt=since
    ).exists()


@transaction.atomic
def _dispatch_household(estate_id: int, household: str, now, rng: random.Random) -> DispatchResult:
    waiting = list(
        SurveyCandidate.objects.select_for_update()
        .filter(estate_id=estate_id, household=household, status=Candidate.PENDING)
        .order_by("pk")
    )
    since = now - timedelta(days=survey_settings(estate_id).fatigue_days)
    fresh = [c for c in waiting if c.confirmed_at > since]
    skipped = _skip([c for c in waiting if c.confirmed_at <= since], SurveyCandidate.Reason.FATIGUE_CAP, now)
    if not fresh or _asked_within_cap(estate_id, household, since):
        return DispatchResult(skipped=skipped)
    instrument = instrument_for(estate_id=estate_id, purpose=TRANSACTIONAL)
    if instrument is None:
        return DispatchResult(skipped=skipped + _skip(fresh, SurveyCandidate.Reason.NO_INSTRUMENT, now))
    chosen = rng.choice(fresh)
    skipped += _skip([c for c in fresh if c is not chosen], SurveyCandidate.Reason.FATIGUE_CAP, now)
    if not _invite(chosen, instrument, now):
        return DispatchResult(skipped=skipped + 1)
    return DispatchResult(invited=1, skipped=skipped)


def _skip(candidates: Iterable[SurveyCandidate], reason: str, now) -> int:
    ids = [c.pk for c in candidates]
    return SurveyCandidate.objects.filter(pk__in=ids).update(status=Candidate.SKIPPED, reason=reason, decided_at=now)


def _invite(candidate: SurveyCandidate, instrument: Instrument, now) -> bool:
    """Send the survey for the candidate's order, unless the order already has a live one (then skipped)."""
    order = WorkOrder.objects.select_related("unit", "common_area").get(pk=candidate.work_order_id)
    if Survey.objects.filter(work_order=order).exclude(status=Survey.Status.WITHDRAWN).exists():
        _skip([candidate], SurveyCandidate.Reason.ALREADY_ASKED, now)
        return False
    place = order.unit or order.common_area
    survey = survey_invite(
        Invitation(kind=Survey.Kind.TRANSACTIONAL, instrument=instrument, recipient=candidate.recipient,
                   estate_id=order.estate_id, building_id=place.building_id, unit_id=order.unit_id,
                   work_order_id=order.pk)
    )  # fmt: skip
    candidate.status, candidate.decided_at, candidate.survey = Candidate.INVITED, now, survey
    candidate.save(update_fields=["status", "decided_at", "survey"])
    return True
