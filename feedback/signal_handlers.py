"""Receivers of the feedback app's signals, connected from FeedbackConfig.ready(). One function per feature,
so each feature's wiring stays a separate block."""

from feedback import signals


def connect_score_rollups() -> None:
    """Scores: each submitted response adds its sums to the rollups, inside the submitting transaction."""
    from feedback.scores.rollups import on_response_submitted

    signals.response_submitted.connect(on_response_submitted, dispatch_uid="feedback.scores.rollups")
