"""The owners' vote tally under Civil Code art. 278 (DOMAIN.md §2.1, §2.2): plain data in, plain data out.

Headcount and area follow the SPC interpretation (2009, am. 2020) Art 8-9: a voter is one owner however many
units they hold, and every roll entry marked as the developer counts together as ONE owner. Abstentions take
part in the vote but are not "yes"; people on the roll who did not vote are never counted as "yes".
Arithmetic is integer or Decimal only: thresholds are compared by cross-multiplication, never by division.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

MATTERS = range(1, 10)  # the nine items of art. 278
SUPERMAJORITY = frozenset({6, 7, 8})  # raise the fund, rebuild, change the use of common parts: 3/4
DEVELOPER = "developer"  # the one head the developer's units count as


class Choice(StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"


@dataclass(frozen=True)
class Voter:
    """One owner on the frozen roll: an id, whether they are the developer, their units' exclusive areas."""

    id: str
    developer: bool
    areas: tuple[Decimal, ...]


@dataclass(frozen=True)
class Ballot:
    voter_id: str
    choice: Choice


@dataclass(frozen=True)
class Measure:
    """One measure (area in m², or headcount): the whole roll, those who took part, and how they voted."""

    total: Decimal | int
    participating: Decimal | int
    yes: Decimal | int
    no: Decimal | int
    abstain: Decimal | int


@dataclass(frozen=True)
class Counts:
    area: Measure
    heads: Measure


@dataclass(frozen=True)
class Result:
    """Both measures and each test of art. 278; `passed` needs every one of them."""

    item: int
    counts: Counts
    participation_area: bool
    participation_heads: bool
    approval_area: bool
    approval_heads: bool

    @property
    def supermajority(self) -> bool:
        return self.item in SUPERMAJORITY

    @property
    def quorate(self) -> bool:
        return self.participation_area and self.participation_heads

    @property
    def passed(self) -> bool:
        return self.quorate and self.approval_area and self.approval_heads


_CHOICES = {choice.value: choice for choice in Choice}


class RollError(ValueError):
    """The roll or the ballots are inconsistent: a caller's bug, never a voter's mistake."""


def _heads(roll: Iterable[Voter]) -> dict[str, Decimal]:
    """Area per head: the developer's entries merged into one, everyone else as they are."""
    heads: dict[str, Decimal] = {}
    for voter in roll:
        if not voter.areas or min(voter.areas) <= 0:
            raise RollError(f"voter {voter.id} has no unit or a unit without a positive area")
        key = DEVELOPER if voter.developer else voter.id
        if key in heads and not voter.developer:
            raise RollError(f"voter {voter.id} is on the roll twice")
        heads[key] = heads.get(key, Decimal(0)) + sum(voter.areas, Decimal(0))
    return heads


def _choices(roll: Iterable[Voter], ballots: Iterable[Ballot]) -> dict[str, Choice]:
    """Each head's choice; a ballot from anyone off the roll, or a head's second ballot, is a RollError."""
    head_of = {voter.id: DEVELOPER if voter.developer else voter.id for voter in roll}
    choices: dict[str, Choice] = {}
    for ballot in ballots:
        head = head_of.get(ballot.voter_id)
        if head is None:
            raise RollError(f"ballot from {ballot.voter_id}, who is not on the roll")
        if head in choices:
            raise RollError(f"a second ballot for {head}")
        choices[head] = _CHOICES[ballot.choice]
    return choices


def count(roll: Iterable[Voter], ballots: Iterable[Ballot]) -> Counts:
    """Total, participating, yes, no and abstaining area and headcount."""
    roll = list(roll)
    heads, choices = _heads(roll), _choices(roll, ballots)
    area = dict.fromkeys(Choice, Decimal(0))
    people = dict.fromkeys(Choice, 0)
    for head, choice in choices.items():
        area[choice] += heads[head]
        people[choice] += 1
    return Counts(
        area=Measure(sum(heads.values(), Decimal(0)), sum(area.values(), Decimal(0)), *area.values()),
        heads=Measure(len(heads), len(choices), *people.values()),
    )


def decide(counts: Counts, item: int) -> Result:
    """Apply art. 278's thresholds to the counts for matter `item` (1-9)."""
    if item not in MATTERS:
        raise RollError(f"art. 278 has no item {item}")
    area, heads = counts.area, counts.heads
    if item in SUPERMAJORITY:  # 3/4以上: at least three quarters
        approval_area, approval_heads = area.yes * 4 >= 3 * area.participating, heads.yes * 4 >= 3 * heads.participating
    else:  # 过半数: strictly more than half
        approval_area, approval_heads = area.yes * 2 > area.participating, heads.yes * 2 > heads.participating
    return Result(
        item=item,
        counts=counts,
        participation_area=area.participating * 3 >= 2 * area.total,  # 2/3以上: at least two thirds
        participation_heads=heads.participating * 3 >= 2 * heads.total,
        approval_area=approval_area and area.participating > 0,
        approval_heads=approval_heads and heads.participating > 0,
    )


def tally(roll: Iterable[Voter], ballots: Iterable[Ballot], item: int) -> Result:
    """Count the ballots against the roll and decide matter `item`."""
    return decide(count(roll, ballots), item)


def share(part, whole) -> Decimal:
    """part / whole as a percentage with two decimals, for display only (never for a decision)."""
    if not whole:
        return Decimal("0.00")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"))
