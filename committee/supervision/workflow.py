"""The state table of supervision items: statuses, actions, the move each makes and who may take it. Pure data and
two lookups, no queries; services ask `transition()`.

  open → answer (the company's manager) → answered
  answered → close (the committee, satisfied) → closed
  answered → reopen (the committee, with a reason and a new deadline) → open
  answered or closed → publish (the committee): the status stays; residents see the item and its answer
  open → escalate (the system, once per deadline missed): the status stays
"Overdue" is not a status: an open item past its deadline is overdue (see `is_overdue`).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


class Status:
    OPEN = "open"
    ANSWERED = "answered"
    CLOSED = "closed"


STATUS_CHOICES = [
    (Status.OPEN, _("Awaiting the company's answer")),
    (Status.ANSWERED, _("Answered")),
    (Status.CLOSED, _("Closed")),
]
STATUS_LABELS = dict(STATUS_CHOICES)
STATUSES = tuple(key for key, _label in STATUS_CHOICES)


class Actor:
    COMMITTEE = "committee"  # committee.manage in the item's estate
    MANAGER = "manager"  # committee.answer: the company's manager
    SYSTEM = "system"  # the beat sweep


@dataclass(frozen=True)
class Move:
    sources: frozenset
    target: str | None  # None: the status stays
    actors: frozenset
    label: str
    note_required: bool = False


S, C, M = Status, frozenset({Actor.COMMITTEE}), frozenset({Actor.MANAGER})
TABLE: dict[str, Move] = {
    "answer": Move(frozenset({S.OPEN}), S.ANSWERED, M, _("Answer"), note_required=True),
    "close": Move(frozenset({S.ANSWERED}), S.CLOSED, C, _("Close: satisfied")),
    "reopen": Move(frozenset({S.ANSWERED}), S.OPEN, C, _("Reopen"), note_required=True),
    "publish": Move(frozenset({S.ANSWERED, S.CLOSED}), None, C, _("Publish to residents")),
    "escalate": Move(frozenset({S.OPEN}), None, frozenset({Actor.SYSTEM}), _("Overdue: escalated")),
}
ACTIONS = tuple(TABLE)
LABELS = {name: move.label for name, move in TABLE.items()}


class TransitionError(Exception):
    """The action is unknown, not possible from this status, or not for this actor; `reason` says which."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def transition(*, status: str, action: str, actors: set[str]) -> Move:
    """The move `action` makes from `status` for someone acting as any of `actors`; raises TransitionError."""
    move = TABLE.get(action)
    if move is None:
        raise TransitionError("unknown_action")
    if status not in move.sources:
        raise TransitionError("wrong_status")
    if not (move.actors & set(actors)):
        raise TransitionError("wrong_actor")
    return move


def actions_for(*, status: str, actors: set[str]) -> list[str]:
    """Actions open to these actors now, in table order (buttons and the API); the system's are left out."""
    return [name for name, m in TABLE.items() if status in m.sources and m.actors & set(actors) and name != "escalate"]


def is_overdue(*, status: str, answer_due, now) -> bool:
    """An item waiting for the company's answer past its deadline."""
    return status == Status.OPEN and answer_due < now
