"""Work orders: a resident's report carried through to a confirmed fix, with its events and service levels."""

from datetime import time

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import AppendOnlyModel, TimeStampedModel
from core.storage import private_storage
from residents.models import Building, CommonArea, Estate, Person, Trade, Unit

from .workflow import STATUS_CHOICES, Status, event_label, status_label


class Priority(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency (急修)")
    URGENT = "urgent", _("Urgent")
    ROUTINE = "routine", _("Routine")


class Channel(models.TextChoices):
    WEB = "web", _("Website")
    APP = "app", _("App / API")
    PHONE = "phone", _("Phone call")
    WALK_IN = "walk_in", _("Walk-in")
    OPEN311 = "open311", _("Open311 client")
    PLANNED = "planned", _("Planned maintenance (巡检)")  # made by repairs.maintenance, never reported


class EscalationLevel(models.IntegerChoices):
    """How far up the SLA ladder an order has climbed (repairs/escalation.py); it never goes down."""

    NONE = 0, _("None")
    WARNING = 1, _("Warning: dispatchers told")
    BREACH = 2, _("Breach: managers told")
    COMMITTEE = 3, _("Long breach: shown to the owners' committee")


class RepairSettings(models.Model):
    """An estate's repair rules: auto-confirmation, the reopen window, automatic dispatch. Edited by managers."""

    estate = models.OneToOneField(Estate, on_delete=models.CASCADE, related_name="repair_settings")
    auto_confirm_days = models.PositiveSmallIntegerField(_("auto-confirm after (days)"), default=3)
    reopen_window_days = models.PositiveSmallIntegerField(_("reopen window (days)"), default=7)
    auto_assign = models.BooleanField(_("assign technicians automatically"), default=False)
    duplicate_window_hours = models.PositiveSmallIntegerField(_("duplicate window (hours)"), default=24)
    business_day_start = models.TimeField(_("business day starts"), default=time(8, 0))
    business_day_end = models.TimeField(_("business day ends"), default=time(18, 0))
    business_weekdays = models.JSONField(
        _("business weekdays"), default=list, help_text=_("ISO weekdays, 1 = Monday; empty means Monday to Saturday.")
    )

    class Meta:
        verbose_name = _("repair settings")
        verbose_name_plural = _("repair settings")


class SlaPolicy(models.Model):
    """Targets for one estate × priority (× trade, or any trade): minutes to accept, arrive and resolve."""

    estate = models.ForeignKey(Estate, on_delete=models.CASCADE, related_name="sla_policies")
    priority = models.CharField(_("priority"), max_length=16, choices=Priority.choices)
    trade = models.ForeignKey(
        Trade,
        verbose_name=_("trade"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Empty: any trade."),
    )
    response_minutes = models.PositiveIntegerField(_("accept within (minutes)"))
    arrival_minutes = models.PositiveIntegerField(_("arrive within (minutes)"))
    resolution_minutes = models.PositiveIntegerField(_("resolve within (minutes)"))
    around_the_clock = models.BooleanField(
        _("around the clock"), default=False, help_text=_("Otherwise the clock runs in business hours only.")
    )

    class Meta:
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")
        constraints = [
            models.UniqueConstraint(fields=["estate", "priority", "trade"], name="sla_policy_unique"),
            models.UniqueConstraint(
                fields=["estate", "priority"], condition=Q(trade__isnull=True), name="sla_policy_unique_any_trade"
            ),
        ]


class WorkOrder(TimeStampedModel):
    """A repair request and the work on it. `status` changes only through repairs.services (workflow.py)."""

    estate = models.ForeignKey(Estate, verbose_name=_("estate"), on_delete=models.PROTECT, related_name="work_orders")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="work_orders"
    )
    common_area = models.ForeignKey(
        CommonArea,
        verbose_name=_("common area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="work_orders",
    )
    reporter = models.ForeignKey(
        Person, verbose_name=_("reporter"), null=True, blank=True, on_delete=models.PROTECT, related_name="work_orders"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("taken by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, default=Channel.WEB)
    trade = models.ForeignKey(Trade, verbose_name=_("trade"), on_delete=models.PROTECT, related_name="+")
    priority = models.CharField(_("priority"), max_length=16, choices=Priority.choices, default=Priority.ROUTINE)
    description = models.TextField(_("description"), max_length=2000)
    location_detail = models.CharField(_("where exactly"), max_length=200, blank=True)
    permission_to_enter = models.BooleanField(_("staff may enter when I am out"), default=False)
    preferred_windows = models.CharField(_("preferred times"), max_length=200, blank=True)

    status = models.CharField(_("status"), max_length=16, choices=STATUS_CHOICES, default=Status.SUBMITTED)
    version = models.PositiveIntegerField(_("version"), default=1)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_work_orders",
    )
    master = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
    )
    incident = models.ForeignKey(
        "Incident",
        verbose_name=_("part of outage"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="joined_orders",
    )
    scheduled_for = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    # Intake through an Open311 client (repairs/open311): which client filed it, and the contact it gave when
    # the contact is not a registered resident of that address (otherwise `reporter` is set instead).
    open311_client = models.ForeignKey(
        "Open311Client",
        verbose_name=_("Open311 client"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="work_orders",
    )
    contact_name = models.CharField(_("contact name"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=16, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)

    response_due = models.DateTimeField(_("accept by"), null=True, blank=True)
    arrival_due = models.DateTimeField(_("arrive by"), null=True, blank=True)
    resolution_due = models.DateTimeField(_("resolve by"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    arrived_at = models.DateTimeField(_("arrived at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    on_hold_since = models.DateTimeField(_("on hold since"), null=True, blank=True)
    hold_reason = models.CharField(_("waiting for"), max_length=200, blank=True)

    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    auto_confirmed = models.BooleanField(_("confirmed automatically"), default=False)
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    escalation_level = models.PositiveSmallIntegerField(
        _("escalation level"), choices=EscalationLevel.choices, default=EscalationLevel.NONE
    )
    sla_started_at = models.DateTimeField(_("SLA clock started"), null=True, blank=True, editable=False)
    # Kept by repairs.escalation.refresh(); the sweep reads only rows whose moment has come (partial index below).
    next_escalation_at = models.DateTimeField(_("next escalation check"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("work order")
        verbose_name_plural = _("work orders")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(unit__isnull=False) & Q(common_area__isnull=True))
                | (Q(unit__isnull=True) & Q(common_area__isnull=False)),
                name="work_order_unit_xor_common_area",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="work_order_rating_1_to_5"
            ),
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(master__isnull=False), name="merged_order_has_master"
            ),
            models.CheckConstraint(
                condition=Q(escalation_level__lte=EscalationLevel.COMMITTEE), name="work_order_escalation_level_0_to_3"
            ),
            models.CheckConstraint(
                condition=~Q(status="joined") | Q(incident__isnull=False), name="joined_order_has_incident"
            ),
        ]
        indexes = [
            models.Index(fields=["estate", "status", "created_at"]),
            models.Index(fields=["assignee", "status"]),
            models.Index(fields=["status", "resolution_due"]),
            models.Index(fields=["status", "response_due"]),
            models.Index(fields=["status", "arrival_due"]),
            models.Index(fields=["status", "completed_at"]),  # the auto-confirm and closing sweeps
            models.Index(
                fields=["next_escalation_at"],
                condition=Q(next_escalation_at__isnull=False),
                name="work_order_escalation_due",
            ),
        ]

    def __str__(self):
        return f"#{self.pk}"


class Incident(TimeStampedModel):
    """An outage over many homes at once (water off for building 3), declared, updated and ended by dispatchers
    and managers (repairs.incidents.services). Open while `ended_at` is empty.

    Its scope is buildings and/or common areas of its estate: the homes affected are the units of those
    buildings and of the buildings holding the areas (every unit of the estate for an area shared by the whole
    estate); new reports of its trade on a scoped building or area join it (repairs.incidents.selectors).
    """

    class Kind(models.TextChoices):
        WATER = "water", _("Water cut")
        POWER = "power", _("Power cut")
        LIFT = "lift", _("Lift out of service")
        GAS = "gas", _("Gas supply")
        OTHER = "other", _("Other")

    estate = models.ForeignKey(Estate, verbose_name=_("estate"), on_delete=models.PROTECT, related_name="incidents")
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("what residents are told"), max_length=2000, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    priority = models.CharField(_("priority"), max_length=16, choices=Priority.choices, default=Priority.URGENT)
    trade = models.ForeignKey(
        Trade,
        verbose_name=_("trade"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Reports of this trade join the outage. Empty: reports of any trade."),
    )
    buildings = models.ManyToManyField(Building, verbose_name=_("buildings"), blank=True, related_name="incidents")
    common_areas = models.ManyToManyField(
        CommonArea, verbose_name=_("common areas"), blank=True, related_name="incidents"
    )
    started_at = models.DateTimeField(_("started at"))
    expected_end = models.DateTimeField(_("expected back at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    resolution_note = models.TextField(_("resolution"), max_length=2000, blank=True)
    master_order = models.ForeignKey(
        WorkOrder,
        verbose_name=_("work order for the fix"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_incidents",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("declared by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set once the residents' notice of the declaration / of the end is queued (repairs.tasks.announce_incident);
    # the relay re-runs announcements left unset, and the outbox's unique key keeps a re-run from sending twice.
    announced_at = models.DateTimeField(_("declaration announced at"), null=True, blank=True, editable=False)
    end_announced_at = models.DateTimeField(_("end announced at"), null=True, blank=True, editable=False)
    # Updates residents are told of: each change to what they see bumps `notice_updates`; the fan-out (or the
    # declaration, which carries the latest text) raises `notice_updates_announced` to the number it sent.
    notice_updates = models.PositiveIntegerField(_("updates to tell residents"), default=0, editable=False)
    notice_updates_announced = models.PositiveIntegerField(_("updates told"), default=0, editable=False)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                name="incident_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | ~Q(resolution_note=""), name="ended_incident_has_resolution"
            ),
        ]
        indexes = [
            # new reports look for the open outages of their estate
            models.Index(fields=["estate", "started_at"], condition=Q(ended_at__isnull=True), name="incident_open"),
        ]

    def __str__(self):
        return self.title

    STATUSES = [("open", _("Open")), ("ended", _("Ended"))]

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    @property
    def status(self) -> str:
        """open or ended, from `ended_at`."""
        return "open" if self.is_open else "ended"

    @property
    def is_planned(self) -> bool:
        """Announced ahead: it has not started yet."""
        return self.is_open and self.started_at > timezone.now()


class WorkOrderEvent(AppendOnlyModel):
    """One step in an order's life: who moved it from which status to which, when, and why. Never changed."""

    class Visibility(models.TextChoices):
        RESIDENT = "resident", _("Shown to the resident")
        INTERNAL = "internal", _("Staff only")

    order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=32)
    from_status = models.CharField(_("from"), max_length=16, blank=True)
    to_status = models.CharField(_("to"), max_length=16, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.RESIDENT
    )
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("work order event")
        verbose_name_plural = _("work order events")
        ordering = ["at", "id"]

    @property
    def action_label(self) -> str:
        return event_label(self.action)

    @property
    def to_status_label(self) -> str:
        return status_label(self.to_status)


def _photo_path(photo, filename):
    return f"work-orders/{photo.order_id}/{filename}"


class WorkOrderPhoto(models.Model):
    """A photo of the fault (by the reporter) or of the finished work (by the technician).

    Stored re-encoded and without EXIF in private storage, served only through repairs.views.photo.
    """

    class Kind(models.TextChoices):
        REPORT = "report", _("Reported fault")
        AFTER = "after", _("After the repair")

    order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="photos")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    image = models.FileField(_("image"), upload_to=_photo_path, storage=private_storage, max_length=200)
    thumbnail = models.FileField(
        _("thumbnail"), upload_to=_photo_path, storage=private_storage, blank=True, max_length=200
    )
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("work order photo")
        verbose_name_plural = _("work order photos")
        ordering = ["created_at", "id"]


class Quote(models.Model):
    """A price for a chargeable repair in a private unit: sent by staff, accepted or declined by the household
    before work starts; the charge is then recorded as paid or unpaid (there is no payment gateway)."""

    class Status(models.TextChoices):
        SENT = "sent", _("Waiting for the resident")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="quotes")
    labour = models.DecimalField(_("labour (¥)"), max_digits=9, decimal_places=2)
    materials = models.DecimalField(_("materials (¥)"), max_digits=9, decimal_places=2)
    note = models.CharField(_("note"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SENT)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(labour__gte=0) & Q(materials__gte=0), name="quote_amounts_not_negative"),
            models.UniqueConstraint(fields=["order"], condition=~Q(status="declined"), name="one_live_quote_per_order"),
            models.CheckConstraint(
                condition=Q(paid_at__isnull=True) | Q(status="accepted"), name="only_accepted_is_paid"
            ),
        ]

    @property
    def total(self):
        return self.labour + self.materials


class Open311Client(models.Model):
    """An application filing and following requests through the Open311 endpoint for one estate.

    Only the SHA-256 digest of its API key is stored; the key is shown once, by `create_open311_key`.
    Administrators deactivate a client in the Django admin.
    """

    name = models.CharField(_("name"), max_length=100)
    estate = models.ForeignKey(
        Estate, verbose_name=_("estate"), on_delete=models.PROTECT, related_name="open311_clients"
    )
    key_digest = models.CharField(_("API key digest"), max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Open311 client")
        verbose_name_plural = _("Open311 clients")
        ordering = ["estate", "name"]
        constraints = [models.UniqueConstraint(fields=["estate", "name"], name="open311_client_name_unique")]

    def __str__(self):
        return self.name


# Planned maintenance lives in its own module; importing it here registers its models with the app.
from .maintenance.models import (  # noqa: E402, F401
    ChecklistItem,
    MaintenancePlan,
    MaintenanceRun,
    WorkOrderChecklistItem,
)
