"""Which estate a page belongs to: the estate of the estate home page at or above it (EstateHomePage.estate)."""

from django.utils.translation import gettext as _

from residents.models import Estate


def estate_of_page(page) -> Estate | None:
    """The estate of the estate home at or above `page`; None outside every estate tree."""
    from portal.models import EstateHomePage

    home = EstateHomePage.objects.ancestor_of(page, inclusive=True).select_related("estate").first()
    return home.estate if home else None


def buildings_outside_estate(estate: Estate | None, buildings) -> list[str]:
    """A message for each building that is not in `estate` (every building, when there is no estate)."""
    if estate is None:
        return [_("This notice board is not under an estate's home page, so no building can be chosen.")] * bool(
            buildings
        )
    return [
        _("Building “%(building)s” is not in %(estate)s; choose buildings of this estate only.")
        % {"building": building, "estate": estate.name}
        for building in buildings
        if building.estate_id != estate.pk
    ]
