"""Anonymising what the dashboard shows: counts under the privacy floor and unit numbers. Pure, no queries."""

from dataclasses import dataclass

from feedback.scoring import MIN_GROUP


@dataclass(frozen=True)
class Count:
    """A count of residents' items. Withheld ("fewer than 5") from 1 to MIN_GROUP − 1: a small group could tell
    the committee who complained; zero singles out nobody and is shown."""

    n: int

    @property
    def shown(self) -> bool:
        return self.n == 0 or self.n >= MIN_GROUP

    @property
    def value(self) -> int | None:
        return self.n if self.shown else None


def mask_unit(number: str) -> str:
    """Keep the floor (the first two characters of numbers like 0101 or 1502) and hide the rest: 0101 → 01**."""
    keep = 2 if len(number) >= 4 else 0
    return number[:keep] + "*" * (len(number) - keep)
