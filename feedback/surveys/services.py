"""Inviting households to surveys, keeping their drafts, and taking a complete response in one transaction.

A response is all or nothing: every statement of the instrument answered in each column its format asks for,
the importance points (if asked) summing to 100, and the satisfaction and recommendation questions (if asked).
Anything short of that is refused with every problem named, and nothing is stored; a resident who stops half
way keeps a draft, which no figure counts.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.errors import Conflict, InvalidTransition, NotPermitted
from feedback import dimensions, signals
from feedback.models import (
    ImportanceWeight,
    Instrument,
    ItemAnswer,
    Response,
    Survey,
    SurveyDraft,
    SurveySettings,
)
from feedback.models.instruments import CSAT_MAX, NPS_MAX, SCALE_MAX
from residents.notify import notify_user

_INVITATION = gettext_lazy("Please tell us how we did: %(name)s")
_INVITATION_BODY = gettext_lazy("It takes about three minutes. The survey closes on %(date)s.")
_REMINDER = gettext_lazy("A reminder: %(name)s")
MAX_DRAFT_BYTES = 20_000


def month_of(moment) -> date:
    """The first day of `moment`'s month in the site's time zone (Asia/Shanghai)."""
    return timezone.localtime(moment).date().replace(day=1)


def survey_settings(estate_id: int) -> SurveySettings:
    return SurveySettings.objects.get_or_create(estate_id=estate_id)[0]


@dataclass(frozen=True)
class Invitation:
    kind: str
    instrument: Instrument
    recipient: object  # a User
    estate_id: int
    building_id: int | None = None
    unit_id: int | None = None
    work_order_id: int | None = None
    campaign_id: int | None = None
    expires_at: datetime | None = None  # default: the estate's expiry_days from now; a campaign's closing time


def _notify(survey: Survey, subject, key: str) -> None:
    """Invitation or reminder, in the recipient's language, linking to the survey page."""
    person = getattr(survey.recipient, "person", None)
    language = person.language if person else settings.LANGUAGE_CODE
    with translation.override(language):
        body = str(_INVITATION_BODY) % {"date": date_format(timezone.localtime(survey.expires_at).date())}
    notify_user(
        user=survey.recipient,
        event_key=f"survey.{survey.pk}.{key}",
        subject=subject,
        body=body,
        link=f"/me/surveys/{survey.pk}/",
        params={"name": survey.instrument.name(language)},
    )


def survey_invite(invitation: Invitation) -> Survey:
    """Create one invitation and queue its message (outbox, sent after commit). Callers hold the transaction
    and have already decided this household should be asked (fatigue cap, sampling)."""
    now = timezone.now()
    estate_settings = survey_settings(invitation.estate_id)
    survey = Survey.objects.create(
        kind=invitation.kind,
        instrument=invitation.instrument,
        recipient=invitation.recipient,
        estate_id=invitation.estate_id,
        building_id=invitation.building_id,
        unit_id=invitation.unit_id,
        work_order_id=invitation.work_order_id,
        campaign_id=invitation.campaign_id,
        invited_at=now,
        invited_month=month_of(now),
        expires_at=invitation.expires_at or now + timedelta(days=estate_settings.expiry_days),
    )
    _notify(survey, _INVITATION, "invite")
    return survey


def _locked_open_survey(survey_id: int, actor) -> Survey:
    survey = Survey.objects.select_for_update().select_related("instrument").get(pk=survey_id)
    if survey.recipient_id != actor.pk:
        raise NotPermitted(_("This survey was sent to someone else."))
    if survey.status == Survey.Status.ANSWERED:
        raise Conflict(_("You have already answered this survey; it counts once."), code="already_answered")
    if survey.status == Survey.Status.WITHDRAWN:
        raise InvalidTransition(_("This survey was withdrawn because the repair was reopened."), code="survey_closed")
    if survey.status == Survey.Status.EXPIRED or survey.expires_at <= timezone.now():
        raise InvalidTransition(_("This survey has closed."), code="survey_closed")
    return survey


