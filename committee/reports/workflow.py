"""The service-quality report's state table: generated (may be regenerated) → approved → published.

Pure data and one lookup, no queries: reports.services asks `transition()` and records what it returns.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


class Status:
    GENERATED = "generated"
    APPROVED = "approved"
    PUBLISHED = "published"


STATUS_CHOICES = [
    (Status.GENERATED, _("Generated, awaiting approval")),
    (Status.APPROVED, _("Approved by the committee")),
    (Status.PUBLISHED, _("Published to residents")),
]


@dataclass(frozen=True)
class Move:
    sources: frozenset
    target: str
    label: str


TABLE: dict[str, Move] = {
    # the figures are worked out again from the data as it is now; only while nobody has approved them
    "regenerate": Move(frozenset({Status.GENERATED}), Status.GENERATED, _("Regenerate")),
    "approve": Move(frozenset({Status.GENERATED}), Status.APPROVED, _("Approve")),
    "publish": Move(frozenset({Status.APPROVED}), Status.PUBLISHED, _("Publish to residents")),
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
    return [name for name, move in TABLE.items() if status in move.sources]
