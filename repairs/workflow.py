"""The work order's state table: statuses, actions, the moves each action makes and who may take it.

Pure data and two lookups, no queries: services ask `transition()` and record what it returns.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


class Status:
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    MERGED = "merged"
    ASSIGNED = "assigned"
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    ON_HOLD = "on_hold"
    COMPLETED = "completed"
    CONFIRMED = "confirmed"
    CLOSED = "closed"
    CANCELLED = "cancelled"
    JOINED = "joined"  # part of an outage already being handled (repairs.models.Incident)


STATUS_CHOICES = [
    (Status.SUBMITTED, _("Submitted")),
    (Status.ACCEPTED, _("Accepted")),
    (Status.REJECTED, _("Rejected")),
    (Status.MERGED, _("Merged into another order")),
    (Status.ASSIGNED, _("Assigned")),
    (Status.SCHEDULED, _("Scheduled")),
    (Status.IN_PROGRESS, _("In progress")),
    (Status.ON_HOLD, _("On hold")),
    (Status.COMPLETED, _("Completed")),
    (Status.CONFIRMED, _("Confirmed")),
    (Status.CLOSED, _("Closed")),
    (Status.CANCELLED, _("Cancelled")),
    (Status.JOINED, _("Part of a known outage")),
]
OPEN_STATUSES = frozenset(
    {Status.SUBMITTED, Status.ACCEPTED, Status.ASSIGNED, Status.SCHEDULED, Status.IN_PROGRESS, Status.ON_HOLD}
)
FINAL_STATUSES = frozenset({Status.REJECTED, Status.MERGED, Status.CLOSED, Status.CANCELLED, Status.JOINED})
BEFORE_WORK = frozenset({Status.SUBMITTED, Status.ACCEPTED, Status.ASSIGNED, Status.SCHEDULED})


class Actor:
    """How the acting user relates to the order (decided by the service from roles and the order)."""

    REPORTER = "reporter"  # the resident who filed it, or a member of that household
    ASSIGNEE = "assignee"  # the technician it is assigned to
    DISPATCHER = "dispatcher"
    MANAGER = "manager"
    SYSTEM = "system"  # Celery beat: auto-confirmation, closing, planned maintenance; filing: joining an outage
    # the owners' committee, only through its spot check of finished work (never an ordinary button)
    COMMITTEE = "committee"


STAFF = frozenset({Actor.DISPATCHER, Actor.MANAGER})


@dataclass(frozen=True)
class Move:
    sources: frozenset
    target: str | None  # None: the status stays (e.g. a reassignment keeps "assigned")
    actors: frozenset
    label: str
    note_required: bool = False
    visible_to_resident: bool = True


TABLE: dict[str, Move] = {
    "accept": Move(  # the system accepts the orders it generates from maintenance plans
        frozenset({Status.SUBMITTED}), Status.ACCEPTED, STAFF | {Actor.SYSTEM}, _("Accept"),
    ),
    "reject": Move(frozenset({Status.SUBMITTED}), Status.REJECTED, STAFF, _("Reject"), note_required=True),
    "merge": Move(frozenset({Status.SUBMITTED, Status.ACCEPTED}), Status.MERGED, STAFF, _("Merge as duplicate")),
    # a new report covered by an open outage joins it at once instead of waiting in the queue
    "join_incident": Move(
        frozenset({Status.SUBMITTED}), Status.JOINED, frozenset({Actor.SYSTEM}), _("Joined a known outage")
    ),
    "assign": Move(  # the system assigns where the estate enables automatic dispatch
        frozenset({Status.ACCEPTED, Status.ASSIGNED, Status.SCHEDULED}), Status.ASSIGNED, STAFF | {Actor.SYSTEM},
        _("Assign"),
    ),
    "schedule": Move(
        frozenset({Status.ASSIGNED, Status.SCHEDULED}), Status.SCHEDULED, STAFF | {Actor.ASSIGNEE}, _("Schedule")
    ),
    "start": Move(
        frozenset({Status.ASSIGNED, Status.SCHEDULED}), Status.IN_PROGRESS, frozenset({Actor.ASSIGNEE}),
        _("Arrived, start work"),
    ),
    "hold": Move(
        frozenset({Status.IN_PROGRESS}), Status.ON_HOLD, STAFF | {Actor.ASSIGNEE}, _("Put on hold"),
        note_required=True,
    ),
    "resume": Move(frozenset({Status.ON_HOLD}), Status.IN_PROGRESS, STAFF | {Actor.ASSIGNEE}, _("Resume work")),
    "complete": Move(
        frozenset({Status.IN_PROGRESS}), Status.COMPLETED, frozenset({Actor.ASSIGNEE}), _("Complete"),
        note_required=True,
    ),
    "confirm": Move(frozenset({Status.COMPLETED}), Status.CONFIRMED, frozenset({Actor.REPORTER}), _("Confirm the fix")),
    "auto_confirm": Move(
        frozenset({Status.COMPLETED}), Status.CONFIRMED, frozenset({Actor.SYSTEM}), _("Confirmed automatically")
    ),
    "reopen": Move(
        frozenset({Status.COMPLETED, Status.CONFIRMED}), Status.ACCEPTED, frozenset({Actor.REPORTER}) | STAFF,
        _("Reopen"), note_required=True,
    ),
    # a spot check found the fix not done: back to assignment, even once closed and past the reopen window
    "committee_reopen": Move(
        frozenset({Status.COMPLETED, Status.CONFIRMED, Status.CLOSED}), Status.ACCEPTED, frozenset({Actor.COMMITTEE}),
        _("Reopen on the committee's spot check"), note_required=True,
    ),
    "close": Move(frozenset({Status.CONFIRMED}), Status.CLOSED, STAFF | {Actor.SYSTEM}, _("Close")),
    "cancel": Move(BEFORE_WORK, Status.CANCELLED, frozenset({Actor.REPORTER}) | STAFF, _("Cancel")),
}  # fmt: skip


# What a recorded event is called on a timeline (pages and API): the state table's moves, then the steps other
# modules record without a move (filing, quotes, photos, checklists, 催单, 回访, SLA escalation). The one place.
EVENT_LABELS = {
    "submit": _("Submitted"),
    "accept": _("Accepted"),
    "reject": _("Rejected"),
    "merge": _("Merged into another order"),
    "join_incident": _("Joined a known outage"),
    "assign": _("Assigned"),
    "schedule": _("Scheduled"),
    "start": _("Arrived, work started"),
    "hold": _("Put on hold"),
    "resume": _("Work resumed"),
    "complete": _("Completed"),
    "confirm": _("Fix confirmed by the resident"),
    "auto_confirm": _("Confirmed automatically"),
    "reopen": _("Reopened"),
    "committee_reopen": _("Reopened: the owners' committee's spot check found it not fixed"),
    "close": _("Closed"),
    "cancel": _("Cancelled"),
    "quote": _("Quote sent"),
    "quote_accepted": _("Quote accepted"),
    "quote_declined": _("Quote declined"),
    "charge_paid": _("Payment recorded"),
    "photo": _("Photo added"),
    "checklist_done": _("Checklist item ticked"),
    "checklist_undone": _("Checklist item unticked"),
    "press": _("Resident pressed for progress (催单)"),
    "follow_up": _("Follow-up call recorded (回访)"),
    "sla_warning": _("Deadline near: dispatcher warned"),
    "sla_breach": _("Deadline missed: escalated to the manager"),
    "sla_committee": _("Deadline missed: shown to the owners' committee"),
}
STATUS_LABELS = dict(STATUS_CHOICES)


def event_label(action: str) -> str:
    """The translated timeline label of an event's action (the code itself for one no longer recorded)."""
    return str(EVENT_LABELS.get(action, action))


def status_label(status: str) -> str:
    """The translated label of a status ("" for none)."""
    return str(STATUS_LABELS.get(status, status))


class TransitionError(Exception):
    """The action is unknown, not allowed from this status, or not allowed to this actor."""

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
    """Actions open to these actors from this status, in table order (for buttons and the API)."""
    return [name for name, move in TABLE.items() if status in move.sources and move.actors & set(actors)]
