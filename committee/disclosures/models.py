"""Public disclosure (公示) by the property company (DOMAIN.md §2.7): entries with a period, attachments,
residents' questions with the company's public answers, each estate's publication schedule, and the record
of reminders sent when an entry is due."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from residents.models import Estate

from ..documents.models import StoredFile


class Kind(models.TextChoices):
    FEE_STANDARDS = "fees", _("Fee standards (明码标价)")
    PUBLIC_REVENUE = "revenue", _("Public revenue and its use (公共收益)")
    MAINTENANCE_FUND = "fund", _("Maintenance fund raising and use (维修资金)")
    SERVICE_CONTRACT = "contract", _("Property service contract")
    ANNUAL_ACCOUNTS = "accounts", _("Annual accounts and budget")
    OTHER = "other", _("Other")


class Disclosure(TimeStampedModel):
    """One entry the company publishes for an estate's residents. Managers (disclosures.publish) write drafts;
    a published entry never changes: a correction is a new entry that supersedes it, and both are kept."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        SUPERSEDED = "superseded", _("Superseded by a correction")

    estate = models.ForeignKey(Estate, verbose_name=_("estate"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    body = models.TextField(_("text"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["-period_end", "-id"]
        indexes = [models.Index(fields=["estate", "status", "kind", "period_end"], name="disclosure_estate_kind")]
        constraints = [
            models.CheckConstraint(condition=Q(period_start__lte=F("period_end")), name="disclosure_period_ordered"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False), name="disclosure_published_dated"
            ),
        ]

    def __str__(self):
        return self.title


class DisclosureAttachment(StoredFile):
    """A file of a disclosure entry (the fee table, the accounts, the contract scan); added while it is a draft."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="attachments")

    class Meta:
        verbose_name = _("disclosure attachment")
        verbose_name_plural = _("disclosure attachments")
        ordering = ["created_at", "id"]


class DisclosureQuestion(models.Model):
    """A resident's question on a published entry and the company's public answer. Other residents never see
    who asked: only whether an owner or a resident (a tenant or family member) did."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="questions")
    asker = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    asker_is_owner = models.BooleanField(_("asked by an owner"))
    body = models.TextField(_("question"), max_length=2000)
    asked_at = models.DateTimeField(_("asked at"), auto_now_add=True, db_index=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("question on a disclosure")
        verbose_name_plural = _("questions on disclosures")
        ordering = ["asked_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | ~Q(answer=""), name="disclosure_question_answer_text"
            ),
        ]


class DisclosureSchedule(TimeStampedModel):
    """How often an estate must publish one kind of entry, in months, when it differs from the default
    (committee.disclosures.schedule.DEFAULT_MONTHS); edited by an admin for the local rules."""

    estate = models.ForeignKey(Estate, verbose_name=_("estate"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    interval_months = models.PositiveSmallIntegerField(
        _("publish at least every (months)"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )

    class Meta:
        verbose_name = _("disclosure schedule")
        verbose_name_plural = _("disclosure schedules")
        constraints = [
            models.UniqueConstraint(fields=["estate", "kind"], name="disclosure_schedule_once"),
            models.CheckConstraint(
                condition=Q(interval_months__gte=1, interval_months__lte=60), name="disclosure_schedule_range"
            ),
        ]


class DisclosureReminder(models.Model):
    """That the estate's managers were reminded a kind was due on `due_on`: at most one per estate, kind and
    due date, so the daily run can repeat safely."""

    estate = models.ForeignKey(Estate, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    due_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("disclosure reminder")
        verbose_name_plural = _("disclosure reminders")
        constraints = [models.UniqueConstraint(fields=["estate", "kind", "due_on"], name="disclosure_reminder_once")]
