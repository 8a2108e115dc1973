"""Panels on the resident's home page ('my home') contributed by higher apps, which residents may not import.

A panel is a callable `panel(user) -> Panel | None` (None: nothing to show this user). An app registers its
panels in its AppConfig.ready(); the home page shows them at its top, in registration order.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Panel:
    """A template to include and the context it reads (as `panel` in the template)."""

    template: str
    context: dict = field(default_factory=dict)


_PANELS: dict[str, Callable] = {}


def register_panel(name: str, panel: Callable) -> None:
    """Add (or replace) the panel called `name`; by name, so a second ready() does not show it twice."""
    _PANELS[name] = panel


def panels_for(user) -> list[Panel]:
    """The panels that have something to show this user."""
    return [shown for shown in (panel(user) for panel in _PANELS.values()) if shown is not None]
