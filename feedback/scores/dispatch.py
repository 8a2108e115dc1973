"""The technician service score offered to the repairs dispatcher (repairs.dispatch cannot import feedback, so
feedback registers a provider with it from FeedbackConfig.ready())."""

from datetime import date

from django.utils import timezone

PERIOD_MONTHS = 12  # a technician's score covers the surveys of the last twelve months, this one included


def _window(today: date) -> tuple[date, date]:
    end = today.replace(day=1)
    months = end.year * 12 + end.month - 1 - (PERIOD_MONTHS - 1)
    return date(months // 12, months % 12 + 1, 1), end


def technician_service_scores(estate_id: int, user_ids) -> dict:
    """{user id: (score or None, surveys)} for the dispatcher: None below the privacy floor (and for no
    surveys), which dispatch shows as "not enough surveys" and ranks as neutral."""
    from .selectors import service_scores

    start, end = _window(timezone.localdate())
    _mean, scores = service_scores(estate_id=estate_id, start=start, end=end, user_ids=user_ids)
    return {pk: (round(s.score, 2) if s else None, s.n) for pk, s in scores.items()}


def register() -> None:
    from repairs.dispatch import register_service_score_provider

    register_service_score_provider(technician_service_scores)
