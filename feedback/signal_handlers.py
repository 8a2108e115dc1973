"""Receivers of domain signals (wired in FeedbackConfig.ready()); each calls one feedback service.

repairs sends its signals inside its own transaction, and survey_submit sends response_submitted inside its
own, so what these write commits or rolls back with the step that caused it.
"""

from django.dispatch import receiver

from repairs import signals as repairs_signals

from . import signals
from .scores.rollups import on_response_submitted
from .surveys.transactional import survey_candidates_record, survey_candidates_withdraw


@receiver(repairs_signals.work_order_confirmed, dispatch_uid="feedback.survey_after_repair")
def survey_after_repair(sender, order_id, automatic=False, **kwargs):
    """A confirmed (or auto-confirmed) repair may earn its reporters a short survey (fatigue cap permitting)."""
    survey_candidates_record(order_id=order_id)


@receiver(repairs_signals.work_order_reopened, dispatch_uid="feedback.withdraw_survey_on_reopen")
def withdraw_survey_on_reopen(sender, order_id, **kwargs):
    """A reopened repair is not finished: do not ask about it until it is confirmed again."""
    survey_candidates_withdraw(order_id=order_id)


# Scores: each submitted response adds its sums to the rollups, inside the submitting transaction.
signals.response_submitted.connect(on_response_submitted, dispatch_uid="feedback.scores.rollups")
