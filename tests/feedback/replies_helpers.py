"""Answering a survey completely, whatever its instrument asks, so a test has a rating to reply to."""

from feedback.surveys.presenting import columns
from feedback.surveys.services import Submission, survey_submit

TEN_POINTS = {"tangibles": 10, "reliability": 10, "responsiveness": 10, "competence": 10, "courtesy": 10,
              "credibility": 10, "security": 10, "access": 10, "communication": 10, "understanding": 10}  # fmt: skip


def complete_answers(survey, *, csat=4, nps=8, comment="") -> dict:
    instrument = survey.instrument
    answers = {str(item.pk): dict.fromkeys(columns(instrument), 5) for item in instrument.items.all()}
    return {"answers": answers, "weights": dict(TEN_POINTS) if instrument.asks_weights else None,
            "csat": csat if instrument.asks_csat else None, "nps": nps if instrument.asks_nps else None,
            "comment": comment}  # fmt: skip


def answer(survey, **ratings):
    """The survey's recipient answers it completely; returns the stored Response."""
    return survey_submit(survey_id=survey.pk, actor=survey.recipient, submission=Submission(**complete_answers(
        survey, **ratings)))  # fmt: skip
