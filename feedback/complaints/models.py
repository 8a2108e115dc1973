"""Complaints, suggestions and praise (投诉 / 建议 / 表扬): the item, its dimension tags, its timeline and the
estate's rules."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import AppendOnlyModel, TimeStampedModel
from feedback.dimensions import TEN
from repairs.models import WorkOrder
from residents.models import Estate, Person, Unit

from .workflow import STATUS_CHOICES, Route, Status

DIMENSION_CHOICES = [(d.key, f"{d.name_zh} / {d.name_en}") for d in TEN]


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint (投诉)")
    SUGGESTION = "suggestion", _("Suggestion (建议)")
    PRAISE = "praise", _("Praise (表扬)")


class Addressee(models.TextChoices):
    COMPANY = Route.COMPANY, _("The property company")
    COMMITTEE = Route.COMMITTEE, _("The owners' committee")


class ComplaintSettings(models.Model):
    """An estate's complaint rules: deadlines, auto-closing, and the limits that stop abuse. Edited by managers
    (Django admin); an estate without a row uses the defaults."""

    estate = models.OneToOneField(Estate, on_delete=models.CASCADE, related_name="complaint_settings")
    acknowledge_hours = models.PositiveSmallIntegerField(_("acknowledge within (hours)"), default=24)
    answer_days = models.PositiveSmallIntegerField(_("answer within (days)"), default=5)
    manager_answer_days = models.PositiveSmallIntegerField(_("manager answers an escalation within (days)"), default=5)
    auto_close_days = models.PositiveSmallIntegerField(_("close an unanswered answer after (days)"), default=7)
    duplicate_window_hours = models.PositiveSmallIntegerField(_("refuse an identical item within (hours)"), default=72)
    daily_cap = models.PositiveSmallIntegerField(_("items one person may file a day"), default=5)

    class Meta:
        verbose_name = _("complaint settings")
        verbose_name_plural = _("complaint settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(acknowledge_hours__gte=1, answer_days__gte=1, manager_answer_days__gte=1, daily_cap__gte=1),
                name="complaint_settings_positive",
            )
        ]


class Complaint(TimeStampedModel):
    """A complaint, suggestion or praise filed by a resident. `status` changes only through
    feedback.complaints.services (workflow.py). The submitter is always recorded; with `anonymous_to_staff` no
    handler is ever shown who it is (selectors and serializers hide it), the system still uses it against abuse."""

    estate = models.ForeignKey(Estate, verbose_name=_("estate"), on_delete=models.PROTECT, related_name="complaints")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    submitter = models.ForeignKey(
        Person, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="complaints"
    )
    anonymous_to_staff = models.BooleanField(_("hide my name from the handlers"), default=False)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.COMPLAINT)
    addressee = models.CharField(_("addressed to"), max_length=16, choices=Addressee.choices, default=Route.COMPANY)
    # Who handles it now: the committee until it forwards an item addressed to it, otherwise the company.
    route = models.CharField(_("handled by"), max_length=16, choices=Addressee.choices, default=Route.COMPANY)
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("what happened"), max_length=4000)
    body_digest = models.CharField(max_length=64, editable=False)  # normalised text: refuses identical repeats
    work_order = models.ForeignKey(
        WorkOrder,
        verbose_name=_("about work order"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    staff_member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("about staff member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints_about",
    )
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, default=Status.RECEIVED)
    version = models.PositiveIntegerField(_("version"), default=1)

    received_at = models.DateTimeField(_("received at"))  # filed, or forwarded to the company by the committee
    acknowledge_due = models.DateTimeField(_("acknowledge by"))
    answer_due = models.DateTimeField(_("answer by"))
    manager_answer_due = models.DateTimeField(_("manager answers by"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)  # the first answer: 及时率
    manager_answered_at = models.DateTimeField(_("manager answered at"), null=True, blank=True)
    last_answered_at = models.DateTimeField(_("last answered at"), null=True, blank=True)  # auto-close counts from it
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    acknowledge_breached_at = models.DateTimeField(_("acknowledgement overdue since"), null=True, blank=True)
    answer_breached_at = models.DateTimeField(_("answer overdue since"), null=True, blank=True)
    manager_breached_at = models.DateTimeField(_("manager's answer overdue since"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("forwarded to the company at"), null=True, blank=True)
    # Set once the committee may see it: filed to it, rejected twice, or the manager's answer overdue.
    committee_since = models.DateTimeField(_("visible to the committee since"), null=True, blank=True)

    class Meta:
        verbose_name = _("complaint, suggestion or praise")
        verbose_name_plural = _("complaints, suggestions and praise")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=Kind.values) & Q(addressee__in=Addressee.values) & Q(route__in=Addressee.values),
                name="complaint_known_kind_and_route",
            ),
            # the company never handles an item addressed to the committee that the committee did not forward
            models.CheckConstraint(
                condition=~Q(addressee=Route.COMMITTEE, route=Route.COMPANY) | Q(forwarded_at__isnull=False),
                name="complaint_company_sees_committee_items_only_forwarded",
            ),
            models.CheckConstraint(
                condition=~Q(addressee=Route.COMMITTEE) | Q(committee_since__isnull=False),
                name="complaint_committee_sees_its_own",
            ),
        ]
        indexes = [
            models.Index(fields=["estate", "route", "status", "received_at"]),
            models.Index(fields=["submitter", "created_at"]),  # duplicates and the daily cap
            models.Index(fields=["status", "acknowledge_due"]),  # the breach sweep
            models.Index(fields=["status", "answer_due"]),
            models.Index(fields=["status", "manager_answer_due"]),
            models.Index(fields=["status", "last_answered_at"]),  # auto-close
            models.Index(fields=["estate", "answered_at"]),  # 投诉处理及时率
        ]

    def __str__(self):
        return f"#{self.pk}"


class ComplaintDimension(models.Model):
    """One SERVQUAL dimension (feedback.dimensions key) an item is tagged with: a row per tag, so volume by
    dimension is one indexed GROUP BY on any database."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="dimension_tags")
    dimension = models.CharField(_("dimension"), max_length=20, choices=DIMENSION_CHOICES)

    class Meta:
        verbose_name = _("complaint dimension")
        verbose_name_plural = _("complaint dimensions")
        constraints = [
            models.UniqueConstraint(fields=["complaint", "dimension"], name="complaint_dimension_once"),
            models.CheckConstraint(
                condition=Q(dimension__in=[key for key, _label in DIMENSION_CHOICES]), name="complaint_dimension_known"
            ),
        ]
        indexes = [models.Index(fields=["dimension", "complaint"])]


class ComplaintEvent(AppendOnlyModel):
    """One step in an item's life (a transition, a public reply, a breach), never changed. `by` is the role the
    actor acted in: outputs show it instead of names, so an anonymous submitter's own steps name no one."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Shown to the resident")
        INTERNAL = "internal", _("Handlers only")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by = models.CharField(_("acting as"), max_length=16)
    action = models.CharField(_("action"), max_length=32)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=4000)
    visibility = models.CharField(_("visibility"), max_length=16, choices=Visibility.choices, default="public")
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint events")
        ordering = ["at", "id"]
