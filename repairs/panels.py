"""The 'my repair requests' panel of the resident's home page (registered in RepairsConfig.ready)."""

from residents.dashboard import Panel

from .selectors import orders_list_for_resident
from .workflow import OPEN_STATUSES, status_label

SHOWN = 5


def my_requests_panel(user) -> Panel | None:
    """The user's latest repair requests with their status, newest first; nothing when there are none. One query
    (the user's homes are remembered for the request)."""
    orders = list(orders_list_for_resident(user=user)[:SHOWN])
    for order in orders:
        order.status_label = status_label(order.status)
        order.is_open = order.status in OPEN_STATUSES
    return Panel("repairs/_my_requests_panel.html", {"orders": orders}) if orders else None
