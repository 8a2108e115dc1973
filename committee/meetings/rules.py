"""The committee meeting's arithmetic (DOMAIN.md §2.5; Shanghai 2020, Hangzhou 2021, Beijing 2024 Art 45): plain
integers in, plain results out, no ORM.

- A meeting is quorate only with MORE THAN HALF of all voting members present (过半数: strictly more, so 3 of 6 is
  not enough).
- A decision passes only with votes for from MORE THAN HALF of ALL voting members, not of those present: 2 for and
  0 against among 3 present of 5 fails. Alternates are not counted; there are no proxies.
"""

from dataclasses import dataclass


def more_than_half(part: int, whole: int) -> bool:
    """过半数: strictly more than half, in integers (2·part > whole)."""
    return 2 * part > whole


def is_quorate(*, members: int, present: int) -> bool:
    """True when more than half of all `members` are `present`; a committee without members is never quorate."""
    _check_counts(members=members, present=present)
    return members > 0 and more_than_half(present, members)


def decision_passes(*, members: int, present: int, votes_for: int, against: int = 0, abstain: int = 0) -> bool:
    """True when the meeting is quorate and more than half of ALL members voted for."""
    return tally(members=members, present=present, votes_for=votes_for, against=against, abstain=abstain).passed


@dataclass(frozen=True)
class Tally:
    """One decision's count: the counts given, whether the meeting could decide, and the verdict."""

    members: int
    present: int
    votes_for: int
    against: int
    abstain: int
    quorate: bool
    needed: int  # the fewest votes for that pass: more than half of all members
    passed: bool


def votes_needed(members: int) -> int:
    """The fewest votes for that are more than half of `members` (3 of 5, 4 of 6, 1 of 1)."""
    return members // 2 + 1


def tally(*, members: int, present: int, votes_for: int, against: int, abstain: int) -> Tally:
    """Count one decision; raises ValueError on counts that cannot happen (negative, more votes than present
    members, more present than members)."""
    _check_counts(members=members, present=present)
    if min(votes_for, against, abstain) < 0:
        raise ValueError("vote counts cannot be negative")
    if votes_for + against + abstain > present:
        raise ValueError("more votes than members present")
    quorate = members > 0 and more_than_half(present, members)
    passed = quorate and more_than_half(votes_for, members)
    return Tally(members, present, votes_for, against, abstain, quorate, votes_needed(members), passed)


def _check_counts(*, members: int, present: int) -> None:
    if members < 0 or present < 0:
        raise ValueError("counts cannot be negative")
    if present > members:
        raise ValueError("more members present than there are members")
