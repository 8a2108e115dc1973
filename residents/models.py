"""The estate registry (estate → building → unit, common areas), people, and who holds which role where."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Channel, TimeStampedModel


class User(AbstractUser):
    """A login. Residents sign in with their phone or email; `username` is generated for them."""

    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone"), max_length=16, blank=True, help_text=_("Stored in E.164 form."))

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            models.UniqueConstraint(fields=["phone"], condition=~Q(phone=""), name="user_phone_unique"),
            models.UniqueConstraint(fields=["email"], condition=~Q(email=""), name="user_email_unique"),
        ]


class Estate(TimeStampedModel):
    """A residential compound (小区) the company manages; its slug appears in URLs and commands."""

    slug = models.SlugField(_("slug"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    city = models.CharField(_("city"), max_length=50, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("estate")
        verbose_name_plural = _("estates")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Building(TimeStampedModel):
    """A building (楼栋) of an estate."""

    estate = models.ForeignKey(Estate, verbose_name=_("estate"), on_delete=models.PROTECT, related_name="buildings")
    name = models.CharField(_("name"), max_length=50)

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        ordering = ["estate", "name"]
        constraints = [models.UniqueConstraint(fields=["estate", "name"], name="building_name_unique_in_estate")]

    def __str__(self):
        return f"{self.estate} {self.name}"


class Unit(TimeStampedModel):
    """A unit (房号) with its exclusive area, the basis of owners' voting weight and fee shares.

    `estate` repeats building.estate so scoping filters need no join; services keep them equal.
    """

    class Use(models.TextChoices):
        RESIDENTIAL = "residential", _("Residential")
        COMMERCIAL = "commercial", _("Commercial")
        PARKING = "parking", _("Parking")

    estate = models.ForeignKey(Estate, verbose_name=_("estate"), on_delete=models.PROTECT, related_name="units")
    building = models.ForeignKey(Building, verbose_name=_("building"), on_delete=models.PROTECT, related_name="units")
    number = models.CharField(_("unit number"), max_length=20)
    floor = models.SmallIntegerField(_("floor"))
    area = models.DecimalField(
        _("exclusive area (m²)"), max_digits=9, decimal_places=2, validators=[MinValueValidator(0.01)]
    )
    use = models.CharField(_("use"), max_length=16, choices=Use.choices, default=Use.RESIDENTIAL)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["building", "number"]
        constraints = [
            models.UniqueConstraint(fields=["building", "number"], name="unit_number_unique_in_building"),
            models.CheckConstraint(condition=Q(area__gt=0), name="unit_area_positive"),
        ]

    def __str__(self):
        return self.address_code

    @property
    def address_code(self) -> str:
        """The unit's code in the registry and the Open311 `address_id`: building name, hyphen, unit number."""
        return f"{self.building.name}-{self.number}"


class CommonArea(TimeStampedModel):
    """A shared part of an estate or building: lift, lobby, car park, garden, roof."""

    class Kind(models.TextChoices):
        LIFT = "lift", _("Lift")
        LOBBY = "lobby", _("Lobby")
        CAR_PARK = "car_park", _("Car park")
        GARDEN = "garden", _("Garden")
        ROOF = "roof", _("Roof")
        OTHER = "other", _("Other")

    estate = models.ForeignKey(Estate, verbose_name=_("estate"), on_delete=models.PROTECT, related_name="common_areas")
    building = models.ForeignKey(
        Building,
        verbose_name=_("building"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="common_areas",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("common area")
        verbose_name_plural = _("common areas")
        ordering = ["estate", "building", "name"]
        constraints = [
            models.UniqueConstraint(fields=["estate", "building", "name"], name="common_area_name_unique"),
        ]

    def __str__(self):
        return self.name

    @property
    def address_code(self) -> str:
        """The area's code in the registry and the Open311 `address_id`: its name, after its building's if any."""
        return f"{self.building.name}-{self.name}" if self.building_id else self.name


def default_channels():
    return [Channel.IN_APP, Channel.SMS]


class Person(TimeStampedModel):
    """The resident or staff member behind a login: name and contact preferences. Edited by the person."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="person"
    )
    full_name = models.CharField(_("full name"), max_length=100)
    channels = models.JSONField(
        _("contact channels"),
        default=default_channels,
        help_text=_("Channels the person wants to be reached on, in order."),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="zh-hans")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name


class PrivacyConsent(models.Model):
    """A person's acceptance of one version of the privacy notice; withdrawal is recorded, never deleted."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="consents")
    version = models.CharField(_("notice version"), max_length=20)
    accepted_at = models.DateTimeField(_("accepted at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("privacy consent")
        verbose_name_plural = _("privacy consents")
        ordering = ["-accepted_at"]


class ContactConsent(models.Model):
    """A person's agreement to be reached on one channel, or to receive news and offers, from `given_at` until
    `withdrawn_at`. Rows are only added or closed, never changed otherwise or deleted, so the history shows what
    the person agreed to and when (PIPL Art. 14-15). Written when the person saves their notification settings."""

    class Topic(models.TextChoices):
        EMAIL = Channel.EMAIL.value, _("Email")
        SMS = Channel.SMS.value, _("SMS")
        WECHAT = Channel.WECHAT.value, _("WeChat")
        MARKETING = "marketing", _("News and offers")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="contact_consents"
    )
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    given_at = models.DateTimeField(_("given at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact consent")
        verbose_name_plural = _("contact consents")
        ordering = ["given_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "topic"], condition=Q(withdrawn_at__isnull=True), name="one_open_consent_per_topic"
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=models.F("given_at")),
                name="consent_withdrawn_after_given",
            ),
        ]


class Ownership(TimeStampedModel):
    """An owner's share of a unit over a period, verified by staff. A unit may have several owners."""

    person = models.ForeignKey(Person, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="ownerships")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="ownerships")
    share = models.DecimalField(_("share"), max_digits=5, decimal_places=4, default=1)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ownership")
        verbose_name_plural = _("ownerships")
        constraints = [
            models.CheckConstraint(condition=Q(share__gt=0) & Q(share__lte=1), name="ownership_share_in_range"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="ownership_end_after_start"
            ),
        ]
        indexes = [models.Index(fields=["unit", "end"])]


class Occupancy(TimeStampedModel):
    """A tenant or household member living in a unit over a period."""

    class Kind(models.TextChoices):
        TENANT = "tenant", _("Tenant")
        HOUSEHOLD = "household", _("Household member")

    person = models.ForeignKey(Person, verbose_name=_("occupant"), on_delete=models.PROTECT, related_name="occupancies")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="occupancies")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        verbose_name = _("occupancy")
        verbose_name_plural = _("occupancies")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="occupancy_end_after_start"
            ),
        ]


