"""Reading the score filters of a page or API request (estate, period, one facet, instrument, kind, level)."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.models import Survey

from .models import Facet
from .selectors import ScoreFilter

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
DEFAULT_MONTHS = 12
FACET_PARAMS = (Facet.BUILDING, Facet.TRADE, Facet.TECHNICIAN)


def month_back(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


def _month(value, name, errors):
    match = MONTH.match(value or "")
    if not match:
        errors[name] = [_("Give the month as YYYY-MM.")]
        return None
    return date(int(match[1]), int(match[2]), 1)


def _whole(value, name, errors):
    if value in (None, ""):
        return None
    if not str(value).isascii() or not str(value).isdigit():
        errors[name] = [_("Give a whole number.")]
        return None
    return int(value)


def parse(estate, params, *, breakdowns=True) -> ScoreFilter:
    """A ScoreFilter for `estate` from query parameters: from/to (YYYY-MM, default the last twelve months),
    at most one of building/trade/technician (ids; trade and technician only with `breakdowns`), instrument
    (id), kind, level (10 or 5). Raises ValidationError naming each bad parameter."""
    errors = {}
    if not breakdowns:
        for facet in (Facet.TRADE, Facet.TECHNICIAN):
            if params.get(facet):
                errors[facet] = [_("Scores by trade or by technician are for the company's managers only.")]
    this_month = timezone.localdate().replace(day=1)
    end = _month(params.get("to"), "to", errors) if params.get("to") else this_month
    start = (
        _month(params.get("from"), "from", errors)
        if params.get("from")
        else month_back(end or this_month, DEFAULT_MONTHS - 1)
    )
    if start and end and start > end:
        errors["from"] = [_("The period must start before it ends.")]
    chosen = [(facet, _whole(params.get(facet), facet, errors)) for facet in FACET_PARAMS if params.get(facet)]
    if len(chosen) > 1:
        errors["building"] = [_("Choose one of building, trade or technician, not several.")]
    instrument = _whole(params.get("instrument"), "instrument", errors)
    kind = params.get("kind") or None
    if kind and kind not in Survey.Kind.values:
        errors["kind"] = [_("Choose a kind of survey: %(kinds)s.") % {"kinds": ", ".join(Survey.Kind.values)}]
    level = params.get("level") or "10"
    if level not in ("10", "5"):
        errors["level"] = [_("Choose 10 or 5 dimensions.")]
    if errors:
        raise ValidationError(errors)
    facet, facet_id = chosen[0] if chosen else (Facet.ESTATE, 0)
    return ScoreFilter(estate.pk, start, end, facet, facet_id or 0, instrument, kind, int(level))
