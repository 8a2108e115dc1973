"""Asking and answering: a survey invitation per household, its draft, and the all-or-nothing response.

A Survey is one invitation to answer one instrument: after a work order is confirmed (transactional) or in
an estate-wide campaign. A Response exists only once every required answer is in (feedback.surveys.services);
until then what the resident typed is a SurveyDraft, which no figure ever counts. Responses, item answers and
importance points are written once and never changed; where they came from (estate, building, trade,
technician) is copied onto the Response so reports group without joining back through the work order.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import AppendOnlyModel, TimeStampedModel
from repairs.models import WorkOrder
from residents.models import Building, Estate, Trade, Unit

from .instruments import CSAT_MAX, DIMENSION_CHOICES, NPS_MAX, SCALE_MAX, Instrument, Item


class SurveySettings(models.Model):
    """How often and for how long an estate asks its households. Edited by managers."""

    estate = models.OneToOneField(Estate, on_delete=models.CASCADE, related_name="survey_settings")
    expiry_days = models.PositiveSmallIntegerField(_("an invitation expires after (days)"), default=14)
    reminder_days = models.PositiveSmallIntegerField(_("remind once after (days)"), default=3)
    fatigue_days = models.PositiveSmallIntegerField(
        _("ask a household at most once in (days)"),
        default=14,
        help_text=_("Survey fatigue cap for surveys after repairs: a household with several closed orders in "
                    "this window is asked about one of them."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("survey settings")
        verbose_name_plural = _("survey settings")
        constraints = [
            models.CheckConstraint(condition=Q(expiry_days__gte=1), name="survey_settings_expiry_positive"),
            models.CheckConstraint(
                condition=Q(reminder_days__lt=models.F("expiry_days")), name="survey_settings_reminder_before_expiry"
            ),
        ]


class Survey(TimeStampedModel):
    """One household's invitation to answer one instrument; answered at most once."""

    class Kind(models.TextChoices):
        TRANSACTIONAL = "transactional", _("After a repair")
        CAMPAIGN = "campaign", _("Estate-wide survey")

    class Status(models.TextChoices):
        INVITED = "invited", _("Waiting for an answer")
        ANSWERED = "answered", _("Answered")
        EXPIRED = "expired", _("Expired")
        # the repair was reopened before the resident answered: not counted, the order may be asked about again
        WITHDRAWN = "withdrawn", _("Withdrawn: the repair was reopened")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    instrument = models.ForeignKey(Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="+")
    estate = models.ForeignKey(Estate, verbose_name=_("estate"), on_delete=models.PROTECT, related_name="+")
    building = models.ForeignKey(
        Building, verbose_name=_("building"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("household"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked"), on_delete=models.CASCADE, related_name="surveys"
    )
    work_order = models.ForeignKey(
        WorkOrder, verbose_name=_("work order"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    campaign = models.ForeignKey(
        "feedback.Campaign", verbose_name=_("campaign"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="surveys",
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.INVITED)
    invited_at = models.DateTimeField(_("invited at"))
    # first day of the invitation's month in Asia/Shanghai, stored so response rates group by month without
    # converting every row's time zone (that conversion was half the dashboard's time at 1M answers)
    invited_month = models.DateField(_("month invited"), editable=False)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-invited_at"]
        constraints = [
            # one response per work order: one live transactional survey per order. A withdrawn one (the repair
            # was reopened before an answer) stays as history and never takes a response.
            models.UniqueConstraint(
                fields=["work_order"],
                condition=Q(work_order__isnull=False) & ~Q(status="withdrawn"),
                name="survey_one_per_work_order",
            ),
            models.CheckConstraint(
                condition=Q(kind="campaign") | Q(work_order__isnull=False), name="survey_transactional_has_order"
            ),
            # one response per household in a campaign (DOMAIN.md 3)
            models.UniqueConstraint(
                fields=["campaign", "unit"], condition=Q(campaign__isnull=False), name="survey_one_per_campaign_unit"
            ),
            models.CheckConstraint(
                condition=Q(campaign__isnull=True) | Q(kind="campaign", unit__isnull=False),
                name="survey_campaign_is_household",
            ),
            models.CheckConstraint(
                condition=~Q(status="answered") | Q(answered_at__isnull=False), name="survey_answered_has_time"
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "status"], name="survey_recipient_status"),
            models.Index(fields=["status", "expires_at"], name="survey_status_expiry"),
            models.Index(fields=["unit", "kind", "invited_at"], name="survey_unit_kind_time"),
            models.Index(fields=["estate", "invited_month", "kind", "status"], name="survey_estate_month"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"


class SurveyCandidate(models.Model):
    """A confirmed repair whose reporter could be asked about it (feedback.surveys.transactional).

    The survey-fatigue cap decides later: one pending candidate per household is picked at random and invited,
    the others are recorded as skipped with their reason, so reports can show what the cap held back.
    Written by the services only; a household is a unit, or the reporter for a common-area order.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the fatigue cap")
        INVITED = "invited", _("Invited")
        SKIPPED = "skipped", _("Not asked")
        WITHDRAWN = "withdrawn", _("Withdrawn: the repair was reopened")

    class Reason(models.TextChoices):
        FATIGUE_CAP = "fatigue_cap", _("Fatigue cap")
        NO_INSTRUMENT = "no_instrument", _("No survey published")
        ALREADY_ASKED = "already_asked", _("Already asked about this repair")

    work_order = models.ForeignKey(WorkOrder, verbose_name=_("work order"), on_delete=models.PROTECT, related_name="+")
    estate = models.ForeignKey(Estate, verbose_name=_("estate"), on_delete=models.PROTECT, related_name="+")
    household = models.CharField(_("household"), max_length=32)  # "unit:<id>" or "person:<id>"
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked"), on_delete=models.CASCADE, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("repair confirmed at"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("survey candidate")
        verbose_name_plural = _("survey candidates")
        constraints = [
            models.UniqueConstraint(
                fields=["work_order"], condition=Q(status="pending"), name="survey_candidate_one_pending_per_order"
            ),
            models.CheckConstraint(
                condition=~Q(status="skipped") | ~Q(reason=""), name="survey_candidate_skipped_has_reason"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "estate", "household"], name="survey_candidate_household"),
            models.Index(fields=["estate", "status", "decided_at"], name="survey_candidate_decided"),
        ]


class SurveyDraft(models.Model):
    """What a resident has typed so far; never counted. Replaced on each save, deleted on submission."""

    survey = models.OneToOneField(Survey, on_delete=models.CASCADE, related_name="draft")
    data = models.JSONField(_("answers so far"), default=dict)
    saved_at = models.DateTimeField(_("saved at"), auto_now=True)

    class Meta:
        verbose_name = _("survey draft")
        verbose_name_plural = _("survey drafts")


class Response(AppendOnlyModel):
    """A complete, counted answer to a survey, with where it came from copied on for reporting."""

    survey = models.OneToOneField(Survey, verbose_name=_("survey"), on_delete=models.PROTECT, related_name="response")
    instrument = models.ForeignKey(Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=Survey.Kind.choices)
    estate = models.ForeignKey(Estate, verbose_name=_("estate"), on_delete=models.PROTECT, related_name="+")
    building = models.ForeignKey(
        Building, verbose_name=_("building"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("household"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    trade = models.ForeignKey(
        Trade, verbose_name=_("trade"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    technician = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("technician"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    csat = models.PositiveSmallIntegerField(_("overall satisfaction"), null=True, blank=True)
    nps = models.PositiveSmallIntegerField(_("likelihood to recommend"), null=True, blank=True)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.CheckConstraint(condition=Q(csat__gte=1, csat__lte=CSAT_MAX), name="response_csat_range"),
            models.CheckConstraint(condition=Q(nps__gte=0, nps__lte=NPS_MAX), name="response_nps_range"),
        ]
        indexes = [
            models.Index(fields=["estate", "submitted_at"], name="response_estate_time"),
            models.Index(fields=["technician", "submitted_at"], name="response_technician_time"),
        ]


def _rating(field):
    return Q(**{f"{field}__gte": 1, f"{field}__lte": SCALE_MAX})


class ItemAnswer(AppendOnlyModel):
    """One rating of one item in a response; which optional columns are filled follows the instrument's format."""

    response = models.ForeignKey(Response, verbose_name=_("response"), on_delete=models.PROTECT, related_name="answers")
    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.PROTECT, related_name="+")
    dimension = models.CharField(_("dimension"), max_length=16, choices=DIMENSION_CHOICES)  # copied from the item
    perceived = models.PositiveSmallIntegerField(_("perceived"))
    expected = models.PositiveSmallIntegerField(_("expected"), null=True, blank=True)
    minimum = models.PositiveSmallIntegerField(_("minimum adequate"), null=True, blank=True)
    desired = models.PositiveSmallIntegerField(_("desired"), null=True, blank=True)

    class Meta:
        verbose_name = _("item answer")
        verbose_name_plural = _("item answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="item_answer_once"),
            models.CheckConstraint(condition=_rating("perceived"), name="item_answer_perceived_range"),
            models.CheckConstraint(condition=_rating("expected"), name="item_answer_expected_range"),
            models.CheckConstraint(condition=_rating("minimum"), name="item_answer_minimum_range"),
            models.CheckConstraint(condition=_rating("desired"), name="item_answer_desired_range"),
        ]


class ImportanceWeight(AppendOnlyModel):
    """Points (of 100) a respondent gave one dimension; stored raw, used as points/100 (DOMAIN.md 1.4)."""

    response = models.ForeignKey(Response, verbose_name=_("response"), on_delete=models.PROTECT, related_name="weights")
    dimension = models.CharField(_("dimension"), max_length=16, choices=DIMENSION_CHOICES)
    points = models.PositiveSmallIntegerField(_("points"))

    class Meta:
        verbose_name = _("importance points")
        verbose_name_plural = _("importance points")
        constraints = [
            models.UniqueConstraint(fields=["response", "dimension"], name="importance_once_per_dimension"),
            models.CheckConstraint(condition=Q(points__lte=100), name="importance_points_at_most_100"),
        ]
