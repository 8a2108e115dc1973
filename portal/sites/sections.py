"""The sections every estate's page tree holds under its home page, registered by the features that own them.

A feature adds its section page to every estate with one call, next to its page class (portal/<feature>/
models.py, imported by portal/models.py)::

    register_estate_section(GuidePage, slug="guide", title=_("Service guide"), position=20)

`ensure_estate_home` creates the registered sections of a new estate home, and `manage.py estate_homes` adds a
section registered later to the estates that already have a home. The page type must accept an estate home as
its parent (parent_page_types = ["portal.EstateHomePage"], max_count_per_parent = 1) and be creatable from its
title and slug alone (every other required field has a default).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class EstateSection:
    """One section page of every estate tree: its page type, URL slug, title and place among the sections."""

    model: type
    slug: str
    title: str  # usually lazily translated; stored in the site's default language when the page is made
    position: int  # smaller first


_SECTIONS: dict[str, EstateSection] = {}


def register_estate_section(model, *, slug: str, title, position: int) -> None:
    """Add (or replace) the section of page type `model`; keyed by the type, so importing twice adds nothing."""
    _SECTIONS[model._meta.label] = EstateSection(model=model, slug=slug, title=title, position=position)


def estate_sections() -> list[EstateSection]:
    """The registered sections in their order."""
    return sorted(_SECTIONS.values(), key=lambda section: (section.position, section.slug))
