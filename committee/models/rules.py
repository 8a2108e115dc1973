"""An estate's committee rules: every number that depends on the jurisdiction, with the national value as default
(DOMAIN.md §2). An estate without a row uses the defaults."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from residents.models import Estate, Person


class CommitteeRules(TimeStampedModel):
    """Per-estate committee and voting rules, edited by the committee (or an admin)."""

    estate = models.OneToOneField(Estate, on_delete=models.CASCADE, related_name="committee_rules")
    # 物业管理条例 Art 14; Beijing 2024 Art 35; Hangzhou 2021 Art 19
    notice_days = models.PositiveSmallIntegerField(
        _("announce a vote at least (days) before it opens"), default=15, validators=[MinValueValidator(1)]
    )
    # Hangzhou 2021 Art 20: a voting window of 5-60 days
    voting_days_min = models.PositiveSmallIntegerField(
        _("shortest voting window (days)"), default=5, validators=[MinValueValidator(1)]
    )
    voting_days_max = models.PositiveSmallIntegerField(
        _("longest voting window (days)"), default=60, validators=[MinValueValidator(1)]
    )
    # 业主大会和业主委员会指导规则 (2009) Art 31: 5-11 members, an odd number
    members_min = models.PositiveSmallIntegerField(_("fewest members"), default=5, validators=[MinValueValidator(1)])
    members_max = models.PositiveSmallIntegerField(_("most members"), default=11, validators=[MinValueValidator(1)])
    members_odd = models.BooleanField(_("an odd number of members"), default=True)
    term_years_max = models.PositiveSmallIntegerField(
        _("longest term (years)"), default=5, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    # 物业管理条例 Art 16: file within 30 days of the election
    filing_days = models.PositiveSmallIntegerField(_("file the election within (days)"), default=30)
    # Shanghai 2020, Hangzhou 2021, Beijing Art 37/45: minutes and results published within 3 days
    publish_days = models.PositiveSmallIntegerField(_("publish minutes and results within (days)"), default=3)
    # No national figure: a company default the committee may change
    supervision_answer_days = models.PositiveSmallIntegerField(
        _("the company answers a supervision item within (days)"), default=7, validators=[MinValueValidator(1)]
    )
    spot_check_size = models.PositiveSmallIntegerField(
        _("closed work orders drawn for the monthly spot check"), default=5, validators=[MaxValueValidator(200)]
    )
    developer = models.ForeignKey(
        Person,
        verbose_name=_("developer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The developer's person record: its unsold units count together as one owner (SPC 2009 Art 9)."),
    )

    class Meta:
        verbose_name = _("committee rules")
        verbose_name_plural = _("committee rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(voting_days_min__lte=F("voting_days_max")), name="committee_rules_window_ordered"
            ),
            models.CheckConstraint(condition=Q(members_min__lte=F("members_max")), name="committee_rules_size_ordered"),
        ]

    def __str__(self):
        return str(self.estate)
