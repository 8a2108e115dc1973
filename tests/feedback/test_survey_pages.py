"""The resident's survey pages: the list, the questionnaire in their language, drafts, errors, closed states;
and the staff page of figures for surveys after repairs."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from feedback.models import Response, Survey, SurveyDraft
from feedback.surveys.services import month_of, survey_draft_save
from tests.feedback.test_survey_responses import TEN_POINTS

pytestmark = pytest.mark.django_db


def page(web_as, user, url, language="en", **post):
    client = web_as(user)
    client.cookies["django_language"] = language
    return client.post(url, post) if post else client.get(url)


def form_answers(survey, perceived=5, expected=6):
    """The POST fields of a complete answer to the two-column estate-wide survey."""
    data = {}
    for item in survey.instrument.items.all():
        data[f"a{item.pk}_perceived"], data[f"a{item.pk}_expected"] = perceived, expected
    data.update({f"w_{key}": points for key, points in TEN_POINTS.items()})
    return {**data, "csat": 4, "nps": 9, "comment": "电梯很干净"}


def url(survey):
    return f"/me/surveys/{survey.pk}/"


def test_the_list_shows_open_surveys_first_with_their_closing_date(world, web_as, campaign_survey, repair_survey):
    Survey.objects.filter(pk=repair_survey.pk).update(status=Survey.Status.ANSWERED, answered_at=timezone.now())
    html = page(web_as, world.users["owner"], "/me/surveys/", "zh-hans").content.decode()
    assert html.index("住宅物业服务质量调查") < html.index("维修回访")  # open first, in the resident's language
    assert timezone.localtime(campaign_survey.expires_at).strftime("%Y-%m-%d") in html
    assert f"#{repair_survey.work_order_id}" in html


def test_the_list_holds_only_my_own_surveys(world, web_as, campaign_survey):
    html = page(web_as, world.users["tenant"], "/me/surveys/").content.decode()
    assert url(campaign_survey) not in html


def test_the_survey_reads_in_english_with_stems_scale_labels_and_dimension_definitions(world, web_as, campaign_survey):
    response = page(web_as, world.users["owner"], url(campaign_survey), "en")
    html = response.content.decode()
    assert "Residential property service quality survey" in html
    assert html.index("An excellent property company would…") < html.index("Our property company…")
    assert "Lobbies, corridors and lifts are clean and well kept" in html
    assert "1 = strongly disagree" in html and "7 = strongly agree" in html
    assert "Willingness to help customers and provide prompt service." not in html  # a 1988 roll-up, not asked
    assert "Making the effort to understand" in html or "Understanding" in html
    assert html.count('type="radio"') == 24 * 2 * 7 + 5 + 11
    nonce = re.search(r'<script src="/static/feedback/survey.js" nonce="([^"]+)"', html).group(1)
    assert f"'nonce-{nonce}'" in response.headers["Content-Security-Policy"]


def test_the_survey_reads_in_chinese(world, web_as, campaign_survey):
    html = page(web_as, world.users["owner"], url(campaign_survey), "zh-hans").content.decode()
    assert "住宅物业服务质量调查" in html and "大堂、楼道、电梯干净整洁、维护良好" in html
    assert "可靠性" in html  # dimension names for the 100 points
    assert "Lobbies, corridors" not in html


def test_a_draft_is_saved_and_prefilled_next_time(world, web_as, campaign_survey):
    owner = world.users["owner"]
    first = campaign_survey.instrument.items.first()
    response = page(web_as, owner, url(campaign_survey), save="1", **{f"a{first.pk}_perceived": 3, "w_access": 40})
    assert response.status_code == 302
    assert SurveyDraft.objects.get().data["answers"] == {str(first.pk): {"perceived": 3}}
    assert not Response.objects.exists()
    html = page(web_as, owner, url(campaign_survey)).content.decode()
    assert re.search(rf'name="a{first.pk}_perceived" value="3"[^>]*checked', html)
    assert re.search(r'name="w_access" value="40"', html)


def test_a_submission_with_errors_shows_each_next_to_its_field_and_stores_nothing(world, web_as, campaign_survey):
    data = form_answers(campaign_survey)
    items = list(campaign_survey.instrument.items.all())
    del data[f"a{items[0].pk}_expected"]
    data[f"a{items[1].pk}_perceived"] = 9  # not a choice
    data["w_access"] = 0  # the points now add up to 95
    response = page(web_as, world.users["owner"], url(campaign_survey), submit="1", **data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[f"a{items[0].pk}_expected"] == ["This answer is required."]
    assert f"a{items[1].pk}_perceived" in form.errors
    assert form.group_errors["weights"] == ["The points add up to 95; they must add up to 100."]
    html = response.content.decode()
    assert "This answer is required." in html and "they must add up to 100" in html
    assert not Response.objects.exists() and not SurveyDraft.objects.exists()
    campaign_survey.refresh_from_db()
    assert campaign_survey.status == Survey.Status.INVITED


def test_a_complete_submission_counts_and_the_page_then_thanks_the_resident(world, web_as, campaign_survey):
    owner = world.users["owner"]
    survey_draft_save(survey_id=campaign_survey.pk, actor=owner, data={"answers": {}})
    response = page(web_as, owner, url(campaign_survey), submit="1", **form_answers(campaign_survey))
    assert response.status_code == 302
    saved = Response.objects.get()
    assert (saved.csat, saved.nps, saved.comment, saved.answers.count()) == (4, 9, "电梯很干净", 24)
    html = page(web_as, owner, url(campaign_survey)).content.decode()
    assert "Thank you! We received your answers" in html and 'type="radio"' not in html


def test_the_repair_survey_asks_perceptions_and_satisfaction_only(world, web_as, repair_survey):
    html = page(web_as, world.users["owner"], url(repair_survey)).content.decode()
    assert "An excellent property company would" not in html and "Our property company…" in html
    assert html.count('type="radio"') == 10 * 7 + 5 and 'name="w_' not in html and 'name="nps"' not in html
    assert f"repair #{repair_survey.work_order_id}" in html


@pytest.mark.parametrize(
    ("status", "text"),
    [("expired", "This survey closed on"), ("withdrawn", "because the repair was reopened")],
)
def test_a_closed_survey_shows_a_friendly_state(world, web_as, repair_survey, status, text):
    Survey.objects.filter(pk=repair_survey.pk).update(status=status)
    response = page(web_as, world.users["owner"], url(repair_survey), submit="1")
    html = page(web_as, world.users["owner"], url(repair_survey)).content.decode()
    assert text in html and response.status_code == 200 and not Response.objects.exists()


def test_someone_elses_survey_is_not_found(world, web_as, campaign_survey):
    assert page(web_as, world.users["tenant"], url(campaign_survey)).status_code == 404
    assert page(web_as, world.users["tenant"], url(campaign_survey), save="1").status_code == 404


def test_the_home_page_shows_surveys_waiting(world, web_as, campaign_survey, repair_survey):
    Survey.objects.filter(pk=repair_survey.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    html = page(web_as, world.users["owner"], "/me/", "en").content.decode()
    assert "Surveys waiting for you" in html and url(campaign_survey) in html and url(repair_survey) not in html
    assert "Surveys waiting for you" not in page(web_as, world.users["tenant"], "/me/").content.decode()


def test_pages_keep_to_a_fixed_number_of_queries(world, web_as, residential, campaign_survey,
                                                 django_assert_max_num_queries):  # fmt: skip
    owner = world.users["owner"]
    client = web_as(owner)
    for _ in range(15):
        Survey.objects.create(kind="campaign", instrument=residential, estate=world.estate_a, recipient=owner,
                              invited_at=timezone.now(), invited_month=month_of(timezone.now()),
                              expires_at=timezone.now() + timedelta(days=3))  # fmt: skip
    with django_assert_max_num_queries(12):
        assert client.get("/me/surveys/").status_code == 200
    with django_assert_max_num_queries(10):  # the session, user and device, then survey, items and draft
        assert client.get(url(campaign_survey)).status_code == 200
    # the home page with its panels (one query each for surveys and votes; the whole page's exact count for a
    # resident is in tests/portal/test_resident_page_queries.py), plus web_as's two-factor checks
    with django_assert_max_num_queries(19):
        assert client.get("/me/").status_code == 200


def test_staff_see_what_the_fatigue_cap_held_back(world, web_as, repair_survey):
    response = page(web_as, world.users["manager"], "/staff/surveys/repairs/")
    rows = response.context["rows"]
    assert [row["estate"].slug for row in rows] == ["alpha"]
    assert (rows[0]["figures"].sent, rows[0]["cap_days"]) == (1, 14)
    assert "Skipped by the fatigue cap" in response.content.decode()
    assert page(web_as, world.users["dispatcher"], "/staff/surveys/repairs/").status_code == 403
