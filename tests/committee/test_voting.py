"""The art. 278 tally, hand-computed (DOMAIN.md §2.1-2.2), then properties over random rolls."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from committee.voting import Ballot, Choice, RollError, Voter, count, decide, share, tally

YES, NO, ABSTAIN = Choice.YES, Choice.NO, Choice.ABSTAIN


def owners(*areas, developer=()):
    """Owners o1, o2, ... with one unit each (a tuple of areas gives an owner several units); d1, d2 ... for
    the developer's entries."""
    roll = [Voter(f"o{i}", False, a if isinstance(a, tuple) else (Decimal(a),)) for i, a in enumerate(areas, 1)]
    roll += [Voter(f"d{i}", True, a if isinstance(a, tuple) else (Decimal(a),)) for i, a in enumerate(developer, 1)]
    return roll


def votes(**choices):
    return [Ballot(voter, choice) for voter, choice in choices.items()]


def test_tally_exactly_two_thirds_of_area_and_heads_is_quorate():
    result = tally(owners(100, 100, 100), votes(o1=YES, o2=YES), item=1)
    assert (result.counts.area.participating, result.counts.area.total) == (200, 300)
    assert (result.counts.heads.participating, result.counts.heads.total) == (2, 3)
    assert result.participation_area and result.participation_heads and result.passed


def test_tally_a_hair_under_two_thirds_of_area_is_not_quorate():
    # 200 of 301 m²: 600 < 602
    result = tally(owners(100, 100, 101), votes(o1=YES, o2=YES), item=1)
    assert result.participation_heads and not result.participation_area
    assert not result.quorate and not result.passed


def test_tally_one_owner_with_three_units_counts_once_with_all_their_area():
    roll = owners((Decimal(50), Decimal(50), Decimal(50)), 100, 100)
    result = tally(roll, votes(o1=YES, o2=YES), item=1)
    assert result.counts.heads.total == 3 and result.counts.heads.participating == 2
    assert result.counts.area.total == 350 and result.counts.area.yes == 250
    assert result.passed


def test_tally_the_developers_unsold_units_count_as_one_owner():
    # four owners of 100 m² and the developer's five unsold units of 100 m² in two roll entries
    roll = owners(100, 100, 100, 100, developer=((Decimal(100),) * 3, (Decimal(100),) * 2))
    result = tally(roll, votes(o1=YES, o2=YES, o3=YES, d1=NO), item=1)
    heads, area = result.counts.heads, result.counts.area
    assert (heads.total, heads.participating, heads.yes, heads.no) == (5, 4, 3, 1)
    assert (area.total, area.participating, area.yes, area.no) == (900, 800, 300, 500)
    # 3 of 4 heads say yes, but 300 of 800 m² is not more than half
    assert result.quorate and result.approval_heads and not result.approval_area and not result.passed


def test_tally_the_developer_has_one_ballot_however_many_entries_it_has():
    roll = owners(100, developer=(100, 100))
    with pytest.raises(RollError, match="second ballot for developer"):
        tally(roll, votes(d1=YES, d2=NO), item=1)


def test_tally_abstentions_take_part_but_are_not_yes():
    # 4 of 6 owners take part (exactly 2/3); 2 yes, 1 no, 1 abstain: 2 is not more than half of 4
    result = tally(owners(*[100] * 6), votes(o1=YES, o2=YES, o3=NO, o4=ABSTAIN), item=1)
    assert result.quorate
    assert result.counts.heads.abstain == 1 and result.counts.area.abstain == 100
    assert not result.approval_heads and not result.approval_area and not result.passed
    # without the abstention the same yes votes would be a majority of those taking part
    assert decide(count(owners(*[100] * 6), votes(o1=YES, o2=YES, o3=NO, o5=YES)), 1).passed


def test_tally_a_three_quarter_item_passes_on_area_and_fails_on_headcount():
    # one owner of 400 m² and four of 50 m²: yes = 500 of 600 m² (≥ 3/4) but 3 of 5 owners (< 3/4)
    roll = owners(400, 50, 50, 50, 50)
    ballots = votes(o1=YES, o2=YES, o3=YES, o4=NO, o5=NO)
    result = tally(roll, ballots, item=6)
    assert result.supermajority and result.quorate
    assert result.approval_area and not result.approval_heads and not result.passed
    # the same votes carry a simple-majority item (5: using the fund)
    assert tally(roll, ballots, item=5).passed


