"""The owners' vote's state table: which action each status allows and where it leads. No queries.

Ballots are not in the table: they follow from the status and the clock (`ballots_open`)."""

from .models import Motion

S = Motion.Status
MOVES = {
    ("edit", S.DRAFT): S.DRAFT,
    ("announce", S.DRAFT): S.ANNOUNCED,
    ("cancel", S.DRAFT): S.CANCELLED,
    ("cancel", S.ANNOUNCED): S.CANCELLED,  # only before voting opens: see services.motion_cancel
    ("close", S.ANNOUNCED): S.CLOSED,  # only once the window has ended: see services.motion_close
}
ACTIONS = frozenset(action for action, _ in MOVES)


def next_status(action: str, status: str) -> str | None:
    """The status `action` leads to from `status`, or None when it is not allowed."""
    return MOVES.get((action, status))


def ballots_open(status: str, opens_at, closes_at, now) -> bool:
    """Owners may cast or change ballots only while an announced vote's window is running."""
    return status == S.ANNOUNCED and opens_at <= now < closes_at
