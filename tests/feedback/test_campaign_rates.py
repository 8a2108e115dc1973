"""Live response rates per building, 满意率 behind the five-respondent floor against the level-1 target, and
the yearly-survey norm per estate."""

from datetime import timedelta

import pytest
from django.utils import timezone

from feedback import scoring
from feedback.campaigns import selectors
from feedback.campaigns.models import Campaign
from feedback.campaigns.services import campaign_close, campaign_invite_batch, campaign_launch
from feedback.models import Survey
from feedback.surveys.services import survey_submit
from tests.feedback.campaign_helpers import add_households, complete, draft_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(world):
    """A census of alpha: 1号楼 has 1 household (unit A), 2号楼 has 8; all invited."""
    add_households(world.estate_a, owned=8, rented=0, building_name="2号楼")
    manager = world.users["manager"]
    campaign = campaign_launch(actor=manager, campaign_id=draft_campaign(world.estate_a, manager).pk)
    campaign_invite_batch(campaign_id=campaign.pk)
    return campaign


def answer(campaign, building_name, csats):
    surveys = Survey.objects.filter(campaign=campaign, building__name=building_name, status="invited")
    for survey, csat in zip(surveys.order_by("pk"), csats, strict=False):
        survey_submit(survey_id=survey.pk, actor=survey.recipient, submission=complete(survey, csat=csat))


def test_rates_per_building_and_overall_count_invited_and_answered(running):
    answer(running, "2号楼", [5, 4, 2])
    rates = selectors.response_rates(campaign=running)
    by_name = {row.name: row for row in rates.buildings}
    assert [(r.households, r.drawn, r.invited, r.answered) for r in (by_name["1号楼"], by_name["2号楼"])] == [
        (1, 1, 1, 0),
        (8, 8, 8, 3),
    ]
    assert by_name["1号楼"].rate == 0 and by_name["2号楼"].rate == pytest.approx(37.5)  # 3 ÷ 8
    assert (rates.overall.invited, rates.overall.answered) == (9, 3)
    assert rates.overall.rate == pytest.approx(100 * 3 / 9)


def test_satisfaction_is_withheld_below_five_answers_with_the_reason(running):
    answer(running, "2号楼", [5, 4, 2, 5])
    rates = selectors.response_rates(campaign=running)
    assert isinstance(rates.overall.satisfaction, scoring.Suppressed) and rates.overall.satisfaction.n == 4
    assert "5" in rates.overall.satisfaction.reason
    assert rates.meets_level_1 is None


def test_satisfaction_from_five_answers_and_the_level_1_target(running):
    answer(running, "2号楼", [5, 4, 4, 4, 2])
    rates = selectors.response_rates(campaign=running)
    # 4 of 5 said 满意 (4) or 非常满意 (5): 80%, exactly the level-1 target
    assert rates.overall.satisfaction.percent == pytest.approx(80.0) and rates.meets_level_1 is True
    assert isinstance({r.name: r for r in rates.buildings}["1号楼"].satisfaction, scoring.Suppressed)
    answer(running, "2号楼", [3])
    # 4 of 6: 66.7%
    assert selectors.response_rates(campaign=running).meets_level_1 is False


def test_rates_take_three_queries_however_many_buildings(running, django_assert_max_num_queries):
    answer(running, "2号楼", [5])
    campaign = Campaign.objects.select_related("instrument").get(pk=running.pk)
    with django_assert_max_num_queries(3):
        selectors.response_rates(campaign=campaign)


def test_an_estate_without_a_campaign_in_twelve_months_is_flagged(world, running):
    manager, now = world.users["manager"], timezone.now()
    rows = {row.estate.slug: row for row in selectors.last_campaign_per_estate(user=world.users["admin"])}
    assert rows["alpha"].last == running and not rows["alpha"].overdue(now)
    assert rows["beta"].last is None and rows["beta"].overdue(now)
    assert [e.slug for e in selectors.estates_without_recent_campaign(user=manager)] == []
    assert [e.slug for e in selectors.estates_without_recent_campaign(user=manager, now=now + timedelta(days=400))] == [
        "alpha"
    ]
    campaign_close(actor=manager, campaign_id=running.pk)  # closed still counts: it was run
    assert not selectors.last_campaign_per_estate(user=manager)[0].overdue(now)


def test_a_draft_does_not_count_toward_the_yearly_norm(world):
    draft_campaign(world.estate_b, world.users["manager_b"])
    assert [e.slug for e in selectors.estates_without_recent_campaign(user=world.users["manager_b"])] == ["beta"]
