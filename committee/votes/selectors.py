"""Reads of owners' votes, scoped to what the user may see; out of scope is not found."""

from django.db.models import Q
from django.utils import timezone

from residents import access
from residents.models import Unit

from .. import voting
from . import workflow
from .models import Ballot, Motion, RollEntry
from .present import result_from_json
from .services import roll_counts

PUBLIC = (Motion.Status.ANNOUNCED, Motion.Status.CLOSED, Motion.Status.CANCELLED)


def motions_for_committee(*, user):
    """Every vote of the estates where the user sits on the committee (drafts included)."""
    return access.scope_by_estate(Motion.objects.select_related("estate"), user, "committee.view")


def motions_for_paper_ballots(*, user):
    """Announced votes of the estates where the user may enter paper ballots."""
    qs = Motion.objects.filter(status=Motion.Status.ANNOUNCED).select_related("estate")
    return access.scope_by_estate(qs, user, "votes.paper")


def motions_for_resident(*, user):
    """Announced, closed and cancelled votes of the estates the user lives in or owns a unit in. A draft the
    committee cancelled was never announced and stays the committee's own."""
    estates = Unit.objects.filter(pk__in=access.resident_unit_ids(user)).values("estate_id")
    announced = Q(status__in=PUBLIC) & ~Q(status=Motion.Status.CANCELLED, announced_at__isnull=True)
    return Motion.objects.filter(announced, estate_id__in=estates).select_related("estate")


def results_published(*, estate_id: int):
    """The estate's closed votes, newest first: each closes with its final result, published to the owners."""
    closed = Motion.objects.filter(estate_id=estate_id, status=Motion.Status.CLOSED)
    return closed.order_by("-closed_at", "-id")


def live_tally(*, motion: Motion) -> voting.Result | None:
    """The tally so far against the thresholds (the stored result once closed); None before announcement."""
    if motion.status == Motion.Status.CLOSED:
        return result_from_json(motion.result)
    if motion.status != Motion.Status.ANNOUNCED:
        return None
    return voting.decide(roll_counts(motion.pk), motion.matter)


def my_ballot(*, motion: Motion, user) -> tuple[RollEntry | None, Ballot | None]:
    """The user's roll entry for the vote and its ballot, if any."""
    entry = RollEntry.objects.filter(motion=motion, persons__user=user).first()
    ballot = Ballot.objects.filter(entry=entry).first() if entry else None
    return entry, ballot


def roll_summary(*, motion: Motion) -> dict:
    """How many heads and units the roll holds and how many of them are the developer's."""
    entries = RollEntry.objects.filter(motion=motion)
    return {
        "heads": entries.count(),
        "developer_units": entries.filter(developer=True).values("units").count(),
        "ballots": Ballot.objects.filter(motion=motion).count(),
    }


def is_open(*, motion: Motion, now=None) -> bool:
    """Whether ballots may be cast now."""
    return workflow.ballots_open(motion.status, motion.opens_at, motion.closes_at, now or timezone.now())
