"""The 'owners' votes open to you' panel on the resident's home page (residents.dashboard)."""

from django.utils import timezone

from residents.dashboard import Panel

from .models import Ballot, Motion, RollEntry


def votes_open_panel(user) -> Panel | None:
    """Votes now running in which the user is on the roll, with whether their home has voted; nothing when
    none runs."""
    if not user.is_authenticated or not hasattr(user, "person"):
        return None
    now = timezone.now()
    entries = RollEntry.objects.filter(
        persons=user.person, motion__status=Motion.Status.ANNOUNCED, motion__opens_at__lte=now,
        motion__closes_at__gt=now,
    ).select_related("motion")  # fmt: skip
    votes = [(entry.motion, entry.pk) for entry in entries.order_by("motion__closes_at")]
    if not votes:
        return None
    voted = set(Ballot.objects.filter(entry_id__in=[pk for _, pk in votes]).values_list("entry_id", flat=True))
    rows = [{"motion": motion, "voted": pk in voted} for motion, pk in votes]
    return Panel("committee/votes/_panel.html", {"votes": rows})
