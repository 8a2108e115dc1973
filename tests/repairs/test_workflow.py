"""Every (status, action) pair of the state table, against an independent statement of the rules."""

import itertools

import pytest

from repairs.workflow import STATUS_CHOICES, TABLE, Actor, Status, TransitionError, actions_for, transition

S = Status
ALL_ACTORS = {Actor.REPORTER, Actor.ASSIGNEE, Actor.DISPATCHER, Actor.MANAGER, Actor.SYSTEM, Actor.COMMITTEE}
STAFF = {Actor.DISPATCHER, Actor.MANAGER}

# (action, from status) → (to status, who may)
EXPECTED = {
    ("accept", S.SUBMITTED): (S.ACCEPTED, STAFF | {Actor.SYSTEM}),
    ("reject", S.SUBMITTED): (S.REJECTED, STAFF),
    ("merge", S.SUBMITTED): (S.MERGED, STAFF),
    ("merge", S.ACCEPTED): (S.MERGED, STAFF),
    ("join_incident", S.SUBMITTED): (S.JOINED, {Actor.SYSTEM}),  # on filing, when an open outage covers it
    ("assign", S.ACCEPTED): (S.ASSIGNED, STAFF | {Actor.SYSTEM}),
    ("assign", S.ASSIGNED): (S.ASSIGNED, STAFF | {Actor.SYSTEM}),
    ("assign", S.SCHEDULED): (S.ASSIGNED, STAFF | {Actor.SYSTEM}),
    ("schedule", S.ASSIGNED): (S.SCHEDULED, STAFF | {Actor.ASSIGNEE}),
    ("schedule", S.SCHEDULED): (S.SCHEDULED, STAFF | {Actor.ASSIGNEE}),
    ("start", S.ASSIGNED): (S.IN_PROGRESS, {Actor.ASSIGNEE}),
    ("start", S.SCHEDULED): (S.IN_PROGRESS, {Actor.ASSIGNEE}),
    ("hold", S.IN_PROGRESS): (S.ON_HOLD, STAFF | {Actor.ASSIGNEE}),
    ("resume", S.ON_HOLD): (S.IN_PROGRESS, STAFF | {Actor.ASSIGNEE}),
    ("complete", S.IN_PROGRESS): (S.COMPLETED, {Actor.ASSIGNEE}),
    ("confirm", S.COMPLETED): (S.CONFIRMED, {Actor.REPORTER}),
    ("auto_confirm", S.COMPLETED): (S.CONFIRMED, {Actor.SYSTEM}),
    ("reopen", S.COMPLETED): (S.ACCEPTED, STAFF | {Actor.REPORTER}),
    ("reopen", S.CONFIRMED): (S.ACCEPTED, STAFF | {Actor.REPORTER}),
    ("close", S.CONFIRMED): (S.CLOSED, STAFF | {Actor.SYSTEM}),
    # the owners' committee's spot check found the fix not done, however long ago it was finished
    **{("committee_reopen", s): (S.ACCEPTED, {Actor.COMMITTEE}) for s in (S.COMPLETED, S.CONFIRMED, S.CLOSED)},
    **{
        ("cancel", s): (S.CANCELLED, STAFF | {Actor.REPORTER})
        for s in (S.SUBMITTED, S.ACCEPTED, S.ASSIGNED, S.SCHEDULED)
    },
}
STATUSES = [value for value, _ in STATUS_CHOICES]


@pytest.mark.parametrize(("status", "action", "actor"), itertools.product(STATUSES, TABLE, sorted(ALL_ACTORS)))
def test_transition_allows_exactly_the_expected_moves(status, action, actor):
    expected = EXPECTED.get((action, status))
    if expected is not None and actor in expected[1]:
        assert transition(status=status, action=action, actors={actor}).target == expected[0]
    else:
        with pytest.raises(TransitionError) as exc:
            transition(status=status, action=action, actors={actor})
        assert exc.value.reason == ("wrong_actor" if expected else "wrong_status")


def test_transition_of_an_unknown_action_is_refused():
    with pytest.raises(TransitionError, match="unknown_action"):
        transition(status=S.SUBMITTED, action="teleport", actors=ALL_ACTORS)


def test_final_statuses_allow_no_action():
    for status in (S.REJECTED, S.MERGED, S.CLOSED, S.CANCELLED, S.JOINED):
        assert actions_for(status=status, actors=ALL_ACTORS - {Actor.COMMITTEE}) == []


def test_only_the_committee_reopens_a_closed_order():
    assert actions_for(status=S.CLOSED, actors=ALL_ACTORS) == ["committee_reopen"]


def test_actions_for_a_resident_on_a_completed_order_are_confirm_and_reopen():
    assert actions_for(status=S.COMPLETED, actors={Actor.REPORTER}) == ["confirm", "reopen"]


def test_only_the_system_moves_a_report_into_an_outage():
    people = ALL_ACTORS - {Actor.SYSTEM}
    assert "join_incident" not in actions_for(status=S.SUBMITTED, actors=people)
    assert "join_incident" in actions_for(status=S.SUBMITTED, actors={Actor.SYSTEM})


def test_reasons_are_required_where_the_resident_must_be_told_why():
    assert {name for name, move in TABLE.items() if move.note_required} == {
        "reject",
        "hold",
        "complete",
        "reopen",
        "committee_reopen",
    }
