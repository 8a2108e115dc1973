"""A response is all or nothing: complete and in range, or refused with every problem named and nothing stored."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.formats import date_format

from core.errors import Conflict, InvalidTransition, NotPermitted
from core.models import OutboxMessage
from feedback import signals
from feedback.models import ImportanceWeight, ItemAnswer, Response, Survey, SurveyDraft
from feedback.surveys.services import (
    Submission,
    survey_draft_save,
    survey_settings,
    survey_submit,
    surveys_expire_due,
    surveys_remind_due,
)

pytestmark = pytest.mark.django_db

TEN_POINTS = {"tangibles": 10, "reliability": 20, "responsiveness": 10, "competence": 10, "courtesy": 5,
              "credibility": 10, "security": 15, "access": 5, "communication": 10, "understanding": 5}  # fmt: skip


def complete(survey, **changes):
    answers = {str(item.pk): {"perceived": 5, "expected": 6} for item in survey.instrument.items.all()}
    fields = {"answers": answers, "weights": dict(TEN_POINTS), "csat": 4, "nps": 9, "comment": "还不错"}
    return Submission(**{**fields, **changes})


def nothing_stored(survey):
    survey.refresh_from_db()
    return (survey.status == Survey.Status.INVITED and not Response.objects.exists()
            and not ItemAnswer.objects.exists() and not ImportanceWeight.objects.exists())  # fmt: skip


def test_a_complete_response_stores_every_answer_points_and_ratings(world, campaign_survey):
    owner = world.users["owner"]
    survey_draft_save(survey_id=campaign_survey.pk, actor=owner, data={"answers": {}})
    received = []
    signals.response_submitted.connect(lambda sender, response_id, **kw: received.append(response_id), weak=False,
                                       dispatch_uid="test-received")  # fmt: skip
    try:
        response = survey_submit(survey_id=campaign_survey.pk, actor=owner, submission=complete(campaign_survey))
    finally:
        signals.response_submitted.disconnect(dispatch_uid="test-received")
    assert received == [response.pk]
    assert response.answers.count() == campaign_survey.instrument.items.count() == 24
    assert {(a.perceived, a.expected, a.minimum) for a in response.answers.all()} == {(5, 6, None)}
    assert dict(response.weights.values_list("dimension", "points")) == TEN_POINTS
    assert (response.csat, response.nps, response.comment) == (4, 9, "还不错")
    assert (response.estate_id, response.building_id, response.unit_id) == (
        world.estate_a.pk, world.unit_a.building_id, world.unit_a.pk)  # fmt: skip
    campaign_survey.refresh_from_db()
    assert campaign_survey.status == Survey.Status.ANSWERED and campaign_survey.answered_at
    assert not SurveyDraft.objects.exists()  # the draft is gone once the response counts


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda a: a.update({"perceived": 8}), "perceived"),
        (lambda a: a.update({"expected": 0}), "expected"),
        (lambda a: a.update({"perceived": 4.5}), "perceived"),
        (lambda a: a.update({"perceived": True}), "perceived"),
        (lambda a: a.pop("expected"), "expected"),
    ],
    ids=["above-7", "below-1", "fraction", "boolean", "missing-column"],
)
def test_an_out_of_range_or_missing_rating_is_named_and_nothing_is_stored(world, campaign_survey, change, field):
    submission = complete(campaign_survey)
    first = next(iter(submission.answers))
    change(submission.answers[first])
    with pytest.raises(ValidationError) as exc:
        survey_submit(survey_id=campaign_survey.pk, actor=world.users["owner"], submission=submission)
    assert list(exc.value.message_dict) == [f"answers.{first}.{field}"]
    assert nothing_stored(campaign_survey)


def test_a_missing_statement_an_unknown_one_and_an_unasked_column_are_each_named(world, campaign_survey):
    submission = complete(campaign_survey)
    items = list(submission.answers)
    del submission.answers[items[0]]
    submission.answers["999999"] = {"perceived": 3, "expected": 3}
    submission.answers[items[1]]["minimum"] = 3
    with pytest.raises(ValidationError) as exc, translation.override("en"):
        survey_submit(survey_id=campaign_survey.pk, actor=world.users["owner"], submission=submission)
    assert set(exc.value.message_dict) == {
        f"answers.{items[0]}.perceived",
        f"answers.{items[0]}.expected",
        "answers.999999",
        f"answers.{items[1]}",
    }
    assert exc.value.message_dict["answers.999999"] == ["Statement 999999 is not part of this survey."]
    assert nothing_stored(campaign_survey)


@pytest.mark.parametrize(
    ("weights", "field"),
    [
        ({**TEN_POINTS, "access": 6}, "weights"),
        ({**TEN_POINTS, "speed": 0}, "weights.speed"),
        ({**TEN_POINTS, "access": -5, "security": 25}, "weights.access"),
        (None, "weights"),
    ],
    ids=["sum-101", "unknown-dimension", "negative", "missing"],
)
def test_importance_points_must_sum_to_100_over_known_dimensions(world, campaign_survey, weights, field):
    with pytest.raises(ValidationError) as exc:
        survey_submit(survey_id=campaign_survey.pk, actor=world.users["owner"],
                      submission=complete(campaign_survey, weights=weights))  # fmt: skip
    assert field in exc.value.message_dict
    assert nothing_stored(campaign_survey)


def test_points_may_leave_a_dimension_at_zero_by_omitting_it(world, campaign_survey):
    weights = {**TEN_POINTS, "reliability": 25, "courtesy": 0}
    del weights["courtesy"]
    response = survey_submit(survey_id=campaign_survey.pk, actor=world.users["owner"],
                             submission=complete(campaign_survey, weights=weights))  # fmt: skip
    assert response.weights.get(dimension="courtesy").points == 0
    assert sum(response.weights.values_list("points", flat=True)) == 100


@pytest.mark.parametrize(
    ("csat", "nps", "field"), [(6, 9, "csat"), (None, 9, "csat"), (4, 11, "nps"), (4, None, "nps")]
)
def test_satisfaction_and_recommendation_are_checked(world, campaign_survey, csat, nps, field):
    with pytest.raises(ValidationError) as exc:
        survey_submit(survey_id=campaign_survey.pk, actor=world.users["owner"],
                      submission=complete(campaign_survey, csat=csat, nps=nps))  # fmt: skip
    assert list(exc.value.message_dict) == [field]
    assert nothing_stored(campaign_survey)


def test_a_second_response_to_the_same_survey_is_refused(world, campaign_survey):
    owner = world.users["owner"]
    survey_submit(survey_id=campaign_survey.pk, actor=owner, submission=complete(campaign_survey))
    with pytest.raises(Conflict) as exc:
        survey_submit(survey_id=campaign_survey.pk, actor=owner, submission=complete(campaign_survey))
    assert exc.value.code == "already_answered"
    assert Response.objects.count() == 1


def test_only_the_person_asked_may_answer(world, campaign_survey):
    with pytest.raises(NotPermitted):
        survey_submit(survey_id=campaign_survey.pk, actor=world.users["tenant"], submission=complete(campaign_survey))
    assert nothing_stored(campaign_survey)


def test_a_closed_survey_takes_no_answers_or_drafts(world, campaign_survey):
    Survey.objects.filter(pk=campaign_survey.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(InvalidTransition):
        survey_submit(survey_id=campaign_survey.pk, actor=world.users["owner"], submission=complete(campaign_survey))
    with pytest.raises(InvalidTransition):
        survey_draft_save(survey_id=campaign_survey.pk, actor=world.users["owner"], data={})


def test_a_draft_is_kept_replaced_and_never_counted(world, campaign_survey):
    owner = world.users["owner"]
    survey_draft_save(survey_id=campaign_survey.pk, actor=owner, data={"answers": {"1": {"perceived": 3}}})
    survey_draft_save(survey_id=campaign_survey.pk, actor=owner, data={"answers": {"1": {"perceived": 4}}})
    assert SurveyDraft.objects.get().data == {"answers": {"1": {"perceived": 4}}}
    assert not Response.objects.exists()
    with pytest.raises(ValidationError):
        survey_draft_save(survey_id=campaign_survey.pk, actor=owner, data={"x": "y" * 30_000})


def test_the_invitation_goes_out_in_the_residents_language_with_the_closing_date(world, campaign_survey):
    messages = OutboxMessage.objects.filter(recipient_id=world.users["owner"].pk)
    assert {m.subject for m in messages} == {"请告诉我们服务得怎么样：住宅物业服务质量调查"}
    with translation.override("zh-hans"):
        closing = date_format(timezone.localtime(campaign_survey.expires_at).date())
    assert all(closing in m.body for m in messages)


def test_one_reminder_after_the_configured_days_then_expiry_drops_the_draft(world, campaign_survey):
    owner = world.users["owner"]
    days = survey_settings(world.estate_a.pk).reminder_days
    invited = campaign_survey.invited_at
    assert surveys_remind_due(now=invited + timedelta(days=days) - timedelta(minutes=1)) == 0
    assert surveys_remind_due(now=invited + timedelta(days=days)) == 1
    assert surveys_remind_due(now=invited + timedelta(days=days, hours=1)) == 0  # one reminder, ever
    assert OutboxMessage.objects.filter(event_key=f"survey.{campaign_survey.pk}.remind").exists()
    survey_draft_save(survey_id=campaign_survey.pk, actor=owner, data={"answers": {}})
    assert surveys_expire_due(now=campaign_survey.expires_at - timedelta(seconds=1)) == 0
    assert surveys_expire_due(now=campaign_survey.expires_at) == 1
    campaign_survey.refresh_from_db()
    assert campaign_survey.status == Survey.Status.EXPIRED and not SurveyDraft.objects.exists()
    assert surveys_remind_due(now=campaign_survey.expires_at) == 0
