"""Dispatch ranking: a pure function over plain data. Which technician should take an order, and why.

Order of preference: on duty now, then fewest open orders, then the best residents' rating (a neutral 3.0
until a technician has rated jobs; the feedback app's SERVQUAL score will refine this), then the lowest id so
the result is stable.
"""

from dataclasses import dataclass
from datetime import datetime, time

NEUTRAL_RATING = 3.0


@dataclass(frozen=True)
class Candidate:
    user_id: int
    name: str
    duty_days: tuple  # ISO weekdays; empty means every day
    duty_start: time | None
    duty_end: time | None
    open_orders: int
    rating_sum: int
    rated_jobs: int


@dataclass(frozen=True)
class Suggestion:
    user_id: int
    name: str
    on_duty: bool
    open_orders: int
    rating: float
    rated_jobs: int


def on_duty(candidate: Candidate, moment: datetime) -> bool:
    """True when `moment` (local time) falls in the candidate's duty days and hours (no hours: always)."""
    if candidate.duty_days and moment.isoweekday() not in candidate.duty_days:
        return False
    if candidate.duty_start is None or candidate.duty_end is None:
        return True
    now = moment.time()
    if candidate.duty_start <= candidate.duty_end:
        return candidate.duty_start <= now < candidate.duty_end
    return now >= candidate.duty_start or now < candidate.duty_end  # a night shift crossing midnight


def rank(candidates: list[Candidate], moment: datetime) -> list[Suggestion]:
    """Candidates (already of the right trade and estate) ordered best first, each with its factors."""
    suggestions = [
        Suggestion(
            user_id=c.user_id,
            name=c.name,
            on_duty=on_duty(c, moment),
            open_orders=c.open_orders,
            rating=round(c.rating_sum / c.rated_jobs, 2) if c.rated_jobs else NEUTRAL_RATING,
            rated_jobs=c.rated_jobs,
        )
        for c in candidates
    ]
    return sorted(suggestions, key=lambda s: (not s.on_duty, s.open_orders, -s.rating, s.user_id))