@transaction.atomic
def survey_draft_save(*, survey_id: int, actor, data: dict) -> SurveyDraft:
    """Keep what the resident has typed so far (any shape the form sends, within a size cap); never counted."""
    survey = _locked_open_survey(survey_id, actor)
    if not isinstance(data, dict) or len(json.dumps(data)) > MAX_DRAFT_BYTES:
        raise ValidationError({"data": [_("The draft is too large or not an object.")]})
    draft, _created = SurveyDraft.objects.update_or_create(survey=survey, defaults={"data": data})
    return draft


@dataclass(frozen=True)
class Submission:
    """A resident's answers: item id → {column: rating}; dimension key → importance points."""

    answers: dict
    weights: dict | None = None
    csat: int | None = None
    nps: int | None = None
    comment: str = ""


def _columns(instrument: Instrument) -> tuple[str, ...]:
    if instrument.format == Instrument.Format.TWO_COLUMN:
        return ("perceived", "expected")
    if instrument.format == Instrument.Format.THREE_COLUMN:
        return ("perceived", "minimum", "desired")
    return ("perceived",)


def answer_columns(instrument: Instrument) -> tuple[str, ...]:
    """The ratings each statement of this instrument asks for (the keys of Submission.answers[item])."""
    return _columns(instrument)


def _is_whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _rating_error(value, low, high):
    if value is None:
        return _("This answer is required.")
    if not _is_whole(value) or not low <= value <= high:
        return _("Choose a whole number from %(low)d to %(high)d.") % {"low": low, "high": high}
    return None


def _check_answers(items, answers, columns, errors):
    by_id = {str(item.pk): item for item in items}
    if not isinstance(answers, dict):
        errors["answers"] = [_("Answers must map each statement to its ratings.")]
        return
    for key in answers:
        if str(key) not in by_id:
            errors[f"answers.{key}"] = [_("Statement %(item)s is not part of this survey.") % {"item": key}]
    for item_id, item in by_id.items():
        given = _answer(answers, item) or {}
        if not isinstance(given, dict):
            given = {}
        for column in columns:
            problem = _rating_error(given.get(column), 1, SCALE_MAX)
            if problem:
                errors[f"answers.{item_id}.{column}"] = [problem]
        extra = set(given) - set(columns)
        if extra:
            errors[f"answers.{item_id}"] = [
                _("This survey does not ask for: %(columns)s.") % {"columns": ", ".join(sorted(map(str, extra)))}
            ]


def _check_weights(instrument, used_dimensions, weights, errors):
    if not instrument.asks_weights:
        if weights:
            errors["weights"] = [_("This survey does not ask for importance points.")]
        return
    if not isinstance(weights, dict) or not weights:
        errors["weights"] = [_("Share 100 points over the dimensions by how much each matters to you.")]
        return
    for key, points in weights.items():
        if key not in used_dimensions:
            errors[f"weights.{key}"] = [_("“%(key)s” is not a dimension of this survey.") % {"key": key}]
        elif not _is_whole(points) or not 0 <= points <= 100:
            errors[f"weights.{key}"] = [_("Give a whole number of points from 0 to 100.")]
    if not any(k.startswith("weights") for k in errors):
        total = sum(weights.values())
        if total != 100:
            errors["weights"] = [_("The points add up to %(total)d; they must add up to 100.") % {"total": total}]


def validate_submission(instrument: Instrument, items, submission: Submission) -> None:
    """Raise one ValidationError naming every problem (field keys: answers.<item>.<column>, weights.<dim>,
    weights, csat, nps, comment), or return when the response is complete and in range."""
    errors = {}
    _check_answers(items, submission.answers, _columns(instrument), errors)
    _check_weights(instrument, {item.dimension for item in items}, submission.weights, errors)
    questions = (("csat", instrument.asks_csat, CSAT_MAX, 1), ("nps", instrument.asks_nps, NPS_MAX, 0))
    for name, asked, high, low in questions:
        value = getattr(submission, name)
        if asked:
            problem = _rating_error(value, low, high)
            if problem:
                errors[name] = [problem]
        elif value is not None:
            errors[name] = [_("This survey does not ask this question.")]
    if not isinstance(submission.comment, str) or len(submission.comment) > 2000:
        errors["comment"] = [_("Keep the comment under 2,000 characters.")]
    if errors:
        raise ValidationError(errors)


