"""The campaign and instrument API: a manager drafts, launches and watches a campaign, and edits, publishes and
versions an estate questionnaire; bad input names the field; other estates' objects are 404."""

from datetime import timedelta

import pytest
from django.utils import timezone

from feedback import dimensions
from feedback.campaigns.services import campaign_invite_batch
from feedback.instruments.selectors import instrument_for
from feedback.models import Instrument, Survey
from tests.feedback.campaign_helpers import add_households, draft_campaign

pytestmark = pytest.mark.django_db


def body(world, **changes):
    now = timezone.now()
    return {"estate": "alpha", "name": "年度满意度调查",
            "instrument_id": instrument_for(estate_id=world.estate_a.pk, purpose="campaign").pk,
            "opens_at": (now - timedelta(minutes=1)).isoformat(), "closes_at": (now + timedelta(days=21)).isoformat(),
            "mode": "sample", "margin": "5", "confidence": 95, **changes}  # fmt: skip


def test_a_manager_drafts_launches_and_reads_live_rates(world, api_as):
    add_households(world.estate_a, owned=5, rented=0, building_name="2号楼")
    api = api_as(world.users["manager"])
    created = api.post("/api/v1/staff/campaigns/", body(world), format="json")
    assert created.status_code == 201, created.json()
    campaign = created.json()
    assert campaign["status"] == "draft" and campaign["sample_size"] is None
    launched = api.post(f"/api/v1/staff/campaigns/{campaign['id']}/launch/").json()
    # 6 households at ±5%/95%: 384.15 / (1 + 383.15/6) = 5.92 → 6, everyone
    assert (launched["status"], launched["population"], launched["sample_size"]) == ("running", 6, 6)
    assert api.post(f"/api/v1/staff/campaigns/{campaign['id']}/launch/").status_code == 409
    campaign_invite_batch(campaign_id=campaign["id"])
    rates = api.get(f"/api/v1/staff/campaigns/{campaign['id']}/response-rates/").json()
    assert rates["overall"]["invited"] == 6 and rates["overall"]["rate"] == 0
    assert rates["overall"]["satisfaction"] is None and "5" in rates["overall"]["satisfaction_withheld"]
    assert rates["level_1_target"] == 80.0 and rates["meets_level_1"] is None
    assert [row["building"] for row in rates["buildings"]] == ["1号楼", "2号楼"]
    closed = api.post(f"/api/v1/staff/campaigns/{campaign['id']}/close/").json()
    assert closed["status"] == "closed"
    assert set(Survey.objects.values_list("status", flat=True)) == {"expired"}


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"margin": "30"}, "margin"), ({"confidence": 80}, "confidence"), ({"estate": "beta"}, "estate"),
     ({"closes_at": "2020-01-01T00:00:00+08:00"}, "closes_at")],
)  # fmt: skip
def test_bad_campaign_input_names_the_field(world, api_as, changes, field):
    response = api_as(world.users["manager"]).post("/api/v1/staff/campaigns/", body(world, **changes), format="json")
    assert response.status_code == 400 and field in response.json()["errors"]


def test_a_repair_questionnaire_is_refused_for_a_campaign(world, api_as):
    repair = instrument_for(estate_id=world.estate_a.pk, purpose="transactional")
    response = api_as(world.users["manager"]).post(
        "/api/v1/staff/campaigns/", body(world, instrument_id=repair.pk), format="json"
    )
    assert response.status_code == 400 and list(response.json()["errors"]) == ["instrument"]


def test_a_draft_can_be_replaced_until_launched(world, api_as):
    campaign = draft_campaign(world.estate_a, world.users["manager"])
    api = api_as(world.users["manager"])
    changed = {k: v for k, v in body(world, name="改名了").items() if k != "estate"}
    assert api.put(f"/api/v1/staff/campaigns/{campaign.pk}/", changed, format="json").json()["name"] == "改名了"


def test_campaign_list_is_one_page_of_few_queries(world, api_as, django_assert_max_num_queries):
    for i in range(8):
        draft_campaign(world.estate_a, world.users["manager"], name=f"调查 {i}")
    api = api_as(world.users["manager"])
    with django_assert_max_num_queries(6):
        response = api.get("/api/v1/staff/campaigns/")
    assert response.json()["count"] == 8


def _two_each():
    return [{"dimension": key, "text_zh": f"{key} 第{i}条", "text_en": f"{key} statement {i}"}
            for key in dimensions.TEN_KEYS for i in (1, 2)]  # fmt: skip


def test_a_manager_builds_publishes_and_versions_an_estate_questionnaire(world, api_as):
    api = api_as(world.users["manager"])
    created = api.post("/api/v1/staff/instruments/", {"estate": "alpha", "key": "alpha-yearly", "name_zh": "甲小区年度",
                       "name_en": "Alpha yearly", "purpose": "campaign", "asks_csat": True}, format="json")  # fmt: skip
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["publish_problems"]
    refused = api.post(f"/api/v1/staff/instruments/{pk}/publish/")
    assert refused.status_code == 400 and refused.json()["errors"]["items"]
    items = api.put(f"/api/v1/staff/instruments/{pk}/items/", {"items": _two_each()}, format="json").json()
    assert len(items["items"]) == 20 and items["publish_problems"] == []
    published = api.post(f"/api/v1/staff/instruments/{pk}/publish/").json()
    assert published["status"] == "published"
    assert api.put(f"/api/v1/staff/instruments/{pk}/items/", {"items": _two_each()}, format="json").status_code == 409
    version = api.post(f"/api/v1/staff/instruments/{pk}/new-version/")
    assert version.status_code == 201 and version.json()["version"] == 2 and version.json()["status"] == "draft"
    assert instrument_for(estate_id=world.estate_a.pk, purpose="campaign").pk == pk


def test_a_statement_with_an_unknown_dimension_is_named(world, api_as):
    api = api_as(world.users["manager"])
    pk = api.post("/api/v1/staff/instruments/", {"estate": "alpha", "key": "alpha-x", "name_zh": "x", "name_en": "x",
                  "purpose": "transactional"}, format="json").json()["id"]  # fmt: skip
    bad = [{"dimension": "price", "text_zh": "价格合理", "text_en": "Fair prices"}]
    response = api.put(f"/api/v1/staff/instruments/{pk}/items/", {"items": bad}, format="json")
    assert response.status_code == 400 and "items.1.dimension" in response.json()["errors"]


def test_instruments_list_shows_shared_and_own_but_not_other_estates(world, api_as):
    other = Instrument.objects.create(key="beta-own", estate=world.estate_b, name_zh="乙", name_en="B",
                                      purpose="campaign")  # fmt: skip
    listed = api_as(world.users["manager"]).get("/api/v1/staff/instruments/").json()["results"]
    assert {row["key"] for row in listed} == {"residential", "repair"}
    assert api_as(world.users["manager"]).get(f"/api/v1/staff/instruments/{other.pk}/").status_code == 404


def test_a_manager_cannot_version_a_shared_questionnaire(world, api_as):
    shared = instrument_for(estate_id=world.estate_a.pk, purpose="campaign")
    response = api_as(world.users["manager"]).post(f"/api/v1/staff/instruments/{shared.pk}/new-version/")
    assert response.status_code == 403
