"""Staff reply publicly to a rating (a survey response): who may, what is refused, what the resident sees."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from core.errors import Conflict
from core.models import AuditEvent, OutboxMessage
from feedback.instruments.selectors import instrument_for
from feedback.models import ResponseReply, Survey
from feedback.replies.selectors import responses_to_answer
from feedback.replies.services import reply_to_response
from feedback.surveys.services import Invitation, survey_invite
from tests.feedback.replies_helpers import answer

pytestmark = pytest.mark.django_db


def survey_in_b(world):
    """An estate-wide survey of beta sent to B's household."""
    return survey_invite(Invitation(
        kind=Survey.Kind.CAMPAIGN, instrument=instrument_for(estate_id=world.estate_b.pk, purpose="campaign"),
        recipient=world.users["other_household"], estate_id=world.estate_b.pk,
        building_id=world.unit_b.building_id, unit_id=world.unit_b.pk,
    ))  # fmt: skip


@pytest.fixture
def rated(campaign_survey):
    """The owner of unit A was not satisfied and said why."""
    return answer(campaign_survey, csat=2, comment="维修师傅迟到了")


def test_a_dispatcher_replies_once_and_the_resident_is_told(world, rated, campaign_survey):
    reply = reply_to_response(response_id=rated.pk, actor=world.users["dispatcher"], body="  抱歉，已提醒师傅准时。 ")
    assert (reply.body, reply.author_role) == ("抱歉，已提醒师傅准时。", "dispatcher")
    audit = AuditEvent.objects.get(action="survey_response.reply")
    assert (audit.object_id, audit.estate_id, audit.actor) == (
        str(reply.pk),
        world.estate_a.pk,
        world.users["dispatcher"],
    )
    sent = OutboxMessage.objects.filter(recipient=world.users["owner"], event_key=f"survey_response.{rated.pk}.reply")
    assert sent.exists() and {m.link for m in sent} == {f"/me/surveys/{campaign_survey.pk}/"}
    assert all("抱歉" in m.body for m in sent)


def test_a_manager_replies_as_manager(world, rated):
    assert reply_to_response(response_id=rated.pk, actor=world.users["manager"], body="谢谢").author_role == "manager"


def test_a_second_reply_is_a_conflict_and_the_first_stays(world, rated):
    reply_to_response(response_id=rated.pk, actor=world.users["dispatcher"], body="第一条")
    with pytest.raises(Conflict):
        reply_to_response(response_id=rated.pk, actor=world.users["manager"], body="第二条")
    assert list(ResponseReply.objects.values_list("body", flat=True)) == ["第一条"]


@pytest.mark.parametrize("body", ["", "   ", "长" * 2001])
def test_an_empty_or_overlong_reply_names_the_body_and_saves_nothing(world, rated, body):
    with pytest.raises(ValidationError) as caught:
        reply_to_response(response_id=rated.pk, actor=world.users["dispatcher"], body=body)
    assert "body" in caught.value.message_dict
    assert (
        not ResponseReply.objects.exists()
        and not OutboxMessage.objects.filter(event_key__startswith="survey_response.").exists()
    )


@pytest.mark.parametrize("role", ["manager_b", "technician", "committee", "owner"])
def test_a_rating_outside_the_actors_handling_estates_is_not_found(world, rated, role):
    with pytest.raises(Http404):
        reply_to_response(response_id=rated.pk, actor=world.users[role], body="你好")
    assert not ResponseReply.objects.exists()


def test_the_list_holds_comments_and_low_ratings_of_my_estates_newest_first(world, rated, repair_survey):
    happy_silent = answer(repair_survey, csat=5, comment="")
    happy_comment = answer(survey_in_b(world), csat=5, comment="很满意")
    assert list(responses_to_answer(user=world.users["dispatcher"])) == [rated]
    assert happy_silent not in responses_to_answer(user=world.users["admin"])
    assert list(responses_to_answer(user=world.users["admin"])) == [happy_comment, rated]
    assert list(responses_to_answer(user=world.users["manager_b"])) == [happy_comment]
    assert not responses_to_answer(user=world.users["technician"]).exists()


