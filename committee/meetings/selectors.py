"""Reads for committee meetings: the committee's list and detail, the publication deadline and what is overdue,
and the published minutes residents read."""

from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ..selectors import rules_for
from .models import AgendaItem, Attendance, Meeting, Vote
from .workflow import AWAITING_PUBLICATION, Status


def meetings_of_estate(*, estate_id: int):
    """The estate's meetings, newest first, with their agenda size."""
    return Meeting.objects.filter(estate_id=estate_id).annotate(items=Count("agenda")).order_by("-scheduled_at", "-id")


def _detailed(meetings):
    votes = Vote.objects.select_related("member__person").order_by("member__person__full_name", "pk")
    agenda = AgendaItem.objects.prefetch_related(Prefetch("votes", queryset=votes)).annotate(
        votes_for=Count("votes", filter=Q(votes__choice="for")),
        votes_against=Count("votes", filter=Q(votes__choice="against")),
        votes_abstain=Count("votes", filter=Q(votes__choice="abstain")),
    )
    present = Attendance.objects.select_related("member__person").order_by("member__person__full_name")
    return meetings.select_related("committee").prefetch_related(
        Prefetch("agenda", queryset=agenda.order_by("position")), Prefetch("attendance", queryset=present)
    )


def meeting_in_estate(*, estate_id: int, meeting_id: int) -> Meeting:
    """One meeting of the estate with its agenda, votes and attendance; Http404 when it is another estate's."""
    return get_object_or_404(_detailed(Meeting.objects.filter(estate_id=estate_id)), pk=meeting_id)


def published_minutes(*, estate_id: int):
    """The minutes published to the estate's residents, newest first."""
    return Meeting.objects.filter(estate_id=estate_id, status=Status.PUBLISHED).order_by("-held_on", "-id")


def published_meeting(*, estate_id: int, meeting_id: int) -> Meeting:
    return get_object_or_404(_detailed(published_minutes(estate_id=estate_id)), pk=meeting_id)


def publish_deadline(meeting: Meeting, publish_days: int) -> date | None:
    """The day by which a held meeting's minutes are to be published (held on + publish_days)."""
    return meeting.held_on + timedelta(days=publish_days) if meeting.held_on else None


def overdue_meetings(*, estate_id: int, today: date | None = None) -> list[Meeting]:
    """Held meetings whose minutes are past the publication deadline and not yet published."""
    days = rules_for(estate_id=estate_id).publish_days
    latest = (today or timezone.localdate()) - timedelta(days=days)
    waiting = Meeting.objects.filter(estate_id=estate_id, status__in=AWAITING_PUBLICATION, held_on__lt=latest)
    return list(waiting.order_by("held_on", "pk"))
