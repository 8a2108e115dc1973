"""The owners' committee of an estate for one term, and its members (DOMAIN.md §2.4 Art 16, §2.5)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from residents.models import Estate, Person


class Committee(TimeStampedModel):
    """One elected committee (一届业主委员会) of an estate: election, filing (备案) and term. At most one per
    estate is current (not ended). Edited by the committee's members or an admin."""

    estate = models.ForeignKey(Estate, verbose_name=_("estate"), on_delete=models.PROTECT, related_name="committees")
    elected_on = models.DateField(_("elected on"))
    filed_on = models.DateField(_("filed with the authorities on"), null=True, blank=True)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        verbose_name = _("owners' committee")
        verbose_name_plural = _("owners' committees")
        ordering = ["-term_start", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["estate"], condition=Q(ended_on__isnull=True), name="committee_one_current_per_estate"
            ),
            models.CheckConstraint(condition=Q(term_start__lt=F("term_end")), name="committee_term_ordered"),
        ]

    def __str__(self):
        return f"{self.estate} {self.term_start:%Y}–{self.term_end:%Y}"


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    MEMBER = "member", _("Member")
    ALTERNATE = "alternate", _("Alternate member")


VOTING_ROLES = (MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.MEMBER)  # alternates do not vote or count


class Member(TimeStampedModel):
    """A person's seat on one committee, with its role and term; `ended_on` is set when they leave. Only an
    open seat (not ended) counts."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.PROTECT, related_name="members"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="committee_seats"
    )
    role = models.CharField(_("role"), max_length=16, choices=MemberRole.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    ended_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["committee", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee"], condition=Q(role="chair", ended_on__isnull=True), name="committee_one_chair"
            ),
            models.UniqueConstraint(
                fields=["committee", "person"], condition=Q(ended_on__isnull=True), name="committee_member_once"
            ),
            models.CheckConstraint(condition=Q(start__lte=F("end")), name="committee_member_term_ordered"),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"

    @property
    def votes(self) -> bool:
        return self.role in VOTING_ROLES
