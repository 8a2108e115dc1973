"""The home page's panel registry: higher apps add panels without residents importing them."""

import pytest

from residents import dashboard
from residents.dashboard import Panel, panels_for, register_panel


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test (the apps' own panels are restored afterwards)."""
    monkeypatch.setattr(dashboard, "_PANELS", {})
    return dashboard._PANELS


def test_panels_show_in_registration_order_and_only_when_they_have_something(registry):
    register_panel("a", lambda user: Panel("a.html", {"user": user}))
    register_panel("quiet", lambda user: None)
    register_panel("b", lambda user: Panel("b.html"))
    assert panels_for("someone") == [Panel("a.html", {"user": "someone"}), Panel("b.html")]


def test_registering_a_name_again_replaces_the_panel(registry):
    register_panel("a", lambda user: Panel("old.html"))
    register_panel("a", lambda user: Panel("new.html"))
    assert panels_for(None) == [Panel("new.html")]
