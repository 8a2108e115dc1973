"""Staff write a service guide's own parts in the Wagtail admin; its rows are checked with clear messages, and it
belongs right under an estate's home page."""

import pytest
from django.utils import translation
from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from portal.models import EstateHomePage, ServiceGuidePage
from tests.conftest import sign_in_verified
from tests.portal.guide.helpers import DESK, EMERGENCY_24H, FRONT_DESK, estate_home, published_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, world):
    return sign_in_verified(client, world.users["admin"])


def _time(value):
    return value.strftime("%H:%M") if value else ""


def _row(values: dict) -> dict:
    return {**values, "opens": _time(values["opens"]), "closes": _time(values["closes"]), "days": "",
            "around_the_clock": "on" if values["around_the_clock"] else ""}  # fmt: skip


def guide_form(hours=(DESK, EMERGENCY_24H), contacts=(FRONT_DESK,), **fields) -> dict:
    """The admin's form data (nested_form_data cannot post a multiple choice: the days are set after)."""
    data = nested_form_data({
        "title": "服务指南", "slug": "guide", "action-publish": "1",
        "hours": streamfield([("hours", _row(row)) for row in hours]),
        "contacts": streamfield([("contact", row) for row in contacts]),
        "commitments": rich_text("<p>二十四小时应急。</p>"),
        **fields,
    })  # fmt: skip
    for i, row in enumerate(hours):
        data[f"hours-{i}-value-days"] = list(row["days"])
    return data


def add_url(parent) -> str:
    return f"/cms/pages/add/portal/serviceguidepage/{parent.pk}/"


def test_staff_publish_a_guide_with_hours_and_contacts_in_the_admin(world, admin_client):
    response = admin_client.post(add_url(estate_home(world.estate_a)), guide_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    guide = ServiceGuidePage.objects.get()
    assert guide.live
    assert [row.value["service"] for row in guide.hours] == ["desk", "emergency"]
    assert guide.contacts[0].value["phone"] == "0571-8888 6666"


def test_the_admin_form_has_no_field_for_the_fee_standards_or_repair_times(world, admin_client):
    names = set(admin_client.get(add_url(estate_home(world.estate_a))).context["form"].fields)
    assert {"title", "commitments", "hours", "contacts"} <= names
    assert not [name for name in names if any(word in name for word in ("fee", "sla", "minutes", "disclosure"))]


def _messages(error) -> list[str]:
    """Every message in a (nested) StreamField validation error."""
    found = list(getattr(error, "non_block_errors", None) or [])
    nested = getattr(error, "block_errors", None)
    if nested is None:
        return [str(message) for message in error.messages]
    for child in nested.values():
        found += _messages(child)
    return [str(message) for message in found]


def _errors(response) -> str:
    assert response.status_code == 200
    return " ".join(message for errors in response.context["form"].errors.as_data().values() for error in errors
                    for message in _messages(error))  # fmt: skip


def in_admin_language(message: str) -> str:
    """The admin speaks its user's language (Chinese by default), whatever the request asks."""
    with translation.override("zh-hans"):
        return translation.gettext(message)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({**EMERGENCY_24H, "around_the_clock": False, "days": ["1"], "opens": DESK["opens"],
          "closes": DESK["closes"]}, "The emergency line answers around the clock: tick it."),
        ({**DESK, "opens": DESK["closes"], "closes": DESK["opens"]}, "It must close after it opens."),
        ({**DESK, "days": []}, "Choose the days it is open, or tick “around the clock”."),
        ({**DESK, "opens": None}, "Give the time, or tick “around the clock”."),
    ],
)  # fmt: skip
def test_hours_that_cannot_be_right_are_refused_with_a_clear_message(world, admin_client, row, message):
    response = admin_client.post(add_url(estate_home(world.estate_a)), guide_form(hours=[row]))
    assert in_admin_language(message) in _errors(response)
    assert not ServiceGuidePage.objects.exists()


def test_a_phone_with_letters_is_refused(world, admin_client):
    contact = {**FRONT_DESK, "phone": "call 0571-88886666"}
    response = admin_client.post(add_url(estate_home(world.estate_a)), guide_form(contacts=[contact]))
    message = "Enter a phone number: digits, spaces, hyphens and brackets only."
    assert in_admin_language(message) in _errors(response)
    assert not ServiceGuidePage.objects.exists()


def test_a_guide_under_the_company_home_is_refused(world, admin_client):
    company = Site.objects.get(is_default_site=True).root_page
    assert ServiceGuidePage.can_create_at(company) is False  # only an estate home takes a guide
    response = admin_client.post(add_url(company), guide_form())
    assert response.status_code in (302, 403)
    assert not ServiceGuidePage.objects.exists()


def test_an_estate_home_holds_one_guide_and_nothing_else_does(world):
    guide = published_guide(world.estate_a)
    assert ServiceGuidePage.can_create_at(guide.get_parent().specific) is False
    assert ServiceGuidePage.can_create_at(estate_home(world.estate_b)) is True
    assert ServiceGuidePage.allowed_parent_page_models() == [EstateHomePage]
