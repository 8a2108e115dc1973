"""Planned maintenance data: plans with their checklist templates, the runs that generated orders, and each
order's own copy of the checklist. Imported by repairs.models, so `repairs.models.MaintenancePlan` works."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from residents.models import CommonArea, Estate, Trade

from ..models import Priority, WorkOrder
from . import recurrence

MAX_LEAD_DAYS = 90


class MaintenancePlan(TimeStampedModel):
    """A recurring inspection or maintenance job on shared equipment (巡检): lifts monthly, fire equipment
    quarterly, water tanks twice a year. Edited by the estate's managers; `next_due` is kept by the services."""

    class Every(models.TextChoices):
        DAYS = recurrence.DAYS, _("days")
        WEEKS = recurrence.WEEKS, _("weeks")
        MONTHS = recurrence.MONTHS, _("months")

    estate = models.ForeignKey(
        Estate, verbose_name=_("estate"), on_delete=models.PROTECT, related_name="maintenance_plans"
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("instructions"), max_length=1800, blank=True)
    trade = models.ForeignKey(Trade, verbose_name=_("trade"), on_delete=models.PROTECT, related_name="+")
    common_area = models.ForeignKey(
        CommonArea, verbose_name=_("common area"), on_delete=models.PROTECT, related_name="maintenance_plans"
    )
    priority = models.CharField(_("priority"), max_length=16, choices=Priority.choices, default=Priority.ROUTINE)
    interval = models.PositiveSmallIntegerField(_("every"), default=1)
    unit = models.CharField(_("unit"), max_length=8, choices=Every.choices, default=Every.MONTHS)
    first_due = models.DateField(_("first due date"))
    next_due = models.DateField(_("next due date"), editable=False)
    lead_days = models.PositiveSmallIntegerField(
        _("lead time (days)"), default=0, help_text=_("The order is made this many days before it is due.")
    )
    default_assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("default technician"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("maintenance plan")
        verbose_name_plural = _("maintenance plans")
        ordering = ["next_due", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(interval__gte=1), name="maintenance_plan_interval_positive"),
            models.CheckConstraint(condition=Q(lead_days__lte=MAX_LEAD_DAYS), name="maintenance_plan_lead_bounded"),
        ]
        indexes = [models.Index(fields=["active", "next_due"], name="maintenance_plan_due")]

    def __str__(self):
        return self.title

    @property
    def recurrence(self) -> recurrence.Recurrence:
        return recurrence.Recurrence(first=self.first_due, interval=self.interval, unit=self.unit)


class ChecklistItem(models.Model):
    """One line of a plan's checklist template; copied onto each generated order (WorkOrderChecklistItem)."""

    plan = models.ForeignKey(MaintenancePlan, on_delete=models.CASCADE, related_name="checklist")
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("check"), max_length=200)
    requires_value = models.BooleanField(_("needs a reading"), default=False)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "position"], name="checklist_item_position_unique")]

    def __str__(self):
        return self.text


class MaintenanceRun(models.Model):
    """One occurrence of a plan that was generated: the order made for one due date. Unique per plan and due
    date, so the same occurrence can never produce a second order, however many runs race for it."""

    plan = models.ForeignKey(MaintenancePlan, on_delete=models.PROTECT, related_name="runs")
    due_date = models.DateField(_("due date"))
    order = models.OneToOneField(WorkOrder, on_delete=models.PROTECT, related_name="maintenance_run")
    skipped = models.PositiveIntegerField(
        _("earlier due dates skipped"), default=0, help_text=_("Missed while generation was not running.")
    )
    created_at = models.DateTimeField(_("generated at"), auto_now_add=True)

    class Meta:
        verbose_name = _("maintenance run")
        verbose_name_plural = _("maintenance runs")
        ordering = ["-due_date", "-id"]
        constraints = [models.UniqueConstraint(fields=["plan", "due_date"], name="maintenance_run_once_per_due_date")]

    def __str__(self):
        return f"{self.plan_id}/{self.due_date:%Y-%m-%d}"  # no query: shown in admin lists and links


class WorkOrderChecklistItem(models.Model):
    """A checklist line of one generated order, copied from the plan when the order was made (later plan edits
    never change it). Ticked by the assignee, or by the estate's dispatchers and managers."""

    order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="checklist")
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("check"), max_length=200)
    requires_value = models.BooleanField(_("needs a reading"), default=False)
    done = models.BooleanField(_("done"), default=False)
    value = models.CharField(_("reading"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("done by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("work order checklist item")
        verbose_name_plural = _("work order checklist items")
        ordering = ["order", "position"]
        constraints = [
            models.UniqueConstraint(fields=["order", "position"], name="order_checklist_position_unique"),
            models.CheckConstraint(condition=Q(done=False) | Q(done_at__isnull=False), name="checklist_done_has_time"),
            models.CheckConstraint(
                condition=Q(done=False) | Q(requires_value=False) | ~Q(value=""), name="checklist_reading_recorded"
            ),
        ]

    def __str__(self):
        return self.text
