"""Dispatch ranking: a pure function over plain data. Which technician should take an order, and why.

Order of preference: on duty now, then fewest open orders, then the best service score (服务分值) from the
surveys after repairs, then the best residents' confirmation rating (a neutral 3.0 until a technician has
rated jobs), then the lowest id so the result is stable.

The service score comes from the feedback app, which repairs must not import: feedback registers a provider
(`register_service_score_provider`) when it starts. Without a provider, or for a technician with fewer surveys
than the feedback app's privacy floor, the score is None ("not enough surveys") and ranks as neutral (3.0,
the middle of the 1–5 scale both ratings use).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time

NEUTRAL_RATING = 3.0

# (estate id, user ids) → {user id: (service score or None, surveys counted)}
ServiceScoreProvider = Callable[[int, list], dict]
_providers: list[ServiceScoreProvider] = []


def register_service_score_provider(provider: ServiceScoreProvider) -> None:
    """Install the source of technicians' service scores (the feedback app registers one; the latest wins)."""
    if provider not in _providers:
        _providers.append(provider)


def unregister_service_score_provider(provider: ServiceScoreProvider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def service_scores(estate_id: int, user_ids: list) -> dict:
    """{user id: (score or None, surveys)} from the registered provider; {} without one."""
    return _providers[-1](estate_id, list(user_ids)) if _providers and user_ids else {}


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
    service_score: float | None = None  # 服务分值 (1–5), None below the feedback app's privacy floor
    service_surveys: int = 0


@dataclass(frozen=True)
class Suggestion:
    user_id: int
    name: str
    on_duty: bool
    open_orders: int
    rating: float
    rated_jobs: int
    service_score: float | None = None
    service_surveys: int = 0

    @property
    def ranking_score(self) -> float:
        return NEUTRAL_RATING if self.service_score is None else self.service_score


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
            service_score=c.service_score,
            service_surveys=c.service_surveys,
        )
        for c in candidates
    ]
    return sorted(suggestions, key=lambda s: (not s.on_duty, s.open_orders, -s.ranking_score, -s.rating, s.user_id))
