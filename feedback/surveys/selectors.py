"""Reading surveys: a resident's own invitations, and how surveys after repairs fared per estate and period."""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from feedback.models import Survey, SurveyCandidate, SurveyDraft, SurveySettings


def surveys_for_resident(*, user) -> QuerySet:
    """The surveys sent to this user (only theirs), open ones first, then the latest; with the instrument."""
    now = timezone.now()
    is_open = Case(
        When(status=Survey.Status.INVITED, expires_at__gt=now, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        Survey.objects.filter(recipient_id=user.pk)
        .select_related("instrument")
        .annotate(closed=is_open)
        .order_by("closed", "expires_at", "-invited_at", "-id")
    )


def survey_for_resident(*, user, survey_id: int) -> Survey | None:
    """One of the user's own surveys with its instrument, items and draft; None when it is not theirs."""
    survey = (
        Survey.objects.filter(recipient_id=user.pk, pk=survey_id)
        .select_related("instrument")
        .prefetch_related("instrument__items")
        .first()
    )
    if survey is not None:
        survey.current_draft = SurveyDraft.objects.filter(survey=survey).first()
    return survey


def survey_is_open(survey: Survey) -> bool:
    return survey.status == Survey.Status.INVITED and survey.expires_at > timezone.now()


def open_surveys_for_resident(*, user) -> list[Survey]:
    """Invitations still waiting for this user's answer (the home-page panel), soonest closing first."""
    waiting = Survey.objects.filter(recipient_id=user.pk, status=Survey.Status.INVITED, expires_at__gt=timezone.now())
    return list(waiting.select_related("instrument").order_by("expires_at", "id")[:5])


@dataclass(frozen=True)
class RepairSurveyFigures:
    """Surveys after repairs in one estate over a period: invitations sent in it and how they ended, and the
    repairs the fatigue cap kept from being asked about (decided in the period)."""

    estate_id: int
    sent: int = 0
    answered: int = 0
    expired: int = 0
    waiting: int = 0
    withdrawn: int = 0
    skipped_by_cap: int = 0

    @property
    def response_rate(self) -> float | None:
        """Answered ÷ invitations that have ended (answered or expired), in %; None before any has ended."""
        ended = self.answered + self.expired
        return round(100 * self.answered / ended, 1) if ended else None


def repair_survey_figures(*, estate_ids: list[int], start, end) -> dict[int, RepairSurveyFigures]:
    """Per estate: transactional invitations sent in [start, end) by outcome, and candidates skipped by the cap
    in that period. Two grouped queries, whatever the volume."""
    statuses = Survey.Status
    sent = (
        Survey.objects.filter(
            kind=Survey.Kind.TRANSACTIONAL, estate_id__in=estate_ids, invited_at__gte=start, invited_at__lt=end
        )
        .values("estate_id")
        .annotate(
            sent=Count("id"),
            answered=Count("id", filter=Q(status=statuses.ANSWERED)),
            expired=Count("id", filter=Q(status=statuses.EXPIRED)),
            waiting=Count("id", filter=Q(status=statuses.INVITED)),
            withdrawn=Count("id", filter=Q(status=statuses.WITHDRAWN)),
        )
        .order_by()
    )
    capped = (
        SurveyCandidate.objects.filter(
            estate_id__in=estate_ids,
            status=SurveyCandidate.Status.SKIPPED,
            reason=SurveyCandidate.Reason.FATIGUE_CAP,
            decided_at__gte=start,
            decided_at__lt=end,
        )
        .values("estate_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    figures = {estate_id: {"estate_id": estate_id} for estate_id in estate_ids}
    for row in sent:
        figures[row.pop("estate_id")].update(row)
    for row in capped:
        figures[row["estate_id"]]["skipped_by_cap"] = row["n"]
    return {estate_id: RepairSurveyFigures(**values) for estate_id, values in figures.items()}


def fatigue_days_by_estate(estate_ids: list[int]) -> dict[int, int]:
    """Each estate's fatigue cap in days (the default where it has no settings yet), in one query."""
    default = SurveySettings._meta.get_field("fatigue_days").default
    saved = dict(SurveySettings.objects.filter(estate_id__in=estate_ids).values_list("estate_id", "fatigue_days"))
    return {estate_id: saved.get(estate_id, default) for estate_id in estate_ids}