@pytest.mark.parametrize("item", [6, 7, 8])
def test_tally_exactly_three_quarters_carries_a_three_quarter_item(item):
    assert tally(owners(100, 100, 100, 100), votes(o1=YES, o2=YES, o3=YES, o4=NO), item=item).passed


@pytest.mark.parametrize("item", [1, 2, 3, 4, 5, 9])
def test_tally_exactly_half_does_not_carry_a_majority_item(item):
    result = tally(owners(100, 100, 100, 100), votes(o1=YES, o2=YES, o3=NO, o4=NO), item=item)
    assert result.quorate and not result.approval_area and not result.approval_heads and not result.passed


def test_tally_people_who_did_not_vote_never_count_as_yes():
    result = tally(owners(100, 100, 100), votes(o1=YES), item=1)
    assert result.counts.heads.yes == 1 and not result.quorate and not result.passed


def test_tally_refuses_a_ballot_from_someone_off_the_roll():
    with pytest.raises(RollError, match="not on the roll"):
        tally(owners(100), votes(stranger=YES), item=1)


def test_tally_refuses_a_second_ballot_and_a_voter_listed_twice():
    with pytest.raises(RollError, match="second ballot"):
        tally(owners(100), [Ballot("o1", YES), Ballot("o1", NO)], item=1)
    with pytest.raises(RollError, match="twice"):
        tally([Voter("o1", False, (Decimal(1),)), Voter("o1", False, (Decimal(2),))], [], item=1)


def test_tally_refuses_a_unit_without_area_and_a_matter_outside_art_278():
    with pytest.raises(RollError, match="positive area"):
        tally([Voter("o1", False, (Decimal(0),))], [], item=1)
    with pytest.raises(RollError, match="no item 10"):
        tally(owners(100), [], item=10)


def test_share_is_a_two_decimal_percentage_and_zero_of_nothing():
    assert share(Decimal(200), Decimal(300)) == Decimal("66.67")
    assert share(0, 0) == Decimal("0.00")


# --- properties ----------------------------------------------------------------------------------------------

areas = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("500"), places=2)
rolls = st.lists(st.tuples(st.booleans(), st.lists(areas, min_size=1, max_size=3)), min_size=1, max_size=12)


@st.composite
def elections(draw):
    entries = draw(rolls)
    roll = [Voter(f"v{i}", dev, tuple(a)) for i, (dev, a) in enumerate(entries)]
    heads = {}
    for voter in roll:  # one ballot per head: the developer's first entry speaks for it
        heads.setdefault("developer" if voter.developer else voter.id, voter.id)
    voting = draw(st.lists(st.sampled_from(sorted(heads.values())), unique=True))
    ballots = [Ballot(v, draw(st.sampled_from(list(Choice)))) for v in voting]
    return roll, ballots, draw(st.integers(min_value=1, max_value=9))


@given(elections())
def test_tally_matches_exact_fractions(election):
    roll, ballots, item = election
    result = tally(roll, ballots, item)
    area, heads = result.counts.area, result.counts.heads
    need = Fraction(3, 4) if item in (6, 7, 8) else Fraction(1, 2)

    def approved(yes, part):
        return part > 0 and (
            Fraction(yes) / Fraction(part) >= need if item in (6, 7, 8) else Fraction(yes) / Fraction(part) > need
        )

    assert result.participation_area == (Fraction(area.participating) / Fraction(area.total) >= Fraction(2, 3))
    assert result.participation_heads == (Fraction(heads.participating, heads.total) >= Fraction(2, 3))
    assert result.approval_area == approved(area.yes, area.participating)
    assert result.approval_heads == approved(heads.yes, heads.participating)
    assert heads.total == sum(not v.developer for v in roll) + any(v.developer for v in roll)
    assert area.total == sum(sum(v.areas) for v in roll)
    assert area.participating == area.yes + area.no + area.abstain and heads.participating == len(ballots)


@given(elections())
def test_tally_one_more_yes_never_turns_a_pass_into_a_fail(election):
    roll, ballots, item = election
    voted = {b.voter_id for b in ballots}
    developer_voted = any(v.developer and v.id in voted for v in roll)
    silent = [v for v in roll if v.id not in voted and not (v.developer and developer_voted)]
    if silent and tally(roll, ballots, item).passed:
        assert tally(roll, [*ballots, Ballot(silent[0].id, YES)], item).passed
