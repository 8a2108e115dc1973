"""A supervision item (督办) and its timeline."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import AppendOnlyModel, TimeStampedModel
from feedback.complaints.models import Complaint
from repairs.models import WorkOrder
from residents.models import Estate

from .workflow import STATUS_CHOICES, STATUSES, Status


class Subject(models.TextChoices):
    COMPLAINT = "complaint", _("A complaint")
    WORK_ORDER = "work_order", _("A repair order")
    PATTERN = "pattern", _("A pattern or general matter")


class SupervisionItem(TimeStampedModel):
    """A matter the committee asks the property company to answer by a deadline. Raised by committee members,
    answered by the estate's manager; `status` changes only through committee.supervision.services."""

    estate = models.ForeignKey(Estate, verbose_name=_("estate"), on_delete=models.PROTECT, related_name="+")
    about = models.CharField(_("about"), max_length=16, choices=Subject.choices, default=Subject.PATTERN)
    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    work_order = models.ForeignKey(
        WorkOrder, verbose_name=_("repair order"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=120)
    details = models.TextField(_("details"), max_length=4000)
    status = models.CharField(_("status"), max_length=16, choices=STATUS_CHOICES, default=Status.OPEN)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("raised by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer_due = models.DateTimeField(_("answer by"))
    answer = models.TextField(_("the company's answer"), blank=True, max_length=4000)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # The deadline the sweep last escalated: a deadline is escalated once; reopening sets a new one.
    escalated_due = models.DateTimeField(_("escalated for the deadline"), null=True, blank=True)
    # Published once answered; a published item the committee reopens stays published, shown as reopened.
    published_at = models.DateTimeField(_("published to residents at"), null=True, blank=True)

    class Meta:
        verbose_name = _("supervision item")
        verbose_name_plural = _("supervision items")
        ordering = ["answer_due", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=STATUSES), name="supervision_known_status"),
            models.CheckConstraint(
                condition=(Q(about=Subject.COMPLAINT) & Q(complaint__isnull=False) & Q(work_order__isnull=True))
                | (Q(about=Subject.WORK_ORDER) & Q(work_order__isnull=False) & Q(complaint__isnull=True))
                | (Q(about=Subject.PATTERN) & Q(complaint__isnull=True) & Q(work_order__isnull=True)),
                name="supervision_link_matches_subject",
            ),
        ]
        indexes = [
            models.Index(fields=["estate", "status", "answer_due"]),
            models.Index(fields=["status", "answer_due"]),  # the overdue sweep
            models.Index(fields=["estate", "published_at"]),
        ]

    def __str__(self):
        return f"#{self.pk}"


class SupervisionEvent(AppendOnlyModel):
    """One step in an item's life, never changed. `by` is the role acted in (committee, manager, system)."""

    item = models.ForeignKey(SupervisionItem, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    by = models.CharField(_("acting as"), max_length=16)
    action = models.CharField(_("action"), max_length=16)
    from_status = models.CharField(_("from"), max_length=16, blank=True)
    to_status = models.CharField(_("to"), max_length=16, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=4000)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("supervision event")
        verbose_name_plural = _("supervision events")
        ordering = ["at", "id"]
