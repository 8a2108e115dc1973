"""Managers' campaign pages: list with the yearly-norm flag, draft form with errors next to fields, the sample
preview, launch and close buttons, and the live per-building table."""

from datetime import timedelta

import pytest
from django.utils import timezone

from feedback.campaigns.models import Campaign
from feedback.campaigns.services import campaign_invite_batch, campaign_launch
from feedback.instruments.selectors import instrument_for
from feedback.models import Survey
from tests.feedback.campaign_helpers import add_households, draft_campaign

pytestmark = pytest.mark.django_db


def form(world, **changes):
    now = timezone.localtime()
    return {"estate": world.estate_a.pk, "name": "年度调查",
            "instrument": instrument_for(estate_id=world.estate_a.pk, purpose="campaign").pk,
            "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M"),
            "mode": "sample", "margin": "5", "confidence": "95", **changes}  # fmt: skip


def test_the_list_flags_an_estate_without_a_survey_this_year(world, web_as):
    page = web_as(world.users["manager"]).get("/staff/campaigns/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "甲小区" in page.content.decode().split("No survey in the last twelve months")[1][:200]


def test_a_manager_drafts_a_campaign_from_the_form(world, web_as):
    response = web_as(world.users["manager"]).post("/staff/campaigns/new/", form(world))
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/campaigns/{campaign.pk}/"
    assert (campaign.estate, campaign.created_by) == (world.estate_a, world.users["manager"])


def test_a_closing_time_before_the_opening_is_shown_next_to_its_field(world, web_as):
    now = timezone.localtime()
    bad = form(world, closes_at=(now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"))
    response = web_as(world.users["manager"]).post("/staff/campaigns/new/", bad)
    assert response.status_code == 200 and not Campaign.objects.exists()
    html = response.content.decode()
    assert html.index('id="id_closes_at"') < html.index('class="error"')


def test_the_draft_page_previews_the_sample_and_launch_sends_invitations(
    world, web_as, django_capture_on_commit_callbacks
):
    add_households(world.estate_a, owned=4, rented=0, building_name="2号楼")
    campaign = draft_campaign(world.estate_a, world.users["manager"])
    client = web_as(world.users["manager"])
    preview = client.get(f"/staff/campaigns/{campaign.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # 5 households (1 + 4) at ±5%/95%: 384.15 / (1 + 383.15/5) = 4.95 → 5, everyone
    assert "5 of 5 households would be asked" in preview
    assert "<tr><td>1号楼</td><td>1</td><td>1</td></tr>" in preview
    assert "<tr><td>2号楼</td><td>4</td><td>4</td></tr>" in preview
    with django_capture_on_commit_callbacks(execute=False):
        client.post(f"/staff/campaigns/{campaign.pk}/launch/")
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.RUNNING and campaign.sample_size == 5
    campaign_invite_batch(campaign_id=campaign.pk)
    page = client.get(f"/staff/campaigns/{campaign.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<th>All buildings</th><td>5</td><td>5</td><td>5</td><td>0</td>" in " ".join(page.split())
    client.post(f"/staff/campaigns/{campaign.pk}/close/")
    assert set(Survey.objects.values_list("status", flat=True)) == {"expired"}


def test_launching_twice_from_the_page_shows_why(world, web_as):
    campaign = draft_campaign(world.estate_a, world.users["manager"])
    client = web_as(world.users["manager"])
    client.post(f"/staff/campaigns/{campaign.pk}/launch/")
    page = client.post(f"/staff/campaigns/{campaign.pk}/launch/", follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "This campaign has already been launched." in page.content.decode()


def test_the_campaign_page_withholds_satisfaction_below_five_answers(world, web_as):
    add_households(world.estate_a, owned=3, rented=0, building_name="2号楼")
    manager = world.users["manager"]
    campaign = campaign_launch(actor=manager, campaign_id=draft_campaign(world.estate_a, manager).pk)
    campaign_invite_batch(campaign_id=campaign.pk)
    page = web_as(manager).get(f"/staff/campaigns/{campaign.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert html.count("Only 0 people answered; figures are shown from 5 respondents on") == 3  # 2 buildings + all
    assert "not enough answers yet to judge" in html


def test_the_campaign_list_stays_within_a_fixed_number_of_queries(world, web_as, django_assert_max_num_queries):
    client = web_as(world.users["manager"])
    client.get("/staff/campaigns/")
    for i in range(12):
        draft_campaign(world.estate_a, world.users["manager"], name=f"调查 {i}")
    with django_assert_max_num_queries(12):
        response = client.get("/staff/campaigns/")
    assert response.content.decode().count('href="/staff/campaigns/') >= 12
