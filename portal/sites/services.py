"""Making an estate's page tree: its home under the company home, with every registered section."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.audit import audit_record
from residents.models import Estate

from .editors import estate_editors_sync
from .models import EstateHomePage, HomePage
from .sections import estate_sections


def _company_home() -> HomePage:
    """The company home at the site root, locked: trees are added under it one at a time (tree paths)."""
    home = HomePage.objects.order_by("path").first()
    if home is None:
        raise ValidationError(_("There is no company home page at the site root to put estate homes under."))
    Page.objects.select_for_update().filter(pk=home.pk).first()
    return home


def _add_sections(home: EstateHomePage) -> list[Page]:
    """Add each registered section the home lacks (a section is known by its page type)."""
    added = []
    for section in estate_sections():
        if not section.model.objects.child_of(home).exists():
            with translation.override(settings.LANGUAGE_CODE):
                page = section.model(title=str(section.title), slug=section.slug)
            added.append(home.add_child(instance=page))
    return added


@transaction.atomic
def ensure_estate_home(estate: Estate, *, actor=None) -> EstateHomePage:
    """The estate's home page, made under the company home if it has none (titled and addressed by the estate's
    name and slug), with every registered section; its editors get the tree in the Wagtail admin. Safe to run
    again: it adds only what is missing. Raises ValidationError for an estate not in the registry."""
    if estate.pk is None or not Estate.objects.filter(pk=estate.pk).exists():
        raise ValidationError(_("There is no such estate; add the estate to the registry first."))
    company = _company_home()
    home = EstateHomePage.objects.filter(estate=estate).first()
    if home is None:
        home = company.add_child(instance=EstateHomePage(title=estate.name, slug=estate.slug, estate=estate))
        audit_record(action="portal.estate_home_created", actor=actor, obj=home, estate_id=estate.pk)
    _add_sections(home)
    estate_editors_sync(estate=estate)
    return home
