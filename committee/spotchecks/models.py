"""The committee's monthly spot check of finished repairs (抽查): one seeded draw per estate and month, and the
verdict recorded on each order drawn."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from repairs.models import WorkOrder
from residents.models import Estate


class SpotCheckDraw(models.Model):
    """One month's random sample of an estate's finished work orders, drawn by Celery beat or by a committee
    member. `seed` and `population` (the candidate ids, ascending) reproduce the sample (spotchecks.draw)."""

    estate = models.ForeignKey(Estate, verbose_name=_("estate"), on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("month"), help_text=_("First day of the month whose finished work was sampled."))
    size = models.PositiveSmallIntegerField(_("sample size asked for"))
    seed = models.BigIntegerField(_("random seed"))
    population = models.JSONField(_("candidate work orders"), default=list)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("drawn by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    drawn_at = models.DateTimeField(_("drawn at"), auto_now_add=True)

    class Meta:
        verbose_name = _("spot-check draw")
        verbose_name_plural = _("spot-check draws")
        ordering = ["-month", "estate_id"]
        constraints = [models.UniqueConstraint(fields=["estate", "month"], name="spot_check_draw_once_a_month")]

    def __str__(self):
        return f"{self.estate} {self.month:%Y-%m}"


class Verdict(models.TextChoices):
    FIXED_WELL = "fixed_well", _("Fixed well")
    FIXED_POORLY = "fixed_poorly", _("Fixed poorly")
    NOT_FIXED = "not_fixed", _("Not fixed")


class Method(models.TextChoices):
    PHONE = "phone", _("By phone")
    VISIT = "visit", _("By a visit")


class SpotCheck(models.Model):
    """One drawn work order and what the committee found. The verdict is recorded once (spotchecks.services);
    "not fixed" reopens the order."""

    draw = models.ForeignKey(SpotCheckDraw, on_delete=models.CASCADE, related_name="checks")
    work_order = models.ForeignKey(WorkOrder, verbose_name=_("work order"), on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("position in the draw"))
    verdict = models.CharField(_("verdict"), max_length=16, choices=Verdict.choices, blank=True)
    method = models.CharField(_("how it was checked"), max_length=8, choices=Method.choices, blank=True)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("checked by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("spot check")
        verbose_name_plural = _("spot checks")
        ordering = ["draw", "position"]
        constraints = [
            models.UniqueConstraint(fields=["draw", "work_order"], name="spot_check_order_once_per_draw"),
            models.CheckConstraint(
                condition=(Q(verdict="") & Q(method="") & Q(checked_at__isnull=True))
                | (~Q(verdict="") & ~Q(method="") & Q(checked_at__isnull=False)),
                name="spot_check_verdict_complete",
            ),
        ]

    @property
    def is_checked(self) -> bool:
        return bool(self.verdict)
