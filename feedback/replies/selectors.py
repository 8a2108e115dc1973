"""What staff read: the ratings worth answering in their estates; what a resident reads: the reply to theirs."""

from django.db.models import Q

from feedback.models import Response
from residents import access

from .models import ResponseReply

CAPABILITY = "complaints.handle"  # the people who answer complaints answer ratings too (dispatchers, managers)
LOW_CSAT = 3  # "neutral" and below on the 1–5 scale: someone was not satisfied


def responses_for_staff(*, user):
    """Responses in the user's estates, whatever their content (the service scopes replies with this)."""
    return access.scope_by_estate(Response.objects.all(), user, CAPABILITY)


def responses_to_answer(*, user):
    """Responses with a comment or a low satisfaction rating in the user's estates, newest first, each with its
    estate, survey (for its work order) and reply loaded, so a page costs a fixed number of queries."""
    worth = ~Q(comment="") | Q(csat__lte=LOW_CSAT)
    return (
        responses_for_staff(user=user)
        .filter(worth)
        .select_related("estate", "survey", "reply")
        .order_by("-submitted_at", "-id")
    )


def reply_for_survey(*, survey_id: int) -> ResponseReply | None:
    """The staff reply to the response of this survey, if any (callers have already checked it is theirs)."""
    return ResponseReply.objects.filter(response__survey_id=survey_id).first()
