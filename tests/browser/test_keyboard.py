"""Signing in with the keyboard alone: the sign-in form's fields come in order, and Enter sends it."""

import re

import pytest
from playwright.sync_api import expect

from .people import PASSWORD, PHONE
from .quality import Review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def focused(page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()")


def test_sign_in_form_is_tabbed_through_and_sent_with_enter(world, window, screenshots):
    page = window(PHONE)
    page.goto("/accounts/login/")
    review = Review(screenshots)
    review.page(page, "sign-in")
    assert focused(page) == "id_username"  # autofocus: a person can start typing at once
    page.keyboard.type(world.users["owner"].email)
    page.keyboard.press("Tab")
    assert focused(page) == "id_password"
    page.keyboard.press("Tab")
    assert focused(page) == "登录"  # the submit button comes next...
    page.keyboard.press("Shift+Tab")  # ...and back again
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/me/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("我的家")
    assert review.problems == [], "\n".join(review.problems)


def test_skip_link_is_the_first_stop_and_shows_when_focused(window):
    page = window(PHONE)
    page.goto("/accounts/signup/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到正文")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]  # on screen, not parked off it
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
