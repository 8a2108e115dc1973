"""Which estate a page belongs to: the one named by the nearest home page above it (HomePage.estate_slug)."""

from django.utils.translation import gettext as _

from residents.models import Estate


def estate_of_page(page) -> Estate | None:
    """The estate of the nearest home page at or above `page` that names one; None outside every estate tree."""
    from portal.models import HomePage

    homes = HomePage.objects.ancestor_of(page, inclusive=True).exclude(estate_slug="").order_by("-depth")
    home = homes.only("estate_slug").first()
    return Estate.objects.filter(slug=home.estate_slug).first() if home else None


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
