"""/api/v1/me/surveys/: a resident lists, reads, drafts and answers their own surveys, and only theirs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from feedback.models import Response, Survey, SurveyDraft
from feedback.surveys.services import month_of
from tests.feedback.test_survey_responses import TEN_POINTS

pytestmark = pytest.mark.django_db


def body(survey, **changes):
    answers = {str(item.pk): {"perceived": 5, "expected": 6} for item in survey.instrument.items.all()}
    return {"answers": answers, "weights": dict(TEN_POINTS), "csat": 4, "nps": 9, "comment": "好", **changes}


def test_the_list_holds_only_my_surveys_open_ones_first(world, api_as, campaign_survey, repair_survey,
                                                        django_assert_max_num_queries):  # fmt: skip
    Survey.objects.filter(pk=repair_survey.pk).update(status=Survey.Status.EXPIRED)
    with django_assert_max_num_queries(3):
        data = api_as(world.users["owner"]).get("/api/v1/me/surveys/").json()
    assert [row["id"] for row in data["results"]] == [campaign_survey.pk, repair_survey.pk]
    assert [row["is_open"] for row in data["results"]] == [True, False]
    assert data["results"][1]["work_order"] == repair_survey.work_order_id
    assert api_as(world.users["tenant"]).get("/api/v1/me/surveys/").json()["results"] == []


def test_the_list_stays_at_a_fixed_number_of_queries(world, api_as, residential, django_assert_max_num_queries):
    owner = world.users["owner"]
    for _ in range(25):
        Survey.objects.create(kind="campaign", instrument=residential, estate=world.estate_a, recipient=owner,
                              invited_at=timezone.now(), invited_month=month_of(timezone.now()),
                              expires_at=timezone.now() + timedelta(days=3))  # fmt: skip
    with django_assert_max_num_queries(3):
        assert api_as(owner).get("/api/v1/me/surveys/").json()["count"] == 25


@pytest.mark.parametrize(
    ("language", "name", "statement", "dimension"),
    [
        ("en", "Residential property service quality survey", "Staff wear uniforms and name badges", "Reliability"),
        ("zh-hans", "住宅物业服务质量调查", "员工统一着装、佩戴工牌", "可靠性"),
    ],
)
def test_a_survey_reads_in_the_callers_language(world, api_as, campaign_survey, language, name, statement,
                                                dimension, django_assert_max_num_queries):  # fmt: skip
    with django_assert_max_num_queries(5):
        data = api_as(world.users["owner"]).get(f"/api/v1/me/surveys/{campaign_survey.pk}/",
                                                HTTP_ACCEPT_LANGUAGE=language).json()  # fmt: skip
    instrument = data["instrument"]
    assert (data["name"], data["status"], data["draft"]) == (name, "invited", None)
    assert instrument["columns"] == ["expected", "perceived"]
    assert (instrument["asks_weights"], instrument["asks_csat"], instrument["asks_nps"]) == (True, True, True)
    assert statement in [item["text"] for item in instrument["items"]] and len(instrument["items"]) == 24
    assert dimension in [d["name"] for d in instrument["dimensions"]] and len(instrument["dimensions"]) == 10


def test_a_draft_round_trips(world, api_as, campaign_survey):
    client = api_as(world.users["owner"])
    item = campaign_survey.instrument.items.first()
    draft = {"answers": {str(item.pk): {"perceived": 2}}, "weights": {"access": 30}, "comment": "未完"}
    saved = client.put(f"/api/v1/me/surveys/{campaign_survey.pk}/draft/", draft, format="json")
    assert saved.status_code == 200 and saved.json()["data"]["weights"] == {"access": 30}
    again = client.get(f"/api/v1/me/surveys/{campaign_survey.pk}/").json()["draft"]["data"]
    assert again["answers"] == draft["answers"] and again["comment"] == "未完"
    assert not Response.objects.exists()


def test_a_complete_response_is_201_and_a_second_is_409(world, api_as, campaign_survey):
    client = api_as(world.users["owner"])
    first = client.post(f"/api/v1/me/surveys/{campaign_survey.pk}/response/", body(campaign_survey), format="json")
    assert first.status_code == 201 and first.json()["survey"] == campaign_survey.pk
    assert Response.objects.get().answers.count() == 24 and not SurveyDraft.objects.exists()
    second = client.post(f"/api/v1/me/surveys/{campaign_survey.pk}/response/", body(campaign_survey), format="json")
    assert (second.status_code, second.json()["code"]) == (409, "already_answered")


def test_an_incomplete_response_is_400_naming_each_field_and_stores_nothing(world, api_as, campaign_survey):
    data = body(campaign_survey, csat=7, weights={**TEN_POINTS, "access": 0})
    first = next(iter(data["answers"]))
    data["answers"][first] = {"perceived": 8}
    response = api_as(world.users["owner"]).post(f"/api/v1/me/surveys/{campaign_survey.pk}/response/", data,
                                                 format="json")  # fmt: skip
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {
        f"answers.{first}.perceived", f"answers.{first}.expected", "weights", "csat"}  # fmt: skip
    assert not Response.objects.exists()


def test_a_closed_survey_answers_409(world, api_as, repair_survey):
    Survey.objects.filter(pk=repair_survey.pk).update(status=Survey.Status.WITHDRAWN)
    client = api_as(world.users["owner"])
    assert client.put(f"/api/v1/me/surveys/{repair_survey.pk}/draft/", {}, format="json").status_code == 409
    response = client.post(f"/api/v1/me/surveys/{repair_survey.pk}/response/", {"answers": {}}, format="json")
    assert (response.status_code, response.json()["code"]) == (409, "survey_closed")


def test_someone_elses_survey_is_404_for_every_operation(world, api_as, campaign_survey):
    client, base = api_as(world.users["tenant"]), f"/api/v1/me/surveys/{campaign_survey.pk}/"
    assert client.get(base).status_code == 404
    assert client.put(base + "draft/", {}, format="json").status_code == 404
    assert client.post(base + "response/", body(campaign_survey), format="json").status_code == 404
    assert not Response.objects.exists() and not SurveyDraft.objects.exists()
