"""One entry point for the API and the HTML views to run a named action with parsed input."""

from . import follow_up as fu
from . import quotes as qu
from . import services as sv
from .workflow import TABLE, actions_for

# Each runner takes (order id, actor, parsed data, expected version).
RUNNERS = {
    "accept": lambda o, a, d, v: sv.work_order_accept(order_id=o, actor=a, expected_version=v),
    "reject": lambda o, a, d, v: sv.work_order_reject(order_id=o, actor=a, reason=d["note"], expected_version=v),
    "merge": lambda o, a, d, v: sv.work_order_merge(order_id=o, master_id=d["master_id"], actor=a,
                                                    expected_version=v),
    "assign": lambda o, a, d, v: sv.work_order_assign(order_id=o, technician_id=d["technician_id"], actor=a,
                                                      note=d.get("note", ""), expected_version=v),
    "schedule": lambda o, a, d, v: sv.work_order_schedule(order_id=o, when=d["scheduled_for"], actor=a,
                                                          expected_version=v),
    "start": lambda o, a, d, v: sv.work_order_start(order_id=o, actor=a, expected_version=v),
    "hold": lambda o, a, d, v: sv.work_order_hold(order_id=o, actor=a, reason=d["note"], expected_version=v),
    "resume": lambda o, a, d, v: sv.work_order_resume(order_id=o, actor=a, expected_version=v),
    "complete": lambda o, a, d, v: sv.work_order_complete(order_id=o, actor=a, notes=d["note"], expected_version=v),
    "confirm": lambda o, a, d, v: sv.work_order_confirm(order_id=o, actor=a, rating=d["rating"],
                                                        comment=d.get("comment", ""), expected_version=v),
    "reopen": lambda o, a, d, v: sv.work_order_reopen(order_id=o, actor=a, reason=d["note"], expected_version=v),
    "cancel": lambda o, a, d, v: sv.work_order_cancel(order_id=o, actor=a, reason=d.get("note", ""),
                                                      expected_version=v),
    "close": lambda o, a, d, v: sv.work_order_close(order_id=o, actor=a),
    # not transitions: the status stays (repairs/follow_up.py)
    "press": lambda o, a, d, v: fu.work_order_press(order_id=o, actor=a, note=d.get("note", "")),
    "follow_up": lambda o, a, d, v: fu.work_order_follow_up(order_id=o, actor=a, note=d["note"]),
    "quote": lambda o, a, d, v: qu.work_order_quote_send(order_id=o, actor=a, labour=d["labour"],
                                                         materials=d["materials"], note=d.get("note", "")),
    "accept_quote": lambda o, a, d, v: qu.work_order_quote_decide(order_id=o, actor=a, accept=True),
    "decline_quote": lambda o, a, d, v: qu.work_order_quote_decide(order_id=o, actor=a, accept=False),
    "charge_paid": lambda o, a, d, v: qu.work_order_charge_paid(order_id=o, actor=a),
}  # fmt: skip

RESIDENT_ACTIONS = ("confirm", "reopen", "cancel", "press", "accept_quote", "decline_quote")
STAFF_ACTIONS = ("accept", "reject", "merge", "assign", "schedule", "start", "hold", "resume", "complete", "reopen",
                 "cancel", "close", "follow_up", "quote", "charge_paid")  # fmt: skip


def run_action(action: str, *, order_id: int, actor, data: dict):
    """Run the named action; raises the services' errors unchanged."""
    return RUNNERS[action](order_id, actor, data, data.get("expected_version"))


def available_actions(order, user) -> list[str]:
    """Everything `user` may do to `order` now: the state table's moves, then press / follow-up."""
    roles = sv.actor_roles(user, order)
    extras = [*fu.extra_actions(order, roles), *qu.extra_actions(order, roles)]
    return [*actions_for(status=order.status, actors=roles), *extras]


def action_label(name: str):
    return TABLE[name].label if name in TABLE else {**fu.LABELS, **qu.LABELS}[name]
