"""The 'my complaints and suggestions' panel of the resident's home page (registered in FeedbackConfig.ready)."""

from residents.dashboard import Panel

from .selectors import complaints_for_resident
from .workflow import OPEN_STATUSES, STATUS_LABELS

SHOWN = 5


def my_complaints_panel(user) -> Panel | None:
    """What the user filed lately with its status, newest first; nothing when they filed none. One query."""
    items = list(
        complaints_for_resident(user=user).select_related(None).only("id", "title", "status", "received_at")
        .order_by("-received_at", "-id")[:SHOWN]
    )  # fmt: skip
    for item in items:
        item.status_label = STATUS_LABELS[item.status]
        item.is_open = item.status in OPEN_STATUSES
    return Panel("feedback/complaints/_panel.html", {"complaints": items}) if items else None
