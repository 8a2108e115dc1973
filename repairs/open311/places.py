"""Where an Open311 request is: `address_id` (a registry address code) or an `address_string` we can read.

Codes are those of residents.models (`Unit.address_code`, `CommonArea.address_code`), shown on the staff
registry page. Coordinates alone are not enough: an estate's units are not mapped.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from residents.models import Estate, Unit
from residents.selectors import places_with_code

_SEPARATORS = re.compile(r"[\s\-－—–/]+")


def _one(places: list, field: str, given: str):
    if not places:
        raise ValidationError({field: [_("No unit or common area of this estate has the code “%(code)s”.")
                                       % {"code": given}]})  # fmt: skip
    if len(places) > 1:
        raise ValidationError({field: [_("“%(code)s” matches more than one place; use its address_id.")
                                       % {"code": given}]})  # fmt: skip
    return places[0]


def _readings(estate: Estate, text: str) -> list[str]:
    """Ways to read a typed address as a code: as given, with spaces or dashes as the hyphen, without the
    estate's name in front."""
    text = " ".join(text.split())
    readings = [text]
    for prefix in (estate.name, estate.slug):
        if prefix and text.startswith(prefix):
            readings.append(text.removeprefix(prefix).strip())
    readings += [_SEPARATORS.sub("-", reading).strip("-") for reading in list(readings)]
    return list(dict.fromkeys(r for r in readings if r))


def place_for_address(*, estate: Estate, address_id: str = "", address_string: str = ""):
    """(unit, None) or (None, common area) of the estate; raises ValidationError naming the field."""
    if address_id.strip():
        place = _one(places_with_code(estate_id=estate.pk, code=address_id.strip()), "address_id", address_id)
    elif address_string.strip():
        found = {}
        for reading in _readings(estate, address_string):
            for candidate in places_with_code(estate_id=estate.pk, code=reading):
                found[(type(candidate), candidate.pk)] = candidate
            if found:
                break
        place = _one(list(found.values()), "address_string", address_string)
    else:
        raise ValidationError({"address_id": [_("Give address_id (the unit or common area code shown in the "
                                                "estate registry) or address_string.")]})  # fmt: skip
    return (place, None) if isinstance(place, Unit) else (None, place)
