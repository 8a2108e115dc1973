"""Every (route, track, status, action) of the complaints state table, against an independent statement of the
rules written out here by hand."""

import itertools

import pytest

from feedback.complaints.workflow import (
    ACTIONS,
    STATUS_CHOICES,
    TABLE,
    Actor,
    Route,
    Status,
    Track,
    TransitionError,
    actions_for,
    transition,
)

S, A = Status, Actor
ALL_ACTORS = {A.RESIDENT, A.HANDLER, A.MANAGER, A.COMMITTEE, A.SYSTEM}
OPEN = [S.RECEIVED, S.ACKNOWLEDGED, S.INVESTIGATING, S.ANSWERED, S.ESCALATED, S.MANAGER_ANSWERED, S.COMMITTEE_REVIEW]
BEFORE = [S.RECEIVED, S.ACKNOWLEDGED, S.INVESTIGATING]
CO, CM = Route.COMPANY, Route.COMMITTEE
C, SH = Track.COMPLAINT, Track.SHORT

# (route, track, action, from status) → (to status, who may); None as the target: the status stays
EXPECTED = {}
for route, track in itertools.product((CO, CM), (C, SH)):
    EXPECTED[route, track, "acknowledge", S.RECEIVED] = (S.ACKNOWLEDGED, {A.HANDLER})
    EXPECTED[route, track, "investigate", S.ACKNOWLEDGED] = (S.INVESTIGATING, {A.HANDLER})
    for status in BEFORE:
        EXPECTED[route, track, "answer", status] = (S.ANSWERED if track == C else S.CLOSED, {A.HANDLER})
    for status in OPEN:
        EXPECTED[route, track, "withdraw", status] = (S.WITHDRAWN, {A.RESIDENT})
        EXPECTED[route, track, "reply", status] = (None, {A.HANDLER, A.MANAGER})
    if route == CM:
        for status in [*BEFORE, S.COMMITTEE_REVIEW]:
            EXPECTED[route, track, "forward", status] = (S.RECEIVED, {A.COMMITTEE})
    if track == C:
        for status in (S.ANSWERED, S.MANAGER_ANSWERED):
            EXPECTED[route, track, "accept", status] = (S.CLOSED, {A.RESIDENT})
            EXPECTED[route, track, "auto_close", status] = (S.CLOSED, {A.SYSTEM})
        EXPECTED[route, track, "reject", S.ANSWERED] = (S.ESCALATED if route == CO else S.COMMITTEE_REVIEW,
                                                        {A.RESIDENT})  # fmt: skip
        EXPECTED[route, track, "conclude", S.COMMITTEE_REVIEW] = (S.CLOSED, {A.COMMITTEE})
        if route == CO:
            EXPECTED[route, track, "reject", S.MANAGER_ANSWERED] = (S.COMMITTEE_REVIEW, {A.RESIDENT})
            EXPECTED[route, track, "manager_answer", S.ESCALATED] = (S.MANAGER_ANSWERED, {A.MANAGER})

STATUSES = [value for value, _label in STATUS_CHOICES]
CASES = list(itertools.product((CO, CM), (C, SH), ACTIONS, STATUSES))


@pytest.mark.parametrize(("route", "track", "action", "status"), CASES)
def test_transition_matches_the_rules_for_every_pair(route, track, action, status):
    expected = EXPECTED.get((route, track, action, status))
    if expected is None:
        with pytest.raises(TransitionError) as refused:
            transition(status=status, action=action, actors=ALL_ACTORS, route=route, track=track)
        assert refused.value.reason == "wrong_status"
        return
    target, allowed = expected
    for actor in ALL_ACTORS:
        if actor in allowed:
            move = transition(status=status, action=action, actors={actor}, route=route, track=track)
            assert move.target == target
        else:
            with pytest.raises(TransitionError) as refused:
                transition(status=status, action=action, actors={actor}, route=route, track=track)
            assert refused.value.reason == "wrong_actor"


def test_transition_refuses_an_unknown_action():
    with pytest.raises(TransitionError) as refused:
        transition(status=S.RECEIVED, action="delete", actors=ALL_ACTORS, route=CO, track=C)
    assert refused.value.reason == "unknown_action"


def test_table_has_one_move_per_action_status_route_and_track():
    seen = set()
    for move in TABLE:
        for key in itertools.product([move.action], move.sources, move.routes, move.tracks):
            assert key not in seen, key
            seen.add(key)


def test_final_statuses_offer_no_action_to_anyone():
    for route, track, status in itertools.product((CO, CM), (C, SH), (S.CLOSED, S.WITHDRAWN)):
        assert actions_for(status=status, actors=ALL_ACTORS, route=route, track=track) == []


def test_actions_for_leaves_the_system_sweep_out_of_buttons():
    offered = actions_for(status=S.ANSWERED, actors=ALL_ACTORS, route=CO, track=C)
    assert "auto_close" not in offered
    assert offered == ["reply", "accept", "reject", "withdraw"]


def test_praise_and_suggestions_never_reach_escalation():
    targets = {m.target for m in TABLE if Track.SHORT in m.tracks}
    assert targets.isdisjoint({S.ANSWERED, S.ESCALATED, S.MANAGER_ANSWERED, S.COMMITTEE_REVIEW})
