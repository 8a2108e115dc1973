"""How an instrument reads to a resident: its columns, the stems that introduce them, the scale's labels, and
the dimensions asked about. Shared by the survey page and the API so both say the same thing."""

from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from feedback import dimensions
from feedback.models import Instrument

from .services import answer_columns

# DOMAIN.md 1.8: the expectation and perception stems; 1.5: the three-column format's questions.
EXPECTATION_STEM = _("An excellent property company would…")
PERCEPTION_STEM = _("Our property company…")
COLUMN_QUESTIONS = {
    "expected": EXPECTATION_STEM,
    "perceived": PERCEPTION_STEM,
    "minimum": _("The minimum level of service I would accept"),
    "desired": _("The level of service I desire"),
}
THREE_COLUMN_PERCEIVED = _("The level of service our property company gives")
SCALE_ENDS = {1: _("1 = strongly disagree"), 7: _("7 = strongly agree")}
CSAT_LABELS = {
    1: _("1 = very dissatisfied"), 2: _("2 = dissatisfied"), 3: _("3 = neutral"), 4: _("4 = satisfied"),
    5: _("5 = very satisfied"),
}  # fmt: skip
NPS_ENDS = {0: _("0 = not at all likely"), 10: _("10 = extremely likely")}


def columns(instrument: Instrument) -> tuple[str, ...]:
    """The ratings each statement asks for, in the order they are asked: expectation before perception."""
    order = {"expected": 0, "minimum": 1, "desired": 2, "perceived": 3}
    return tuple(sorted(answer_columns(instrument), key=order.__getitem__))


def column_question(instrument: Instrument, column: str):
    if column == "perceived" and instrument.asks_zone:
        return THREE_COLUMN_PERCEIVED
    return COLUMN_QUESTIONS[column]


@dataclass(frozen=True)
class DimensionText:
    key: str
    name: str
    definition: str


def asked_dimensions(items, language=None) -> list[DimensionText]:
    """The dimensions the instrument's statements cover, in the canonical order, in the caller's language."""
    language = language or get_language()
    used = {item.dimension for item in items}
    return [DimensionText(d.key, d.name(language), d.definition(language)) for d in dimensions.TEN if d.key in used]
