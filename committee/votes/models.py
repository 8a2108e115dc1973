"""Owners' votes (业主共同决定, Civil Code art. 278): the motion, its roll frozen at announcement, the ballots and
every change to them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import AppendOnlyModel, TimeStampedModel
from core.storage import private_storage
from residents.models import Estate, Person, Unit

from ..voting import Choice


class Matter(models.IntegerChoices):
    """The nine items of art. 278; the item fixes the approval threshold."""

    RULES_OF_PROCEDURE = 1, _("1. Adopt or amend the rules of procedure (议事规则)")
    COVENANT = 2, _("2. Adopt or amend the management covenant (管理规约)")
    COMMITTEE = 3, _("3. Elect or replace committee members")
    MANAGER = 4, _("4. Hire or dismiss the property-service company")
    FUND_USE = 5, _("5. Use the maintenance fund")
    FUND_RAISE = 6, _("6. Raise the maintenance fund")
    REBUILD = 7, _("7. Rebuild or reconstruct buildings and facilities")
    COMMON_USE = 8, _("8. Change the use of common parts or run a business on them")
    OTHER = 9, _("9. Another major co-ownership matter")


class ChoiceField(models.TextChoices):
    YES = Choice.YES, _("Yes (同意)")
    NO = Choice.NO, _("No (反对)")
    ABSTAIN = Choice.ABSTAIN, _("Abstain (弃权)")


class Motion(TimeStampedModel):
    """A matter put to the owners of one estate. Drafted by the committee; the agenda is frozen when it is
    announced, and so is the roll of owners entitled to vote."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ANNOUNCED = "announced", _("Announced")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    estate = models.ForeignKey(Estate, verbose_name=_("estate"), on_delete=models.PROTECT, related_name="motions")
    matter = models.PositiveSmallIntegerField(_("matter (Civil Code art. 278)"), choices=Matter.choices)
    title = models.CharField(_("title"), max_length=200)
    agenda = models.TextField(_("agenda and proposal"), max_length=20000)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    opens_at = models.DateTimeField(_("voting opens"))
    closes_at = models.DateTimeField(_("voting closes"))
    announced_at = models.DateTimeField(_("announced at"), null=True, blank=True)
    roll_date = models.DateField(_("roll frozen on"), null=True, blank=True)
    agenda_digest = models.CharField(_("agenda digest (SHA-256)"), max_length=64, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    result = models.JSONField(_("final result"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("owners' vote")
        verbose_name_plural = _("owners' votes")
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="motion_window_ordered"),
            models.CheckConstraint(condition=Q(matter__gte=1) & Q(matter__lte=9), name="motion_matter_art_278"),
            models.CheckConstraint(
                condition=~Q(status__in=["announced", "closed"])
                | Q(announced_at__isnull=False, roll_date__isnull=False),
                name="motion_announced_has_roll",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(result__isnull=False, closed_at__isnull=False),
                name="motion_closed_has_result",
            ),
        ]
        indexes = [models.Index(fields=["status", "closes_at"])]

    def __str__(self):
        return self.title


class RollEntry(models.Model):
    """One owner (one head) on a motion's frozen roll, with the total exclusive area of their units. Co-owners
    of a unit share one entry; the developer's unsold units are one entry (SPC 2009 Art 9)."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="roll")
    key = models.CharField(_("voter"), max_length=32)
    developer = models.BooleanField(_("developer"), default=False)
    area = models.DecimalField(_("exclusive area (m²)"), max_digits=12, decimal_places=2)
    names = models.CharField(_("owners"), max_length=500)
    persons = models.ManyToManyField(Person, related_name="roll_entries", blank=True)

    class Meta:
        verbose_name = _("roll entry")
        verbose_name_plural = _("roll entries")
        constraints = [
            models.UniqueConstraint(fields=["motion", "key"], name="roll_entry_unique"),
            # the developer's units are one head (SPC 2009 Art 9): the set-based tally counts rows as heads
            models.UniqueConstraint(fields=["motion"], condition=Q(developer=True), name="roll_one_developer"),
            models.CheckConstraint(condition=Q(area__gt=0), name="roll_entry_area_positive"),
        ]


class RollUnit(models.Model):
    """A unit on the frozen roll with the area it had that day, for the export and the arithmetic shown."""

    entry = models.ForeignKey(RollEntry, on_delete=models.CASCADE, related_name="units")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("unit"), max_length=80)
    area = models.DecimalField(_("exclusive area (m²)"), max_digits=9, decimal_places=2)


class Ballot(TimeStampedModel):
    """A roll entry's one ballot. Online ballots are cast by an owner after re-confirming who they are; paper
    and proxy ballots are entered by staff with the scan attached. Fixed once the vote closes."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        PAPER = "paper", _("Paper ballot")
        PROXY = "proxy", _("Proxy ballot")

    motion = models.ForeignKey(Motion, on_delete=models.PROTECT, related_name="ballots")
    entry = models.OneToOneField(RollEntry, on_delete=models.PROTECT, related_name="ballot")
    choice = models.CharField(_("choice"), max_length=8, choices=ChoiceField.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    cast_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proxy_name = models.CharField(_("proxy's name"), max_length=100, blank=True)
    scan = models.FileField(_("scan of the ballot"), storage=private_storage, upload_to="ballots/", blank=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.CheckConstraint(condition=Q(channel="online") | ~Q(scan=""), name="ballot_on_paper_has_scan"),
            models.CheckConstraint(condition=~Q(channel="proxy") | ~Q(proxy_name=""), name="ballot_proxy_named"),
        ]


class BallotEvent(AppendOnlyModel):
    """Every ballot cast or changed, with who did it and when: the vote's append-only log."""

    motion = models.ForeignKey(Motion, on_delete=models.PROTECT, related_name="ballot_events")
    entry = models.ForeignKey(RollEntry, on_delete=models.PROTECT, related_name="+")
    choice_from = models.CharField(max_length=8, blank=True)
    choice_to = models.CharField(max_length=8)
    channel = models.CharField(max_length=8)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)


class VoteNotice(models.Model):
    """An owner told of a vote's announcement or result; unique, so a retried fan-out tells nobody twice."""

    class Kind(models.TextChoices):
        ANNOUNCED = "announced"
        RESULT = "result"

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["motion", "person", "kind"], name="vote_notice_unique")]