class UnitClaim(TimeStampedModel):
    """A resident's claim to own or live in a unit, waiting for staff to verify it."""

    class Relation(models.TextChoices):
        OWNER = "owner", _("Owner")
        TENANT = "tenant", _("Tenant")
        HOUSEHOLD = "household", _("Household member")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    person = models.ForeignKey(Person, verbose_name=_("claimant"), on_delete=models.CASCADE, related_name="claims")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="claims")
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("unit claim")
        verbose_name_plural = _("unit claims")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "unit"], condition=Q(status="pending"), name="one_pending_claim_per_unit"
            ),
            models.CheckConstraint(condition=~Q(status="rejected") | ~Q(reason=""), name="rejection_has_reason"),
        ]


class Trade(models.Model):
    """A skill a technician has: plumbing, electrical, lift… Seeded by a migration; the company may add more."""

    key = models.SlugField(_("key"), max_length=32, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=50)
    name_en = models.CharField(_("English name"), max_length=50)

    class Meta:
        verbose_name = _("trade")
        verbose_name_plural = _("trades")
        ordering = ["key"]

    def __str__(self):
        return self.name_zh


class StaffProfile(TimeStampedModel):
    """What the company knows of a staff member's work: trades, team and on-duty hours."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="staff_profile"
    )
    team = models.CharField(_("team"), max_length=50, blank=True)
    trades = models.ManyToManyField(Trade, verbose_name=_("trades"), blank=True, related_name="staff")
    duty_days = models.JSONField(_("duty weekdays"), default=list, blank=True, help_text=_("ISO weekdays, 1 = Monday."))
    duty_start = models.TimeField(_("duty starts"), null=True, blank=True)
    duty_end = models.TimeField(_("duty ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")


class Role(models.TextChoices):
    """Roles a user can hold. Resident and admin are derived; the others are granted per estate."""

    RESIDENT = "resident", _("Resident")
    DISPATCHER = "dispatcher", _("Dispatcher")
    TECHNICIAN = "technician", _("Technician")
    MANAGER = "manager", _("Manager")
    COMMITTEE = "committee", _("Committee member")
    ADMIN = "admin", _("Administrator")


class EstateRole(TimeStampedModel):
    """A role held in one estate: the estates a staff user serves are those they hold a role in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="estate_roles"
    )
    estate = models.ForeignKey(Estate, verbose_name=_("estate"), on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(
        _("role"), max_length=16, choices=[c for c in Role.choices if c[0] not in (Role.RESIDENT, Role.ADMIN)]
    )

    class Meta:
        verbose_name = _("estate role")
        verbose_name_plural = _("estate roles")
        constraints = [models.UniqueConstraint(fields=["user", "estate", "role"], name="estate_role_unique")]


# The data-subject rights live in their own package; importing the model here registers it with the app.
from .mydata.models import DeletionRequest, ErasureLedgerEntry  # noqa: E402, F401
