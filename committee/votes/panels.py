"""The 'owners' votes open to you' panel on the resident's home page (residents.dashboard)."""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from residents.dashboard import Panel

from .models import Ballot, Motion, RollEntry


def votes_open_panel(user) -> Panel | None:
    """Votes now running in which the user is on the roll, with whether their home has voted; nothing when
    none runs."""
    if not user.is_authenticated or not hasattr(user, "person"):
        return None
    now = timezone.now()
    entries = (
        RollEntry.objects.filter(persons=user.person, motion__status=Motion.Status.ANNOUNCED,
                                 motion__opens_at__lte=now, motion__closes_at__gt=now)
        .annotate(voted=Exists(Ballot.objects.filter(entry=OuterRef("pk"))))
        .select_related("motion")
        .order_by("motion__closes_at")
    )  # fmt: skip
    rows = [{"motion": entry.motion, "voted": entry.voted} for entry in entries]
    return Panel("committee/votes/_panel.html", {"votes": rows}) if rows else None
