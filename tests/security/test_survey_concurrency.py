"""Answering one survey invitation from two places at once, and answering it as it expires, in two real
transactions (SECURITY.md §2c, issue 7 "Concurrency"): exactly one outcome wins, 20 times out of 20.

Only PostgreSQL shows anything here: SQLite ignores select_for_update and serialises writers itself.
"""

from datetime import timedelta
from functools import partial

import pytest
from django.utils import timezone

from core.errors import Conflict, InvalidTransition
from feedback.instruments.selectors import instrument_for
from feedback.models import ItemAnswer, Response, Survey, SurveyDraft
from feedback.surveys.services import (
    Invitation,
    Submission,
    survey_draft_save,
    survey_invite,
    survey_submit,
    surveys_expire_due,
)
from tests.concurrency import POSTGRES_RACE, together
from tests.feedback.replies_helpers import complete_answers

pytestmark = POSTGRES_RACE
ROUNDS = 20


@pytest.fixture(autouse=True)
def _no_publish(monkeypatch):
    """These commits are real, so the outbox would publish to the suite's broker."""
    monkeypatch.setattr("core.outbox._publish", lambda ids: None)


def _invited(world, *, expires_at=None) -> Survey:
    return survey_invite(
        Invitation(
            kind=Survey.Kind.CAMPAIGN,
            instrument=instrument_for(estate_id=world.estate_a.pk, purpose="campaign"),
            recipient=world.users["owner"],
            estate_id=world.estate_a.pk,
            building_id=world.unit_a.building_id,
            unit_id=world.unit_a.pk,
            expires_at=expires_at,
        )
    )


def _submit(survey, **ratings):
    return partial(
        survey_submit,
        survey_id=survey.pk,
        actor=survey.recipient,
        submission=Submission(**complete_answers(survey, **ratings)),
    )


def test_two_answers_to_one_invitation_at_once_count_once_20_times_out_of_20(world):
    for _ in range(ROUNDS):
        survey = _invited(world)
        outcomes = together(_submit(survey, csat=5, comment="手机上"), _submit(survey, csat=1, comment="电脑上"))
        [winner] = [o for o in outcomes if isinstance(o, Response)]
        [loser] = [o for o in outcomes if not isinstance(o, Response)]
        assert isinstance(loser, Conflict) and loser.code == "already_answered", loser
        stored = Response.objects.get(survey=survey)
        assert stored.pk == winner.pk and (stored.csat, stored.comment) == (winner.csat, winner.comment)
        assert ItemAnswer.objects.filter(response__survey=survey).count() == survey.instrument.items.count()
        survey.refresh_from_db()
        assert survey.status == Survey.Status.ANSWERED and survey.answered_at == stored.submitted_at


def test_an_answer_racing_the_expiry_is_either_counted_or_refused_20_times_out_of_20(world):
    for _ in range(ROUNDS):
        survey = _invited(world, expires_at=timezone.now() + timedelta(seconds=30))
        answer, _expired = together(
            _submit(survey), partial(surveys_expire_due, now=survey.expires_at + timedelta(seconds=1))
        )
        survey.refresh_from_db()
        if isinstance(answer, Response):
            assert survey.status == Survey.Status.ANSWERED and Response.objects.filter(survey=survey).count() == 1
        else:
            assert isinstance(answer, InvalidTransition) and answer.code == "survey_closed", answer
            assert survey.status == Survey.Status.EXPIRED and not Response.objects.filter(survey=survey).exists()


def test_a_draft_saved_while_the_answer_goes_in_never_outlives_it_20_times_out_of_20(world):
    for _ in range(ROUNDS):
        survey = _invited(world)
        draft = partial(survey_draft_save, survey_id=survey.pk, actor=survey.recipient, data={"answers": {}})
        answer, saved = together(_submit(survey), draft)
        assert isinstance(answer, Response), answer
        assert isinstance(saved, SurveyDraft) or (isinstance(saved, Conflict) and saved.code == "already_answered")
        assert not SurveyDraft.objects.filter(survey=survey).exists()  # an answered survey keeps no draft
