"""One entry point for the API and the HTML views to run a named step with parsed input."""

from . import services as sv

# Each runner takes (item id, actor, text, new deadline, request).
RUNNERS = {
    "answer": lambda i, a, n, d, r: sv.supervision_answer(item_id=i, actor=a, answer=n, request=r),
    "close": lambda i, a, n, d, r: sv.supervision_close(item_id=i, actor=a, note=n, request=r),
    "reopen": lambda i, a, n, d, r: sv.supervision_reopen(item_id=i, actor=a, reason=n, answer_due=d, request=r),
    "publish": lambda i, a, n, d, r: sv.supervision_publish(item_id=i, actor=a, request=r),
}
COMMITTEE_ACTIONS = ("close", "reopen", "publish")
COMPANY_ACTIONS = ("answer",)


def run_action(action: str, *, item_id: int, actor, note: str = "", answer_due=None, request=None):
    """Run the named step; raises the services' errors unchanged."""
    return RUNNERS[action](item_id, actor, note or "", answer_due, request)
