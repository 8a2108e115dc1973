"""One entry point for the API and the HTML views to run a named step with parsed input."""

from . import services as sv
from .workflow import LABELS, actions_for, track_of

# Each runner takes (item id, actor, note, expected version).
RUNNERS = {
    "acknowledge": lambda c, a, n, v: sv.complaint_acknowledge(complaint_id=c, actor=a, note=n, expected_version=v),
    "investigate": lambda c, a, n, v: sv.complaint_investigate(complaint_id=c, actor=a, note=n, expected_version=v),
    "answer": lambda c, a, n, v: sv.complaint_answer(complaint_id=c, actor=a, answer=n, expected_version=v),
    "reply": lambda c, a, n, v: sv.complaint_reply(complaint_id=c, actor=a, text=n),
    "accept": lambda c, a, n, v: sv.complaint_accept(complaint_id=c, actor=a, note=n, expected_version=v),
    "reject": lambda c, a, n, v: sv.complaint_reject(complaint_id=c, actor=a, reason=n, expected_version=v),
    "manager_answer": lambda c, a, n, v: sv.complaint_manager_answer(complaint_id=c, actor=a, answer=n,
                                                                     expected_version=v),
    "conclude": lambda c, a, n, v: sv.complaint_conclude(complaint_id=c, actor=a, conclusion=n, expected_version=v),
    "forward": lambda c, a, n, v: sv.complaint_forward(complaint_id=c, actor=a, note=n, expected_version=v),
    "withdraw": lambda c, a, n, v: sv.complaint_withdraw(complaint_id=c, actor=a, note=n, expected_version=v),
}  # fmt: skip

RESIDENT_ACTIONS = ("accept", "reject", "withdraw")
STAFF_ACTIONS = ("acknowledge", "investigate", "answer", "reply", "manager_answer")
COMMITTEE_ACTIONS = ("acknowledge", "investigate", "answer", "reply", "forward", "conclude")
NOTE_REQUIRED = frozenset({"answer", "reply", "reject", "manager_answer", "conclude", "forward"})


def run_action(action: str, *, complaint_id: int, actor, note: str = "", expected_version=None):
    """Run the named step; raises the services' errors unchanged."""
    return RUNNERS[action](complaint_id, actor, note or "", expected_version)


def available_actions(complaint, user, allowed) -> list[str]:
    """The steps `user` may take on `complaint` now, among `allowed` (the page's or endpoint's audience)."""
    found = actions_for(status=complaint.status, actors=sv.actor_roles(user, complaint), route=complaint.route,
                        track=track_of(complaint.kind))  # fmt: skip
    return [name for name in found if name in allowed]


def action_label(name: str):
    return LABELS[name]
