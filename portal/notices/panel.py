"""The 'unread notices' panel of the resident's home page (registered in PortalConfig.ready)."""

from django.db.models import Count, Window

from residents.dashboard import Panel

from .selectors import notices_unread_for_resident

SHOWN = 5


def notices_unread_panel(user) -> Panel | None:
    """How many notices wait unread, and the first few; nothing when none does. One query (the count is a window
    over the same rows)."""
    unread = notices_unread_for_resident(user=user).annotate(unread_total=Window(Count("pk")))
    shown = list(unread[:SHOWN])
    if not shown:
        return None
    return Panel("portal/notices/_unread_panel.html", {"notices": shown, "count": shown[0].unread_total})
