"""One entry point for the API and the HTML views to run a named action with parsed input."""

from . import services as sv

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
}  # fmt: skip

RESIDENT_ACTIONS = ("confirm", "reopen", "cancel")
STAFF_ACTIONS = ("accept", "reject", "merge", "assign", "schedule", "start", "hold", "resume", "complete", "reopen",
                 "cancel", "close")  # fmt: skip


def run_action(action: str, *, order_id: int, actor, data: dict):
    """Run the named action; raises the services' errors unchanged."""
    return RUNNERS[action](order_id, actor, data, data.get("expected_version"))
