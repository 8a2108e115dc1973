"""Estate-wide surveys (满意度调查): a campaign asks every household, or a random sample stratified by building,
to answer one campaign instrument between two dates.

Managers edit a draft; launching freezes the population (the households at that moment, CampaignHousehold),
fixes the sample size and the random seed of the draw (so the draw can be audited and reproduced), and the
invitations then go out in batches (feedback.campaigns.services). A household is a unit: its survey stays
with the unit even if the person asked moves out, and the unit is asked at most once per campaign.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from residents.models import Building, Estate, Unit

from ..models.instruments import Instrument

MIN_MARGIN = Decimal("1")  # percent: below ±1% the sample is the whole estate anyway
MAX_MARGIN = Decimal("20")  # percent: wider than ±20% says nothing useful


class Campaign(TimeStampedModel):
    """One estate-wide survey. Edited by the estate's managers while a draft; launched and closed once."""

    class Mode(models.TextChoices):
        CENSUS = "census", _("Every household")
        SAMPLE = "sample", _("A random sample, stratified by building")

    class Confidence(models.IntegerChoices):
        C90 = 90, "90%"
        C95 = 95, "95%"
        C99 = 99, "99%"

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")

    estate = models.ForeignKey(Estate, verbose_name=_("estate"), on_delete=models.PROTECT, related_name="+")
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("questionnaire"), on_delete=models.PROTECT, related_name="campaigns"
    )
    name = models.CharField(_("name"), max_length=120)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    mode = models.CharField(_("who is asked"), max_length=8, choices=Mode.choices, default=Mode.SAMPLE)
    margin = models.DecimalField(
        _("margin of error (± %)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("5"),
        validators=[MinValueValidator(MIN_MARGIN), MaxValueValidator(MAX_MARGIN)],
    )
    confidence = models.PositiveSmallIntegerField(_("confidence"), choices=Confidence.choices, default=95)
    population = models.PositiveIntegerField(_("households at launch"), null=True, blank=True)
    sample_size = models.PositiveIntegerField(_("households asked"), null=True, blank=True)
    seed = models.BigIntegerField(_("random seed of the draw"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    launched_at = models.DateTimeField(_("launched at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("survey campaign")
        verbose_name_plural = _("survey campaigns")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="campaign_closes_after_opens"),
            models.CheckConstraint(
                condition=Q(margin__gte=MIN_MARGIN, margin__lte=MAX_MARGIN), name="campaign_margin_range"
            ),
            models.CheckConstraint(condition=Q(confidence__in=[90, 95, 99]), name="campaign_confidence_levels"),
            # a launched campaign has its frozen figures, so the draw can be reproduced
            models.CheckConstraint(
                condition=Q(status="draft")
                | Q(launched_at__isnull=False, population__isnull=False, sample_size__isnull=False, seed__isnull=False),
                name="campaign_launched_is_frozen",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False), name="campaign_closed_time"
            ),
        ]
        indexes = [models.Index(fields=["estate", "status", "opens_at"], name="campaign_estate_status_opens")]

    def __str__(self):
        return self.name


class CampaignHousehold(models.Model):
    """One household of the population frozen at launch, and whether the draw picked it. `recipient` is who
    was chosen to answer for it then: a current owner if any, else an occupant (lowest user id, so the choice
    is reproducible). Its invitation is the Survey of this campaign and unit, once sent."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="households")
    unit = models.ForeignKey(Unit, verbose_name=_("household"), on_delete=models.PROTECT, related_name="+")
    building = models.ForeignKey(Building, verbose_name=_("building"), on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked"), on_delete=models.CASCADE, related_name="+"
    )
    drawn = models.BooleanField(_("in the sample"), default=False)

    class Meta:
        verbose_name = _("campaign household")
        verbose_name_plural = _("campaign households")
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="campaign_household_once")]
        indexes = [models.Index(fields=["campaign", "drawn", "building"], name="campaign_household_drawn")]
