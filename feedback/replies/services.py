"""Replying to a rating: one public reply per survey response, written once, audited, and sent to the resident."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audit_record
from core.errors import Conflict
from residents.models import EstateRole, Role
from residents.notify import notify_user

from .models import BODY_MAX, ResponseReply
from .selectors import responses_for_staff

_REPLIED = gettext_lazy("The property company replied to your rating #%(id)s")


def _role_in(actor, estate_id: int) -> str:
    """The role shown to the resident: the most senior one the author holds in the estate."""
    held = set(EstateRole.objects.filter(user=actor, estate_id=estate_id).values_list("role", flat=True))
    for role in (Role.MANAGER, Role.DISPATCHER):
        if role in held:
            return role
    return Role.ADMIN  # reached only by an administrator without a role in the estate (the scope let them in)


@transaction.atomic
def reply_to_response(*, response_id: int, actor, body: str, request=None) -> ResponseReply:
    """Answer a rating publicly. A response outside the actor's estates is not found (Http404); an empty or
    overlong body is a ValidationError on "body"; a second reply is a Conflict. Nothing is half-saved."""
    response = (
        responses_for_staff(user=actor).select_for_update(of=("self",)).select_related("survey").filter(pk=response_id)
    ).first()
    if response is None:
        raise Http404
    text = (body or "").strip()
    if not text or len(text) > BODY_MAX:
        raise ValidationError({"body": [_("Write a reply (at most 2,000 characters).")]})
    if ResponseReply.objects.filter(response=response).exists():
        raise Conflict(_("This rating already has a reply; a reply cannot be changed."))
    reply = ResponseReply.objects.create(
        response=response, author=actor, author_role=_role_in(actor, response.estate_id), body=text
    )
    audit_record(action="survey_response.reply", actor=actor, obj=reply, estate_id=response.estate_id,
                 request=request, response_id=response.pk)  # fmt: skip
    survey = response.survey
    link = reverse("feedback-survey", args=[survey.pk])
    notify_user(user=survey.recipient, event_key=f"survey_response.{response.pk}.reply", subject=_REPLIED,
                body=text[:500], link=link, params={"id": survey.pk})  # fmt: skip
    return reply
