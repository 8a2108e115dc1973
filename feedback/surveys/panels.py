"""The 'surveys waiting for you' panel on the resident's home page (residents.dashboard)."""

from django.utils.translation import get_language

from residents.dashboard import Panel

from .selectors import open_surveys_for_resident


def surveys_waiting_panel(user) -> Panel | None:
    """Open invitations of this resident, soonest closing first; nothing when none waits."""
    if not user.is_authenticated:
        return None
    surveys = open_surveys_for_resident(user=user)
    for survey in surveys:
        survey.display_name = survey.instrument.name(get_language())
    return Panel("feedback/surveys/_panel.html", {"surveys": surveys}) if surveys else None