def _context(survey: Survey) -> dict:
    """Where the response came from, copied onto it for reporting."""
    context = {"estate_id": survey.estate_id, "building_id": survey.building_id, "unit_id": survey.unit_id}
    order = survey.work_order
    if order is not None:
        context.update(trade_id=order.trade_id, technician_id=order.assignee_id)
    return context


@transaction.atomic
def survey_submit(*, survey_id: int, actor, submission: Submission) -> Response:
    """Store a complete response (all answers, points and ratings) or nothing. Raises ValidationError naming
    each problem, Conflict when already answered, InvalidTransition when closed, NotPermitted for others."""
    survey = _locked_open_survey(survey_id, actor)
    instrument = survey.instrument
    items = list(instrument.items.all())
    validate_submission(instrument, items, submission)
    now = timezone.now()
    response = Response.objects.create(
        survey=survey, instrument=instrument, kind=survey.kind, submitted_at=now, csat=submission.csat,
        nps=submission.nps, comment=submission.comment.strip(), **_context(survey),
    )  # fmt: skip
    columns = _columns(instrument)
    ItemAnswer.objects.bulk_create(
        ItemAnswer(response=response, item=item, dimension=item.dimension,
                   **{c: _answer(submission.answers, item)[c] for c in columns})
        for item in items
    )  # fmt: skip
    if instrument.asks_weights:
        used = {item.dimension for item in items}
        ImportanceWeight.objects.bulk_create(
            ImportanceWeight(response=response, dimension=key, points=submission.weights.get(key, 0))
            for key in dimensions.TEN_KEYS
            if key in used
        )
    survey.status, survey.answered_at = Survey.Status.ANSWERED, now
    survey.save(update_fields=["status", "answered_at", "updated_at"])
    SurveyDraft.objects.filter(survey=survey).delete()
    signals.response_submitted.send(sender=Response, response_id=response.pk)
    return response


def _answer(answers: dict, item) -> dict:
    return answers.get(str(item.pk), answers.get(item.pk))


def surveys_remind_due(*, now=None) -> int:
    """Send the one reminder to invitations still open `reminder_days` (per estate) after they went out.
    Idempotent: each survey is locked and re-checked, so overlapping runs remind once."""
    now = now or timezone.now()
    open_ = Survey.objects.filter(status=Survey.Status.INVITED, reminded_at__isnull=True, expires_at__gt=now)
    sent = 0
    for estate_id in open_.values_list("estate_id", flat=True).distinct().order_by():
        wait = timedelta(days=survey_settings(estate_id).reminder_days)
        due = open_.filter(estate_id=estate_id, invited_at__lte=now - wait)
        for survey_id in due.values_list("pk", flat=True).iterator():
            sent += _remind_one(survey_id, now)
    return sent


@transaction.atomic
def _remind_one(survey_id: int, now) -> int:
    # of=self: the person is on the nullable side of an outer join, which PostgreSQL will not lock
    survey = (
        Survey.objects.select_for_update(of=("self",))
        .select_related("instrument", "recipient__person")
        .get(pk=survey_id)
    )
    wait = timedelta(days=survey_settings(survey.estate_id).reminder_days)
    if survey.status != Survey.Status.INVITED or survey.reminded_at or survey.invited_at + wait > now:
        return 0
    survey.reminded_at = now
    survey.save(update_fields=["reminded_at", "updated_at"])
    _notify(survey, _REMINDER, "remind")
    return 1


def surveys_expire_due(*, now=None) -> int:
    """Close invitations past their expiry; their drafts are dropped (a draft is never counted). Idempotent."""
    now = now or timezone.now()
    with transaction.atomic():
        due = Survey.objects.filter(status=Survey.Status.INVITED, expires_at__lte=now)
        ids = list(due.values_list("pk", flat=True)[:5000])
        SurveyDraft.objects.filter(survey_id__in=ids).delete()
        return Survey.objects.filter(pk__in=ids, status=Survey.Status.INVITED).update(
            status=Survey.Status.EXPIRED, updated_at=now
        )
