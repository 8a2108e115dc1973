"""The state table of complaints, suggestions and praise (投诉 / 建议 / 表扬): statuses, actions, the move each
action makes and who may take it. Pure data and two lookups, no queries; services ask `transition()`.

A move depends on two facts besides the status:
- the *route*: who handles the item now. `company` (the property company's dispatchers and managers) or
  `committee` (the owners' committee, for an item addressed to it that it has not forwarded to the company);
- the *track*: complaints take the full flow; praise and suggestions a short one.

Complaint, company route:
  received → acknowledge → acknowledged → investigate → investigating → answer → answered
  answered → accept (resident) → closed
  answered → reject (resident, with a reason) → escalated: the estate's manager answers again (manager_answer)
  manager_answered → accept → closed | reject → committee_review: the committee sees it and concludes → closed
Complaint, committee route (addressed to the committee, about the company itself; staff do not see it):
  the committee acknowledges, investigates and answers as the company would, or forwards it at any open step:
  forward → received on the company route (the company sees it from then on; the committee still follows it).
  A resident rejecting the committee's answer sends it to committee_review (no manager above the committee), from
  where the committee concludes or forwards it.
Praise and suggestions (either route): answering closes them (a thank-you or a considered reply needs no
  acceptance), so they never escalate; they may be acknowledged and investigated first.
Any open item: the resident may withdraw it; handlers may add public replies (`reply`, the status stays).
An answer left without a reply for the estate's auto-close days is closed by the system (`auto_close`).
Answering from `received` is allowed: an answer is an acknowledgement too.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


class Status:
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    INVESTIGATING = "investigating"
    ANSWERED = "answered"
    ESCALATED = "escalated"  # the resident rejected the answer: the manager answers again
    MANAGER_ANSWERED = "manager_answered"
    COMMITTEE_REVIEW = "committee_review"  # rejected again (or the committee's own answer rejected)
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


STATUS_CHOICES = [
    (Status.RECEIVED, _("Received")),
    (Status.ACKNOWLEDGED, _("Acknowledged")),
    (Status.INVESTIGATING, _("Being looked into")),
    (Status.ANSWERED, _("Answered")),
    (Status.ESCALATED, _("Escalated to the manager")),
    (Status.MANAGER_ANSWERED, _("Answered by the manager")),
    (Status.COMMITTEE_REVIEW, _("Under the owners' committee's review")),
    (Status.CLOSED, _("Closed")),
    (Status.WITHDRAWN, _("Withdrawn")),
]
STATUS_LABELS = dict(STATUS_CHOICES)
FINAL_STATUSES = frozenset({Status.CLOSED, Status.WITHDRAWN})
OPEN_STATUSES = frozenset(s for s, _label in STATUS_CHOICES) - FINAL_STATUSES
BEFORE_ANSWER = frozenset({Status.RECEIVED, Status.ACKNOWLEDGED, Status.INVESTIGATING})
AWAITING_RESIDENT = frozenset({Status.ANSWERED, Status.MANAGER_ANSWERED})


class Route:
    COMPANY = "company"
    COMMITTEE = "committee"


BOTH_ROUTES = frozenset({Route.COMPANY, Route.COMMITTEE})


class Track:
    COMPLAINT = "complaint"
    SHORT = "short"  # praise and suggestions


BOTH_TRACKS = frozenset({Track.COMPLAINT, Track.SHORT})


class Actor:
    """How the acting user relates to the item (decided by the service from roles and the item)."""

    RESIDENT = "resident"  # the person who filed it (never their household: a complaint is personal)
    HANDLER = "handler"  # company route: dispatchers and managers; committee route: the committee
    MANAGER = "manager"  # company route only
    COMMITTEE = "committee"  # committee members, once the item is visible to the committee
    SYSTEM = "system"


@dataclass(frozen=True)
class Move:
    action: str
    sources: frozenset
    target: str | None  # None: the status stays (a public reply)
    actors: frozenset
    label: str
    routes: frozenset = BOTH_ROUTES
    tracks: frozenset = BOTH_TRACKS
    note_required: bool = False


R, H, M, C, SYS = Actor.RESIDENT, Actor.HANDLER, Actor.MANAGER, Actor.COMMITTEE, Actor.SYSTEM
S = Status
_C, _SH = frozenset({Track.COMPLAINT}), frozenset({Track.SHORT})
_COMPANY, _COMMITTEE = frozenset({Route.COMPANY}), frozenset({Route.COMMITTEE})

TABLE: tuple[Move, ...] = (
    Move("acknowledge", frozenset({S.RECEIVED}), S.ACKNOWLEDGED, frozenset({H}), _("Acknowledge")),
    Move("investigate", frozenset({S.ACKNOWLEDGED}), S.INVESTIGATING, frozenset({H}), _("Start looking into it")),
    Move("answer", BEFORE_ANSWER, S.ANSWERED, frozenset({H}), _("Answer"), tracks=_C, note_required=True),
    Move("answer", BEFORE_ANSWER, S.CLOSED, frozenset({H}), _("Answer and close"), tracks=_SH, note_required=True),
    Move("reply", OPEN_STATUSES, None, frozenset({H, M}), _("Reply publicly"), note_required=True),
    Move("accept", AWAITING_RESIDENT, S.CLOSED, frozenset({R}), _("Accept the answer"), tracks=_C),
    Move("reject", frozenset({S.ANSWERED}), S.ESCALATED, frozenset({R}), _("Reject the answer"), routes=_COMPANY,
         tracks=_C, note_required=True),
    Move("reject", frozenset({S.ANSWERED}), S.COMMITTEE_REVIEW, frozenset({R}), _("Reject the answer"),
         routes=_COMMITTEE, tracks=_C, note_required=True),
    Move("reject", frozenset({S.MANAGER_ANSWERED}), S.COMMITTEE_REVIEW, frozenset({R}), _("Reject the answer"),
         routes=_COMPANY, tracks=_C, note_required=True),
    Move("manager_answer", frozenset({S.ESCALATED}), S.MANAGER_ANSWERED, frozenset({M}), _("Answer as the manager"),
         routes=_COMPANY, tracks=_C, note_required=True),
    Move("conclude", frozenset({S.COMMITTEE_REVIEW}), S.CLOSED, frozenset({C}), _("Conclude the review"),
         tracks=_C, note_required=True),
    Move("forward", BEFORE_ANSWER | {S.COMMITTEE_REVIEW}, S.RECEIVED, frozenset({C}), _("Forward to the company"),
         routes=_COMMITTEE, note_required=True),
    Move("withdraw", OPEN_STATUSES, S.WITHDRAWN, frozenset({R}), _("Withdraw")),
    Move("auto_close", AWAITING_RESIDENT, S.CLOSED, frozenset({SYS}), _("Closed: no reply to the answer"),
         tracks=_C),
)  # fmt: skip
ACTIONS = tuple(dict.fromkeys(move.action for move in TABLE))
LABELS = {move.action: move.label for move in reversed(TABLE)}  # the first row's label wins
# Answers the resident is told about and may accept or reject: the handler's, the manager's, the committee's.
ANSWERS = frozenset({"answer", "manager_answer", "conclude", "reply"})


class TransitionError(Exception):
    """The action is unknown, not possible from this status (on this route and track), or not for this actor."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _moves(status: str, route: str, track: str):
    return [m for m in TABLE if status in m.sources and route in m.routes and track in m.tracks]


def transition(*, status: str, action: str, actors: set[str], route: str, track: str) -> Move:
    """The move `action` makes from `status` for someone acting as any of `actors`; raises TransitionError."""
    if action not in ACTIONS:
        raise TransitionError("unknown_action")
    move = next((m for m in _moves(status, route, track) if m.action == action), None)
    if move is None:
        raise TransitionError("wrong_status")
    if not (move.actors & set(actors)):
        raise TransitionError("wrong_actor")
    return move


def actions_for(*, status: str, actors: set[str], route: str, track: str) -> list[str]:
    """Actions open to these actors now, in table order (for buttons and the API); the system's are left out."""
    found = [m.action for m in _moves(status, route, track) if m.actors & set(actors) and m.action != "auto_close"]
    return list(dict.fromkeys(found))


def track_of(kind: str) -> str:
    return Track.COMPLAINT if kind == "complaint" else Track.SHORT
