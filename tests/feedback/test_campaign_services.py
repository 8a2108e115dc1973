"""Campaigns: drafting with every bad field named, launching (population frozen, sample drawn with a stored
seed), invitations in idempotent batches through the real task, one survey per household, closing."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.errors import InvalidTransition, NotPermitted
from core.models import OutboxMessage
from feedback import tasks
from feedback.campaigns import sampling, selectors
from feedback.campaigns.models import Campaign, CampaignHousehold
from feedback.campaigns.services import (
    campaign_close,
    campaign_invite_batch,
    campaign_launch,
    campaign_update,
    campaigns_run_due,
)
from feedback.instruments.selectors import instrument_for
from feedback.instruments.services import InstrumentSpec, instrument_draft_create
from feedback.models import Survey, SurveyDraft
from feedback.surveys.services import Invitation, survey_draft_save, survey_invite, survey_submit
from residents.models import Ownership, Unit
from tests.feedback.campaign_helpers import add_households, campaign_input, complete, draft_campaign
from tests.residents.factories import OccupancyFactory, OwnershipFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def estate(world):
    """Alpha with 11 households: unit A (owner and tenant), 6 owned units in 2号楼, 4 rented ones in 3号楼.
    Unit A2 has only a pending claim, so it is no household."""
    add_households(world.estate_a, owned=6, rented=0, building_name="2号楼")
    add_households(world.estate_a, owned=0, rented=4, building_name="3号楼")
    return world.estate_a


@pytest.fixture
def manager(world):
    return world.users["manager"]


@pytest.fixture
def eager():
    """Tasks queued with .delay run at once, in this process (the real task functions)."""
    from portal.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


def test_households_ask_an_owner_before_an_occupant_and_skip_those_without_a_current_tie(world, estate):
    building = world.unit_a.building
    unverified = OwnershipFactory(unit=UnitFactory(building=building), verified_at=None).unit
    moved_out = OccupancyFactory(unit=UnitFactory(building=building), kind="tenant",
                                 start=timezone.localdate() - timedelta(days=400),
                                 end=timezone.localdate() - timedelta(days=1)).unit  # fmt: skip
    parking = OwnershipFactory(unit=UnitFactory(building=building, use=Unit.Use.PARKING)).unit
    found = {h.unit_id: h for h in selectors.households(estate_id=estate.pk)}
    assert len(found) == 11
    assert found[world.unit_a.pk].recipient_id == world.users["owner"].pk  # the tenant is not asked
    assert {unverified.pk, moved_out.pk, parking.pk, world.unit_a2.pk}.isdisjoint(found)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "  "}, "name"),
        ({"margin": Decimal("0.5")}, "margin"),
        ({"margin": Decimal("25")}, "margin"),
        ({"margin": "abc"}, "margin"),
        ({"confidence": 80}, "confidence"),
        ({"mode": "everyone"}, "mode"),
        ({"closes_at": timezone.now() - timedelta(days=1)}, "closes_at"),
        ({"instrument_id": 999_999}, "instrument"),
    ],
)
def test_a_bad_draft_names_its_field_and_stores_nothing(estate, manager, changes, field):
    with pytest.raises(ValidationError) as exc:
        draft_campaign(estate, manager, **changes)
    assert field in exc.value.message_dict
    assert not Campaign.objects.exists()


def _instrument(world, actor, estate, purpose="campaign"):
    spec = InstrumentSpec(key=f"own-{estate.slug}-{purpose}", name_zh="自编问卷", name_en="Own", purpose=purpose,
                          format="servperf")  # fmt: skip
    return instrument_draft_create(actor=actor, estate_id=estate.pk, spec=spec)


def test_the_questionnaire_must_be_a_published_estate_wide_one_of_this_estate(world, estate, manager):
    other_estates = _instrument(world, world.users["manager_b"], world.estate_b)
    own_draft = _instrument(world, manager, estate)
    repair = instrument_for(estate_id=estate.pk, purpose="transactional")
    for instrument in (other_estates, own_draft, repair):
        with pytest.raises(ValidationError) as exc:
            draft_campaign(estate, manager, instrument_id=instrument.pk)
        assert list(exc.value.message_dict) == ["instrument"]


def test_only_the_estates_managers_draft_campaigns(world, estate):
    for role in ("manager_b", "dispatcher", "committee"):
        with pytest.raises(NotPermitted):
            draft_campaign(estate, world.users[role])


def test_launching_a_census_freezes_every_household_and_asks_them_all(estate, manager):
    campaign = campaign_launch(actor=manager, campaign_id=draft_campaign(estate, manager).pk)
    assert campaign.status == Campaign.Status.RUNNING and campaign.seed is not None
    assert campaign.population == campaign.sample_size == 11
    assert CampaignHousehold.objects.filter(campaign=campaign, drawn=True).count() == 11


def test_a_sample_is_sized_by_cochran_allocated_by_building_and_reproducible_from_its_seed(estate, manager):
    draft = draft_campaign(estate, manager, mode="sample", margin=Decimal("20"), confidence=95)
    campaign = campaign_launch(actor=manager, campaign_id=draft.pk, seed=20300101)
    # n0 = 3.841459 × 0.25 / 0.04 = 24.01; 24.01 / (1 + 23.01/11) = 7.77 → 8 of 11
    assert (campaign.population, campaign.sample_size, campaign.seed) == (11, 8, 20300101)
    frame = CampaignHousehold.objects.filter(campaign=campaign)
    by_building = {}
    for row in frame:
        by_building.setdefault(row.building_id, []).append(row.unit_id)
    # 1, 6 and 4 households: quotas 0.73, 4.36, 2.91 → floors 0, 4, 2; the two left go to the largest
    # remainders, 3号楼 (0.91) and 1号楼 (0.73)
    allocation = sampling.allocate({b: len(units) for b, units in by_building.items()}, 8)
    names = dict(frame.values_list("building_id", "building__name"))
    assert {names[b]: k for b, k in allocation.items()} == {"1号楼": 1, "2号楼": 4, "3号楼": 3}
    drawn_per_building = {names[b]: frame.filter(drawn=True, building_id=b).count() for b in by_building}
    assert drawn_per_building == {"1号楼": 1, "2号楼": 4, "3号楼": 3}
    drawn = {u for units in sampling.draw(by_building, allocation, 20300101).values() for u in units}
    assert drawn == set(frame.filter(drawn=True).values_list("unit_id", flat=True))


def test_launching_twice_is_refused(estate, manager):
    campaign = campaign_launch(actor=manager, campaign_id=draft_campaign(estate, manager).pk)
    with pytest.raises(InvalidTransition):
        campaign_launch(actor=manager, campaign_id=campaign.pk)
    assert CampaignHousehold.objects.filter(campaign=campaign).count() == 11


def test_a_launched_campaign_cannot_be_edited(estate, manager):
    campaign = campaign_launch(actor=manager, campaign_id=draft_campaign(estate, manager).pk)
    with pytest.raises(InvalidTransition):
        campaign_update(actor=manager, campaign_id=campaign.pk, data=campaign_input(estate, name="改名"))


def test_launch_refuses_a_passed_closing_time_and_an_estate_without_households(world, estate, manager):
    campaign = draft_campaign(estate, manager, opens_at=timezone.now() - timedelta(days=9),
                              closes_at=timezone.now() - timedelta(days=1))  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        campaign_launch(actor=manager, campaign_id=campaign.pk)
    assert "closes_at" in exc.value.message_dict
    Ownership.objects.all().update(end=timezone.localdate() - timedelta(days=1), start=timezone.localdate()
                                   - timedelta(days=30))  # fmt: skip
    from residents.models import Occupancy

    Occupancy.objects.all().delete()
    empty = draft_campaign(estate, manager)
    with pytest.raises(ValidationError) as exc:
        campaign_launch(actor=manager, campaign_id=empty.pk)
    assert "population" in exc.value.message_dict
    assert Campaign.objects.get(pk=empty.pk).status == Campaign.Status.DRAFT
    assert not CampaignHousehold.objects.exists()


def test_launch_sends_every_invitation_through_the_task_once(
    estate, manager, eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        campaign = campaign_launch(actor=manager, campaign_id=draft_campaign(estate, manager).pk)
    surveys = Survey.objects.filter(campaign=campaign)
    assert surveys.count() == 11
    assert set(surveys.values_list("expires_at", flat=True)) == {campaign.closes_at}
    assert {s.kind for s in surveys} == {Survey.Kind.CAMPAIGN}
    assert OutboxMessage.objects.filter(event_key__startswith="survey.").exists()
    assert tasks.send_campaign_invitations(campaign.pk) == 0  # rerun: nothing left, nothing sent twice
    assert tasks.run_campaigns() == 0
    assert surveys.count() == 11


def test_invitations_go_out_in_batches_until_none_wait(estate, manager):
    campaign = campaign_launch(actor=manager, campaign_id=draft_campaign(estate, manager).pk)
    assert campaign_invite_batch(campaign_id=campaign.pk, limit=4) == 7
    assert campaign_invite_batch(campaign_id=campaign.pk, limit=4) == 3
    assert campaign_invite_batch(campaign_id=campaign.pk, limit=4) == 0
    assert campaign_invite_batch(campaign_id=campaign.pk, limit=4) == 0
    assert Survey.objects.filter(campaign=campaign).values("unit").distinct().count() == 11


def test_a_campaign_that_opens_later_waits_for_its_opening(estate, manager):
    later = draft_campaign(estate, manager, opens_at=timezone.now() + timedelta(days=2),
                           closes_at=timezone.now() + timedelta(days=20))  # fmt: skip
    campaign_launch(actor=manager, campaign_id=later.pk)
    assert campaign_invite_batch(campaign_id=later.pk) == 0 and not Survey.objects.exists()
    assert campaigns_run_due() == []
    assert campaigns_run_due(now=timezone.now() + timedelta(days=3)) == [later.pk]


def test_the_database_refuses_a_second_survey_for_a_household_in_a_campaign(world, estate, manager):
    campaign = campaign_launch(actor=manager, campaign_id=draft_campaign(estate, manager).pk)
    campaign_invite_batch(campaign_id=campaign.pk)
    invitation = Invitation(kind=Survey.Kind.CAMPAIGN, instrument=campaign.instrument, recipient=world.users["tenant"],
                            estate_id=estate.pk, building_id=world.unit_a.building_id, unit_id=world.unit_a.pk,
                            campaign_id=campaign.pk)  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        survey_invite(invitation)


def test_a_household_that_moved_out_keeps_its_survey_and_is_not_asked_again(world, estate, manager):
    campaign = campaign_launch(actor=manager, campaign_id=draft_campaign(estate, manager).pk)
    campaign_invite_batch(campaign_id=campaign.pk)
    survey = Survey.objects.get(campaign=campaign, unit=world.unit_a)
    Ownership.objects.filter(unit=world.unit_a).update(end=timezone.localdate())
    OwnershipFactory(unit=world.unit_a, start=timezone.localdate())
    assert campaign_invite_batch(campaign_id=campaign.pk) == 0
    assert list(Survey.objects.filter(campaign=campaign, unit=world.unit_a)) == [survey]
    rates = selectors.response_rates(campaign=campaign)
    assert rates.overall.invited == 11


def test_closing_expires_open_surveys_drops_their_drafts_and_stops_invitations(world, estate, manager):
    campaign = campaign_launch(actor=manager, campaign_id=draft_campaign(estate, manager).pk)
    campaign_invite_batch(campaign_id=campaign.pk, limit=5)
    answered = Survey.objects.get(campaign=campaign, unit=world.unit_a)
    survey_submit(survey_id=answered.pk, actor=world.users["owner"], submission=complete(answered))
    drafted = Survey.objects.filter(campaign=campaign, status=Survey.Status.INVITED).first()
    survey_draft_save(survey_id=drafted.pk, actor=drafted.recipient, data={"answers": {}})
    campaign_close(actor=manager, campaign_id=campaign.pk)
    statuses = sorted(Survey.objects.filter(campaign=campaign).values_list("status", flat=True))
    assert statuses == ["answered", "expired", "expired", "expired", "expired"]
    assert not SurveyDraft.objects.exists()
    assert campaign_invite_batch(campaign_id=campaign.pk) == 0
    assert Survey.objects.filter(campaign=campaign).count() == 5
    with pytest.raises(InvalidTransition):
        campaign_close(actor=manager, campaign_id=campaign.pk)


def test_a_campaign_past_its_closing_time_closes_on_the_beat_run(estate, manager):
    campaign = campaign_launch(actor=manager, campaign_id=draft_campaign(estate, manager).pk)
    campaigns_run_due(now=campaign.closes_at + timedelta(seconds=1))
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.CLOSED and campaign.closed_at is not None


def test_another_estates_manager_cannot_launch_or_close(world, estate, manager):
    campaign = draft_campaign(estate, manager)
    with pytest.raises(NotPermitted):
        campaign_launch(actor=world.users["manager_b"], campaign_id=campaign.pk)
    campaign_launch(actor=manager, campaign_id=campaign.pk)
    with pytest.raises(NotPermitted):
        campaign_close(actor=world.users["manager_b"], campaign_id=campaign.pk)
