"""Receivers of other apps' domain signals (wired in FeedbackConfig.ready()); each calls one feedback service.

repairs sends both signals inside its own transaction, so what these write commits or rolls back with the
repair's step.
"""

from django.dispatch import receiver

from repairs import signals as repairs_signals

from .surveys.transactional import survey_candidates_record, survey_candidates_withdraw


@receiver(repairs_signals.work_order_confirmed, dispatch_uid="feedback.survey_after_repair")
def survey_after_repair(sender, order_id, automatic=False, **kwargs):
    """A confirmed (or auto-confirmed) repair may earn its reporters a short survey (fatigue cap permitting)."""
    survey_candidates_record(order_id=order_id)


@receiver(repairs_signals.work_order_reopened, dispatch_uid="feedback.withdraw_survey_on_reopen")
def withdraw_survey_on_reopen(sender, order_id, **kwargs):
    """A reopened repair is not finished: do not ask about it until it is confirmed again."""
    survey_candidates_withdraw(order_id=order_id)
