from collections import Counter

import pytest
from django.core.exceptions import ValidationError

from core.errors import InvalidTransition, NotPermitted
from feedback import dimensions
from feedback.instruments import bank
from feedback.instruments.selectors import instrument_for
from feedback.instruments.services import (
    InstrumentSpec,
    ItemText,
    instrument_draft_create,
    instrument_items_replace,
    instrument_new_version,
    instrument_publish,
    publish_problems,
)
from feedback.models import Instrument

pytestmark = pytest.mark.django_db


def _two_each(keys):
    return [ItemText(key, f"{key} 中文 {i}", f"{key} English {i}") for key in keys for i in (1, 2)]


@pytest.mark.parametrize("spec", bank.DEFAULTS, ids=lambda s: s["key"])
def test_default_bank_has_two_to_four_items_per_dimension_in_both_languages(spec):
    counts = Counter(dim for dim, _zh, _en in spec["items"])
    assert set(counts) <= set(dimensions.TEN_KEYS)
    assert all(2 <= n <= 4 for n in counts.values()), counts
    assert all(zh.strip() and en.strip() for _dim, zh, en in spec["items"])


def test_default_estate_survey_covers_all_ten_dimensions_and_is_published(world, residential):
    assert residential.key == "residential" and residential.status == Instrument.Status.PUBLISHED
    assert {i.dimension for i in residential.items.all()} == set(dimensions.TEN_KEYS)
    assert publish_problems(residential) == []
    assert residential.asks_weights and residential.asks_csat and residential.asks_nps


def test_default_repair_survey_is_short_and_perception_only(world):
    repair = instrument_for(estate_id=world.estate_a.pk, purpose="transactional")
    assert repair.format == Instrument.Format.SERVPERF and repair.items.count() <= 12


def test_publishing_refuses_a_dimension_with_one_statement(world):
    manager = world.users["manager"]
    draft = instrument_draft_create(
        actor=manager, estate_id=world.estate_a.pk,
        spec=InstrumentSpec(key="alpha-quick", name_zh="快评", name_en="Quick", purpose="transactional",
                            format="servperf"),
    )  # fmt: skip
    items = [*_two_each(["reliability"]), ItemText("courtesy", "礼貌", "Polite")]
    instrument_items_replace(instrument_id=draft.pk, actor=manager, items=items)
    with pytest.raises(ValidationError) as exc:
        instrument_publish(instrument_id=draft.pk, actor=manager)
    assert "items" in exc.value.message_dict
    draft.refresh_from_db()
    assert draft.status == Instrument.Status.DRAFT


def test_an_estate_survey_must_cover_all_ten_dimensions(world):
    manager = world.users["manager"]
    draft = instrument_draft_create(
        actor=manager, estate_id=world.estate_a.pk,
        spec=InstrumentSpec(key="alpha-annual", name_zh="年度", name_en="Annual", purpose="campaign",
                            format="two_column"),
    )  # fmt: skip
    instrument_items_replace(instrument_id=draft.pk, actor=manager, items=_two_each(dimensions.TEN_KEYS[:9]))
    assert len(publish_problems(draft)) == 1
    instrument_items_replace(instrument_id=draft.pk, actor=manager, items=_two_each(dimensions.TEN_KEYS))
    published = instrument_publish(instrument_id=draft.pk, actor=manager)
    assert published.status == Instrument.Status.PUBLISHED and published.published_at
    # the estate's own instrument now wins over the shared default
    assert instrument_for(estate_id=world.estate_a.pk, purpose="campaign") == published
    assert instrument_for(estate_id=world.estate_b.pk, purpose="campaign").key == "residential"


def test_a_published_instrument_never_changes(world, residential):
    admin = world.users["admin"]
    with pytest.raises(InvalidTransition):
        instrument_items_replace(instrument_id=residential.pk, actor=admin, items=_two_each(dimensions.TEN_KEYS))
    assert residential.items.count() == len(bank.RESIDENTIAL["items"])


def test_editing_a_published_instrument_makes_a_new_version_and_retires_the_old(world, residential):
    admin = world.users["admin"]
    draft = instrument_new_version(instrument_id=residential.pk, actor=admin)
    assert (draft.key, draft.version, draft.status) == ("residential", 2, Instrument.Status.DRAFT)
    assert draft.items.count() == residential.items.count()
    assert instrument_new_version(instrument_id=residential.pk, actor=admin) == draft  # one open draft per key
    instrument_items_replace(instrument_id=draft.pk, actor=admin, items=_two_each(dimensions.TEN_KEYS))
    instrument_publish(instrument_id=draft.pk, actor=admin)
    residential.refresh_from_db()
    assert residential.status == Instrument.Status.RETIRED
    assert residential.items.count() == len(bank.RESIDENTIAL["items"])  # answers still point at these
    assert instrument_for(estate_id=world.estate_a.pk, purpose="campaign").version == 2


def test_shared_instruments_belong_to_administrators_and_estate_ones_to_their_managers(world, residential):
    with pytest.raises(NotPermitted):
        instrument_new_version(instrument_id=residential.pk, actor=world.users["manager"])
    spec = InstrumentSpec(key="b-only", name_zh="乙", name_en="B", purpose="campaign", format="servperf")
    with pytest.raises(NotPermitted):
        instrument_draft_create(actor=world.users["manager"], estate_id=world.estate_b.pk, spec=spec)
    with pytest.raises(NotPermitted):
        instrument_draft_create(actor=world.users["manager"], estate_id=None, spec=spec)
    draft = instrument_draft_create(actor=world.users["manager_b"], estate_id=world.estate_b.pk, spec=spec)
    with pytest.raises(NotPermitted):
        instrument_items_replace(instrument_id=draft.pk, actor=world.users["manager"], items=[])


def test_bad_statements_are_named_and_nothing_is_stored(world):
    manager = world.users["manager"]
    draft = instrument_draft_create(
        actor=manager, estate_id=world.estate_a.pk,
        spec=InstrumentSpec(key="alpha-x", name_zh="x", name_en="x", purpose="transactional", format="servperf"),
    )  # fmt: skip
    instrument_items_replace(instrument_id=draft.pk, actor=manager, items=_two_each(["access"]))
    with pytest.raises(ValidationError) as exc:
        instrument_items_replace(
            instrument_id=draft.pk, actor=manager, items=[ItemText("speed", "快", "Fast"), ItemText("access", " ", "x")]
        )
    assert set(exc.value.message_dict) == {"items.1.dimension", "items.2.text_zh"}
    assert draft.items.count() == 2


def test_a_duplicate_key_and_version_is_refused_by_name(world):
    spec = InstrumentSpec(key="residential", name_zh="重", name_en="Dup", purpose="campaign", format="servperf")
    with pytest.raises(ValidationError) as exc:
        instrument_draft_create(actor=world.users["admin"], estate_id=None, spec=spec)
    assert "__all__" in exc.value.message_dict or "key" in exc.value.message_dict
