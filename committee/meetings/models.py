"""Committee meetings: agenda, attendance, minutes, and each agenda item's decision with the members' votes
(DOMAIN.md §2.5). Written only through committee.meetings.services."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from residents.models import Estate

from ..members.models import Committee, Member
from .workflow import STATUS_CHOICES, Status


class Meeting(TimeStampedModel):
    """One meeting of an estate's committee. `voting_members` and `quorate` are fixed when it is recorded as
    held: the count of all voting members then is what quorum and every decision are measured against."""

    estate = models.ForeignKey(Estate, verbose_name=_("estate"), on_delete=models.PROTECT,
                               related_name="committee_meetings")  # fmt: skip
    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.PROTECT,
                                  related_name="meetings")  # fmt: skip
    title = models.CharField(_("title"), max_length=120)
    scheduled_at = models.DateTimeField(_("scheduled for"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=STATUS_CHOICES, default=Status.DRAFT)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    voting_members = models.PositiveSmallIntegerField(_("voting members"), null=True, blank=True)
    quorate = models.BooleanField(_("quorate"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    approved_at = models.DateTimeField(_("minutes approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("minutes approved by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
        ordering = ["-scheduled_at", "-id"]
        indexes = [models.Index(fields=["estate", "status", "scheduled_at"])]

    def __str__(self):
        return self.title


class AgendaItem(models.Model):
    """A matter on the agenda; with `needs_decision` the present members vote on its resolution."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("matter"), max_length=200)
    needs_decision = models.BooleanField(_("to be decided"), default=True)
    resolution = models.TextField(_("resolution"), blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [models.UniqueConstraint(fields=["meeting", "position"], name="agenda_item_position_unique")]

    def __str__(self):
        return self.title


class Attendance(models.Model):
    """A voting member present at a meeting (in person: there are no proxies)."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE,
                                related_name="attendance")  # fmt: skip
    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once")]


class Choice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class Vote(models.Model):
    """A present member's vote on one agenda item's resolution."""

    item = models.ForeignKey(AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE,
                             related_name="votes")  # fmt: skip
    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("vote"), max_length=8, choices=Choice.choices)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="committee_vote_once")]
