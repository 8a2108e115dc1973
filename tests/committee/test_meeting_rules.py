"""The meeting arithmetic (committee.meetings.rules), by hand-computed cases and exhaustively over small counts."""

import pytest

from committee.meetings.rules import decision_passes, is_quorate, tally, votes_needed


@pytest.mark.parametrize(
    ("members", "present", "quorate"),
    [(5, 3, True), (5, 2, False), (6, 3, False), (6, 4, True), (7, 4, True), (7, 3, False), (1, 1, True),
     (1, 0, False), (0, 0, False), (11, 6, True), (11, 5, False)],
)  # fmt: skip
def test_is_quorate_needs_more_than_half_of_all_members_present(members, present, quorate):
    assert is_quorate(members=members, present=present) is quorate


def test_decision_with_three_for_of_five_members_passes():
    assert decision_passes(members=5, present=3, votes_for=3)


def test_decision_with_two_for_and_none_against_of_three_present_fails_short_of_half_of_all_members():
    assert not decision_passes(members=5, present=3, votes_for=2, against=0, abstain=1)


def test_decision_with_three_for_of_six_members_fails_even_when_all_six_are_present():
    assert not decision_passes(members=6, present=6, votes_for=3, against=2, abstain=1)


def test_decision_of_a_meeting_without_quorum_fails_whatever_the_votes():
    outcome = tally(members=6, present=3, votes_for=3, against=0, abstain=0)
    assert (outcome.quorate, outcome.passed) == (False, False)


def test_votes_needed_is_the_fewest_that_are_more_than_half():
    assert [votes_needed(n) for n in (1, 2, 3, 4, 5, 6, 7, 11)] == [1, 2, 2, 3, 3, 4, 4, 6]


def test_tally_over_every_small_committee_agrees_with_the_definition():
    for members in range(0, 12):
        for present in range(0, members + 1):
            for votes_for in range(0, present + 1):
                for against in range(0, present - votes_for + 1):
                    outcome = tally(members=members, present=present, votes_for=votes_for, against=against,
                                    abstain=present - votes_for - against)  # fmt: skip
                    assert outcome.quorate == (present > members / 2 and members > 0)
                    assert outcome.passed == (outcome.quorate and votes_for > members / 2)
                    assert outcome.passed == (outcome.quorate and votes_for >= outcome.needed)


@pytest.mark.parametrize(
    "counts",
    [{"members": 5, "present": 6, "votes_for": 0, "against": 0, "abstain": 0},
     {"members": 5, "present": 3, "votes_for": 3, "against": 1, "abstain": 0},
     {"members": 5, "present": 3, "votes_for": -1, "against": 0, "abstain": 0},
     {"members": -1, "present": 0, "votes_for": 0, "against": 0, "abstain": 0}],
)  # fmt: skip
def test_tally_refuses_counts_that_cannot_happen(counts):
    with pytest.raises(ValueError):
        tally(**counts)
