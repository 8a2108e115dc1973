"""Building blocks for campaign tests: more households, a draft campaign, a complete response."""

from datetime import timedelta

from django.utils import timezone

from feedback.campaigns.services import CampaignInput, campaign_create
from feedback.instruments.selectors import instrument_for
from feedback.surveys.services import Submission
from tests.residents.factories import BuildingFactory, OccupancyFactory, OwnershipFactory, UnitFactory

TEN_POINTS = {"tangibles": 10, "reliability": 20, "responsiveness": 10, "competence": 10, "courtesy": 5,
              "credibility": 10, "security": 15, "access": 5, "communication": 10, "understanding": 5}  # fmt: skip


def add_households(estate, *, owned: int, rented: int, building_name: str):
    """A building of `owned` units with an owner and `rented` units with only a tenant; returns the building."""
    building = BuildingFactory(estate=estate, name=building_name)
    for _ in range(owned):
        OwnershipFactory(unit=UnitFactory(building=building))
    for _ in range(rented):
        OccupancyFactory(unit=UnitFactory(building=building), kind="tenant")
    return building


def campaign_input(estate, **changes) -> CampaignInput:
    now = timezone.now()
    instrument = instrument_for(estate_id=estate.pk, purpose="campaign")
    fields = {"name": "2030 年度满意度调查", "instrument_id": instrument.pk, "opens_at": now - timedelta(minutes=5),
              "closes_at": now + timedelta(days=30), "mode": "census"}  # fmt: skip
    return CampaignInput(**{**fields, **changes})


def draft_campaign(estate, actor, **changes):
    return campaign_create(actor=actor, estate_id=estate.pk, data=campaign_input(estate, **changes))


def complete(survey, csat=4) -> Submission:
    answers = {str(item.pk): {"perceived": 5, "expected": 6} for item in survey.instrument.items.all()}
    return Submission(answers=answers, weights=dict(TEN_POINTS), csat=csat, nps=9)
