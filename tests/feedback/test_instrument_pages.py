"""Managers' questionnaire pages: list, view by dimension in both languages, new draft, statements formset,
publish with its problems shown, new version; shared questionnaires are read-only to managers."""

import pytest

from feedback import dimensions
from feedback.instruments.selectors import instrument_for
from feedback.models import Instrument

pytestmark = pytest.mark.django_db


def new_form(world, **changes):
    return {"estate": world.estate_a.pk, "key": "alpha-yearly", "name_zh": "甲小区年度调查", "name_en": "Alpha yearly",
            "purpose": "campaign", "format": "two_column", "asks_csat": "on", **changes}  # fmt: skip


def items_form(rows, extra_blank=1):
    data = {"items-TOTAL_FORMS": str(len(rows) + extra_blank), "items-INITIAL_FORMS": "0"}
    for i, (dimension, zh, en) in enumerate(rows):
        data.update({f"items-{i}-dimension": dimension, f"items-{i}-text_zh": zh, f"items-{i}-text_en": en})
    return data


def two_each():
    return [(key, f"{key} 第{i}条", f"{key} statement {i}") for key in dimensions.TEN_KEYS for i in (1, 2)]


def test_the_list_shows_shared_questionnaires_but_not_other_estates(world, web_as, django_assert_max_num_queries):
    Instrument.objects.create(key="beta-own", estate=world.estate_b, name_zh="乙小区自编", name_en="B",
                              purpose="campaign")  # fmt: skip
    client = web_as(world.users["manager"])
    with django_assert_max_num_queries(10):
        page = client.get("/staff/instruments/").content.decode()
    assert "住宅物业服务质量调查" in page and "维修回访" in page and "乙小区自编" not in page


def test_a_questionnaire_page_lists_statements_by_dimension_in_both_languages(world, web_as):
    residential = instrument_for(estate_id=world.estate_a.pk, purpose="campaign")
    page = web_as(world.users["manager"]).get(f"/staff/instruments/{residential.pk}/").content.decode()
    assert page.index("可感知性") < page.index("大堂、楼道、电梯干净整洁") < page.index("可靠性")
    assert "Lobbies, corridors and lifts are clean and well kept" in page
    assert "/new-version/" not in page  # shared: administrators version it


def test_a_manager_writes_publishes_and_versions_an_estate_questionnaire(world, web_as):
    client = web_as(world.users["manager"])
    created = client.post("/staff/instruments/new/", new_form(world))
    draft = Instrument.objects.get(key="alpha-yearly")
    assert created["Location"] == f"/staff/instruments/{draft.pk}/items/"
    assert client.get(f"/staff/instruments/{draft.pk}/items/").status_code == 200
    one_short = items_form([*two_each()[:-1]])
    page = client.post(f"/staff/instruments/{draft.pk}/items/", one_short)
    assert page.status_code == 302
    shown = client.get(f"/staff/instruments/{draft.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "needs at least 2 statements (it has 1)" in shown
    client.post(f"/staff/instruments/{draft.pk}/publish/")
    assert Instrument.objects.get(pk=draft.pk).status == "draft"
    client.post(f"/staff/instruments/{draft.pk}/items/", items_form(two_each()))
    assert draft.items.count() == 20
    client.post(f"/staff/instruments/{draft.pk}/publish/")
    assert Instrument.objects.get(pk=draft.pk).status == "published"
    made = client.post(f"/staff/instruments/{draft.pk}/new-version/")
    version = Instrument.objects.get(key="alpha-yearly", version=2)
    assert made["Location"] == f"/staff/instruments/{version.pk}/items/" and version.items.count() == 20


def test_a_statement_without_its_english_is_shown_next_to_its_field(world, web_as):
    client = web_as(world.users["manager"])
    client.post("/staff/instruments/new/", new_form(world))
    draft = Instrument.objects.get(key="alpha-yearly")
    response = client.post(f"/staff/instruments/{draft.pk}/items/", items_form([("tangibles", "整洁", "  ")]),
                           HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    assert response.status_code == 200 and draft.items.count() == 0
    html = response.content.decode()
    assert html.index('id="id_items-0-text_en"') < html.index("Write the statement in 1 to 200 characters.")


def test_a_taken_key_is_refused_on_the_form(world, web_as):
    response = web_as(world.users["manager"]).post("/staff/instruments/new/", new_form(world, key="residential"))
    assert response.status_code == 200 and Instrument.objects.filter(key="residential").count() == 1


def test_a_published_questionnaire_cannot_be_edited_from_the_page(world, web_as):
    residential = instrument_for(estate_id=world.estate_a.pk, purpose="campaign")
    client = web_as(world.users["admin"])
    assert (
        client.get(f"/staff/instruments/{residential.pk}/items/")["Location"] == f"/staff/instruments/{residential.pk}/"
    )
    assert residential.items.count() == 24
