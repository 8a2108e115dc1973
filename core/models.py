"""Shared kernel models: the base model, the append-only audit log, in-app notifications and the outbox."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Abstract base: creation and last-change times."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AppendOnlyQuerySet(models.QuerySet):
    """Refuses bulk changes, which bypass Model.save() and Model.delete()."""

    def update(self, **kwargs):
        raise PermissionError(f"{self.model._meta.label} rows are append-only")

    def delete(self):
        raise PermissionError(f"{self.model._meta.label} rows are append-only")


class AppendOnlyModel(models.Model):
    """Abstract base for records written once and never changed: audit rows, work-order events."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError(f"{self._meta.label} rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(f"{self._meta.label} rows are append-only")


class AuditEvent(AppendOnlyModel):
    """One security-relevant fact: a login, a denial, an export, a change to people or ownership.

    Append-only: the model refuses updates and deletes, and on PostgreSQL a trigger refuses them too.
    Written only through core.audit.audit_record.
    """

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    # No database constraint and no cascade: deleting (erasing) a user must not rewrite the append-only log,
    # which keeps the bare id.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    estate_id = models.BigIntegerField(_("estate id"), null=True, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]


class Notification(models.Model):
    """An in-app message for one user, shown in their inbox."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notifications"
    )
    event_key = models.CharField(_("event key"), max_length=128)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["event_key", "recipient"], name="notification_once_per_event"),
        ]


class Channel(models.TextChoices):
    IN_APP = "in_app", _("In-app")
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")
    WECHAT = "wechat", _("WeChat")


class OutboxMessage(models.Model):
    """A message to deliver, written in the same transaction as the change that caused it.

    Unique per (event, channel, recipient), so a retried or redelivered task never sends twice.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    event_key = models.CharField(_("event key"), max_length=128)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="+"
    )
    address = models.CharField(_("address"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        constraints = [
            models.UniqueConstraint(
                fields=["event_key", "channel", "recipient"], name="outbox_once_per_event_channel_recipient"
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]


class LegalHold(models.Model):
    """A legal hold on one object (an estate, an account, a work order): while it is active, the retention purge
    keeps every row that points at it (PIPL Art. 47: data under a hold is only stored and secured, not deleted).

    Placed and released by an administrator through `manage.py legal_hold` (core.holds), each change audited.
    """

    object_type = models.CharField(_("object type"), max_length=64)  # a model label, "residents.estate"
    object_id = models.CharField(_("object id"), max_length=64)
    reason = models.CharField(_("reason"), max_length=500)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("placed by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    placed_at = models.DateTimeField(_("placed at"), auto_now_add=True)
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        ordering = ["-placed_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="legal_hold_object")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="legal_hold_has_reason"),
        ]