def test_the_resident_sees_the_reply_by_role_on_the_page_and_in_the_api(world, web_as, api_as, rated, campaign_survey):
    url = f"/me/surveys/{campaign_survey.pk}/"
    assert "维修师傅" not in web_as(world.users["owner"]).get(url).content.decode()  # nothing to show yet
    assert api_as(world.users["owner"]).get(f"/api/v1{url}").json()["reply"] is None
    reply_to_response(response_id=rated.pk, actor=world.users["manager"], body="已与维修班组沟通，谢谢反馈")
    client = web_as(world.users["owner"])
    client.cookies["django_language"] = "en"
    html = client.get(url).content.decode()
    assert "已与维修班组沟通，谢谢反馈" in html and "Manager" in html
    assert world.users["manager"].username not in html
    body = api_as(world.users["owner"]).get(f"/api/v1{url}").json()["reply"]
    assert body["body"] == "已与维修班组沟通，谢谢反馈" and body["author_role"] == "manager"
    assert set(body) == {"body", "created_at", "author_role", "author_role_label"}  # no author name or id


def test_staff_reply_through_the_page_and_see_it_listed(world, web_as, rated, repair_survey):
    answer(repair_survey, csat=1, comment="又坏了")
    client = web_as(world.users["dispatcher"])
    page = client.get("/staff/surveys/responses/").content.decode()
    assert "维修师傅迟到了" in page and f"/staff/work-orders/{repair_survey.work_order_id}/" in page
    done = client.post(f"/staff/surveys/responses/{rated.pk}/reply/", {"body": "已处理"})
    assert done.status_code == 302 and ResponseReply.objects.get().body == "已处理"
    assert "已处理" in client.get("/staff/surveys/responses/").content.decode()


def test_staff_reply_through_the_api_and_get_409_the_second_time(world, api_as, rated):
    client = api_as(world.users["dispatcher"])
    first = client.post(f"/api/v1/staff/survey-responses/{rated.pk}/reply/", {"body": "收到"}, format="json")
    assert first.status_code == 201 and first.json()["author_role"] == "dispatcher"
    again = client.post(f"/api/v1/staff/survey-responses/{rated.pk}/reply/", {"body": "再次"}, format="json")
    assert again.status_code == 409
    listed = client.get("/api/v1/staff/survey-responses/").json()["results"]
    assert [(row["id"], row["reply"]["body"]) for row in listed] == [(rated.pk, "收到")]


def test_an_empty_reply_through_the_api_is_a_400_naming_body(world, api_as, rated):
    answer_ = api_as(world.users["dispatcher"]).post(f"/api/v1/staff/survey-responses/{rated.pk}/reply/",
                                                     {"body": " "}, format="json")  # fmt: skip
    assert answer_.status_code == 400 and "body" in answer_.json()["errors"]


def _many_rated(world, count):
    for n in range(count):
        survey = survey_invite(Invitation(
            kind=Survey.Kind.CAMPAIGN, instrument=instrument_for(estate_id=world.estate_a.pk, purpose="campaign"),
            recipient=world.users["owner"], estate_id=world.estate_a.pk, building_id=world.unit_a.building_id,
            unit_id=world.unit_a.pk,
        ))  # fmt: skip
        response = answer(survey, csat=2, comment=f"意见 {n}")
        if n % 2:
            reply_to_response(response_id=response.pk, actor=world.users["manager"], body=f"回复 {n}")


def test_the_staff_page_and_list_cost_a_fixed_number_of_queries(world, web_as, api_as, django_assert_max_num_queries):
    _many_rated(world, 2)
    client, api = web_as(world.users["dispatcher"]), api_as(world.users["dispatcher"])
    client.get("/staff/surveys/responses/")  # warm the session and caches
    with django_assert_max_num_queries(12) as few_page:
        assert client.get("/staff/surveys/responses/").status_code == 200
    with django_assert_max_num_queries(10) as few_api:
        assert api.get("/api/v1/staff/survey-responses/").status_code == 200
    _many_rated(world, 8)
    with django_assert_max_num_queries(len(few_page.captured_queries)):
        assert client.get("/staff/surveys/responses/").content.decode().count('id="response-') == 10
    with django_assert_max_num_queries(len(few_api.captured_queries)):
        assert len(api.get("/api/v1/staff/survey-responses/").json()["results"]) == 10
