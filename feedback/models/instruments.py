"""Questionnaires: a versioned instrument of items, each item tagged with one of the ten dimensions.

Managers edit a draft; publishing freezes it for good (answers point at its items), and editing a published
instrument means a new draft version (feedback.instruments.services). Statements are stored in both
languages side by side, like the dimension names, because they are survey content, not interface text.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from feedback import dimensions
from residents.models import Estate

SCALE_MAX = 7  # every rating item is 1 = strongly disagree … 7 = strongly agree (DOMAIN.md 1.3)
CSAT_MAX = 5
NPS_MAX = 10
DIMENSION_CHOICES = [(d.key, f"{d.name_zh} {d.name_en}") for d in dimensions.TEN]


class Instrument(TimeStampedModel):
    """One version of a questionnaire. A null estate means every estate may use it (the shipped defaults)."""

    class Format(models.TextChoices):
        SERVPERF = "servperf", _("Perception only (SERVPERF)")
        TWO_COLUMN = "two_column", _("Expectation and perception")
        THREE_COLUMN = "three_column", _("Minimum, desired and perceived level")

    class Purpose(models.TextChoices):
        TRANSACTIONAL = "transactional", _("After a repair")
        CAMPAIGN = "campaign", _("Estate-wide survey")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    key = models.SlugField(_("key"), max_length=50)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    estate = models.ForeignKey(
        Estate, verbose_name=_("estate"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name_zh = models.CharField(_("name (Chinese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    purpose = models.CharField(_("used for"), max_length=16, choices=Purpose.choices)
    format = models.CharField(_("format"), max_length=16, choices=Format.choices, default=Format.TWO_COLUMN)
    asks_weights = models.BooleanField(_("ask for importance points (100 over the dimensions)"), default=False)
    asks_csat = models.BooleanField(_("ask for overall satisfaction (1–5)"), default=False)
    asks_nps = models.BooleanField(_("ask how likely they are to recommend us (0–10)"), default=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey instrument")
        verbose_name_plural = _("survey instruments")
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="instrument_key_version_unique"),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(published_at__isnull=False),
                name="instrument_published_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.name_zh} v{self.version}"

    def name(self, language="zh-hans"):
        return self.name_zh if language.lower().startswith("zh") else self.name_en

    @property
    def asks_expected(self):
        return self.format == self.Format.TWO_COLUMN

    @property
    def asks_zone(self):
        return self.format == self.Format.THREE_COLUMN


class Item(models.Model):
    """One statement of an instrument, rated 1–7, belonging to one of the ten dimensions."""

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    dimension = models.CharField(_("dimension"), max_length=16, choices=DIMENSION_CHOICES)
    text_zh = models.CharField(_("statement (Chinese)"), max_length=200)
    text_en = models.CharField(_("statement (English)"), max_length=200)

    class Meta:
        verbose_name = _("survey item")
        verbose_name_plural = _("survey items")
        ordering = ["instrument", "position"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "position"], name="item_position_unique"),
        ]

    def __str__(self):
        return self.text_zh

    def text(self, language="zh-hans"):
        return self.text_zh if language.lower().startswith("zh") else self.text_en
