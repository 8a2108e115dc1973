"""The 'outages affecting my home' panel of the resident's home page (registered in RepairsConfig.ready)."""

from residents.dashboard import Panel

from .selectors import incidents_for_resident


def outages_panel(user) -> Panel | None:
    """Open outages affecting the user's homes, most urgent first; nothing when there are none."""
    incidents = list(incidents_for_resident(user=user))
    return Panel("repairs/incidents/_for_residents.html", {"incidents": incidents}) if incidents else None
