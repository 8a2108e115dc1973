"""A staff member's public reply to one survey response. The resident sees it with their answered survey; it names
the role the author replied in, never the person, like the public steps of a complaint."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import AppendOnlyModel
from feedback.models.surveys import Response
from residents.models import Role

BODY_MAX = 2000


class ResponseReply(AppendOnlyModel):
    """One reply per response, never edited: what a resident was told stays what they were told."""

    class AuthorRole(models.TextChoices):
        DISPATCHER = Role.DISPATCHER.value, Role.DISPATCHER.label
        MANAGER = Role.MANAGER.value, Role.MANAGER.label
        ADMIN = Role.ADMIN.value, Role.ADMIN.label

    response = models.OneToOneField(
        Response, verbose_name=_("survey response"), on_delete=models.PROTECT, related_name="reply"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("replied by"), on_delete=models.PROTECT, related_name="+"
    )
    author_role = models.CharField(_("replied as"), max_length=16, choices=AuthorRole.choices)
    body = models.TextField(_("reply"), max_length=BODY_MAX)
    created_at = models.DateTimeField(_("replied at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reply to a rating")
        verbose_name_plural = _("replies to ratings")
        constraints = [models.CheckConstraint(condition=~models.Q(body=""), name="response_reply_body_not_empty")]

    def __str__(self):
        return f"reply to response #{self.response_id}"
