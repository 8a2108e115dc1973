"""The committee meeting's state table: statuses, actions and the move each makes. Pure data and one lookup, no
queries; the services ask `transition()`.

  draft → hold (attendance, votes and minutes recorded) → held → approve (minutes) → approved → publish → published
  draft → cancel → cancelled
The agenda changes only in draft; the minutes only while held: approved minutes are immutable.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


class Status:
    DRAFT = "draft"
    HELD = "held"
    APPROVED = "approved"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


STATUS_CHOICES = [
    (Status.DRAFT, _("Planned")),
    (Status.HELD, _("Held: minutes to approve")),
    (Status.APPROVED, _("Minutes approved")),
    (Status.PUBLISHED, _("Minutes published")),
    (Status.CANCELLED, _("Cancelled")),
]
STATUS_LABELS = dict(STATUS_CHOICES)
AWAITING_PUBLICATION = frozenset({Status.HELD, Status.APPROVED})


@dataclass(frozen=True)
class Move:
    sources: frozenset
    target: str
    label: str


TABLE: dict[str, Move] = {
    "hold": Move(frozenset({Status.DRAFT}), Status.HELD, _("Record the meeting")),
    "edit_minutes": Move(frozenset({Status.HELD}), Status.HELD, _("Edit the minutes")),
    "approve": Move(frozenset({Status.HELD}), Status.APPROVED, _("Approve the minutes")),
    "publish": Move(frozenset({Status.APPROVED}), Status.PUBLISHED, _("Publish the minutes to residents")),
    "cancel": Move(frozenset({Status.DRAFT}), Status.CANCELLED, _("Cancel the meeting")),
}


class TransitionError(Exception):
    """The action is unknown or not possible from this status."""


def transition(*, status: str, action: str) -> Move:
    """The move `action` makes from `status`; raises TransitionError."""
    move = TABLE.get(action)
    if move is None or status not in move.sources:
        raise TransitionError(action)
    return move


def actions_for(status: str) -> list[str]:
    """Actions possible now, in table order (for buttons and the API)."""
    return [action for action, move in TABLE.items() if status in move.sources]
