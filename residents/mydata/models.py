"""A resident's request to erase their account, decided by staff, and the ledger of erasures carried out
(imported by residents/models.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import AppendOnlyModel, TimeStampedModel


class DeletionRequest(TimeStampedModel):
    """One request to erase a person's account; at most one open at a time. Kept after erasure, pointing at the
    anonymised person, as the record that the request was handled (PIPL Art. 50)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for the property office")
        ERASED = "erased", _("Carried out")
        REFUSED = "refused", _("Refused")

    person = models.ForeignKey(
        "residents.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="deletion_requests"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    refusal_reason = models.CharField(_("reason for refusal"), max_length=500, blank=True)
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
        app_label = "residents"
        verbose_name = _("deletion request")
        verbose_name_plural = _("deletion requests")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=Q(status="open"), name="one_open_deletion_request"),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reason=""), name="refused_deletion_has_reason"
            ),
        ]


class ErasureLedgerEntry(AppendOnlyModel):
    """One erasure carried out, by ids and time only: no personal data. Written in the erasure's transaction and
    re-applied after a restore (ledger.py), so a backup taken before the erasure never brings the person back.

    Bare ids, not foreign keys: a restored database may lack the account (created after its backup), and the entry
    must still be recorded there. Append-only: the model refuses changes, and on PostgreSQL a trigger does too."""

    user_id = models.BigIntegerField(_("account id"), db_index=True)
    person_id = models.BigIntegerField(_("person id"))
    deletion_request_id = models.BigIntegerField(_("deletion request id"), null=True, blank=True)
    actor_id = models.BigIntegerField(_("erased by (account id)"), null=True, blank=True)
    erased_at = models.DateTimeField(_("erased at"), default=timezone.now)

    class Meta:
        app_label = "residents"
        verbose_name = _("erasure ledger entry")
        verbose_name_plural = _("erasure ledger entries")
        ordering = ["erased_at", "id"]
