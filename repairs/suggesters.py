"""Help offered on the repair form before a report is sent, contributed by higher apps (the portal's self-help
articles), which repairs may not import.

A suggester is a callable `suggester(query: SuggestionQuery) -> Suggestions | None` (None: nothing to offer).
An app registers it in its AppConfig.ready(); the form shows what each offers, in registration order, above its
send button. The templates are rendered inside the repair form, so they must not open a form of their own
(a button with `formaction` posts elsewhere).
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SuggestionQuery:
    """What the resident has told the form so far."""

    user: object
    estate_ids: frozenset[int]  # the estates of the place chosen (or of all their homes): already theirs
    trade: str  # a Trade key, or ""
    text: str  # the description typed so far


@dataclass(frozen=True)
class Suggestions:
    """A template to include and the context it reads (as `suggestions` in the template)."""

    template: str
    context: dict = field(default_factory=dict)


_SUGGESTERS: dict[str, Callable] = {}


def register_suggester(name: str, suggester: Callable) -> None:
    """Add (or replace) the suggester called `name`; by name, so a second ready() does not offer things twice."""
    _SUGGESTERS[name] = suggester


def suggestions_for(query: SuggestionQuery) -> list[Suggestions]:
    """What each suggester offers for the query (those with nothing to offer left out)."""
    return [found for found in (suggester(query) for suggester in _SUGGESTERS.values()) if found is not None]


def query_for_report(*, user, data, units, areas) -> SuggestionQuery:
    """The query for what the repair form holds (`data`: its posted or linked values). The place chosen narrows
    the estates to its own; an unknown or missing place leaves every estate of the resident's homes."""
    estates = {unit.estate_id for unit in units}
    kind, _sep, pk = str(data.get("place", "")).partition(":")
    places = {"unit": units, "area": areas}.get(kind, ())
    chosen = {place.estate_id for place in places if str(place.pk) == pk}
    return SuggestionQuery(
        user=user,
        estate_ids=frozenset(chosen or estates),
        trade=str(data.get("trade", ""))[:32],
        text=str(data.get("description", ""))[:2000],
    )
