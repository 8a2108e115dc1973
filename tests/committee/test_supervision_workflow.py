"""The supervision state table, for every (status, action) pair and every actor."""

import pytest

from committee.supervision.workflow import (
    ACTIONS,
    STATUSES,
    TABLE,
    Actor,
    Status,
    TransitionError,
    actions_for,
    is_overdue,
    transition,
)

ACTORS = (Actor.COMMITTEE, Actor.MANAGER, Actor.SYSTEM)
# (status, action) → (who may, the status after)
ALLOWED = {
    (Status.OPEN, "answer"): (Actor.MANAGER, Status.ANSWERED),
    (Status.OPEN, "escalate"): (Actor.SYSTEM, Status.OPEN),
    (Status.ANSWERED, "close"): (Actor.COMMITTEE, Status.CLOSED),
    (Status.ANSWERED, "reopen"): (Actor.COMMITTEE, Status.OPEN),
    (Status.ANSWERED, "publish"): (Actor.COMMITTEE, Status.ANSWERED),
    (Status.CLOSED, "publish"): (Actor.COMMITTEE, Status.CLOSED),
}


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("actor", ACTORS)
def test_transition_every_status_action_and_actor(status, action, actor):
    allowed = ALLOWED.get((status, action))
    if allowed is None:
        with pytest.raises(TransitionError) as refused:
            transition(status=status, action=action, actors={actor})
        assert refused.value.reason == "wrong_status"
    elif allowed[0] != actor:
        with pytest.raises(TransitionError) as refused:
            transition(status=status, action=action, actors={actor})
        assert refused.value.reason == "wrong_actor"
    else:
        move = transition(status=status, action=action, actors={actor})
        assert (move.target or status) == allowed[1]


def test_transition_refuses_an_unknown_action():
    with pytest.raises(TransitionError) as refused:
        transition(status=Status.OPEN, action="delete", actors={Actor.COMMITTEE})
    assert refused.value.reason == "unknown_action"


def test_actions_for_leaves_out_the_system_and_follows_the_table():
    assert actions_for(status=Status.OPEN, actors={Actor.MANAGER, Actor.SYSTEM}) == ["answer"]
    assert actions_for(status=Status.ANSWERED, actors={Actor.COMMITTEE}) == ["close", "reopen", "publish"]
    assert actions_for(status=Status.CLOSED, actors={Actor.MANAGER}) == []


def test_answer_and_reopen_need_text():
    assert {name for name, move in TABLE.items() if move.note_required} == {"answer", "reopen"}


def test_is_overdue_only_while_open_and_past_the_deadline():
    assert is_overdue(status=Status.OPEN, answer_due=1, now=2)
    assert not is_overdue(status=Status.OPEN, answer_due=2, now=2)
    assert not is_overdue(status=Status.ANSWERED, answer_due=1, now=2)
