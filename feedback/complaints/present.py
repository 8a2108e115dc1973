"""How an item is shown to whom: the one place that hides an anonymous submitter from the handlers."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from feedback.dimensions import BY_KEY

from .workflow import LABELS, Actor

BY_LABELS = {
    Actor.RESIDENT: _("Resident"),
    Actor.HANDLER: _("Property staff"),
    Actor.MANAGER: _("Property manager"),
    Actor.COMMITTEE: _("Owners' committee"),
    Actor.SYSTEM: _("System"),
}
ANONYMOUS = _("Anonymous resident")
ACTION_LABELS = {
    **LABELS,
    "submit": _("Filed"),
    "acknowledge_overdue": _("Acknowledgement overdue"),
    "answer_overdue": _("Answer overdue"),
    "manager_answer_overdue": _("Manager's answer overdue"),
}


def submitter_name(complaint) -> str:
    """The submitter's name for a handler (staff or committee), or "Anonymous resident"."""
    return str(ANONYMOUS) if complaint.anonymous_to_staff else complaint.submitter.full_name


def unit_label(complaint) -> str | None:
    """The home it concerns for a handler; hidden with the name, since a unit points at a household."""
    if complaint.anonymous_to_staff or complaint.unit_id is None:
        return None
    return f"{complaint.unit.building.name} {complaint.unit.number}"


def dimension_keys(complaint) -> list[str]:
    """The item's dimension tags (prefetched `dimension_tags`), in the order of the ten."""
    keys = {tag.dimension for tag in complaint.dimension_tags.all()}
    return [key for key in BY_KEY if key in keys]


def dimension_names(complaint) -> list[str]:
    """The tags' names in the current language."""
    language = get_language() or "zh-hans"
    return [BY_KEY[key].name(language) for key in dimension_keys(complaint)]
