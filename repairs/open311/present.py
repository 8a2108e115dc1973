"""A work order in GeoReport v2 terms: its fields, the open/closed status and Linli's documented extensions.

Pure functions of an order already loaded with its estate, trade, place and rejections (selectors.py).
Reporter names and phones never appear; a phone number typed into free text is masked.
"""

import re

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.phones import mask_phone

from ..services import STATUS_LABELS
from ..workflow import OPEN_STATUSES, Status

OPEN, CLOSED = "open", "closed"
# A mainland mobile number written into a description or note (with or without +86)
_PHONE_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(?:\+?86)?(1[3-9]\d{9})(?![0-9A-Za-z])")


def open311_status(status: str) -> str:
    """Open while the work is still to do; closed once it is done (waiting for confirmation too) or ended."""
    return OPEN if status in OPEN_STATUSES else CLOSED


def trade_name(trade) -> str:
    return trade.name_zh if (get_language() or "zh-hans").startswith("zh") else trade.name_en


def stamp(moment) -> str | None:
    """ISO 8601 with the UTC offset, as the spec asks (2026-03-02T09:30:00+08:00)."""
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def masked_text(text: str) -> str:
    return _PHONE_IN_TEXT.sub(lambda match: mask_phone(match.group(1)), text)


def address_code(order) -> str:
    return order.unit.address_code if order.unit_id else order.common_area.address_code


def status_notes(order) -> str:
    label = str(STATUS_LABELS[order.status])
    if order.status == Status.ON_HOLD and order.hold_reason:
        return f"{label}: {order.hold_reason}"
    if order.status == Status.MERGED and order.master_id:
        return _("Merged into #%(id)s.") % {"id": order.master_id}
    reasons = [event.note for event in getattr(order, "open311_rejections", []) if event.note]
    if order.status == Status.REJECTED and reasons:
        return f"{label}: {reasons[-1]}"
    return label


def service_notice(order) -> str:
    """The promise still to keep: empty once the request is closed."""
    if not order.resolution_due or order.status not in OPEN_STATUSES:
        return ""
    return _("We aim to finish this repair by %(when)s.") % {
        "when": timezone.localtime(order.resolution_due).strftime("%Y-%m-%d %H:%M")
    }


def request_fields(order) -> dict:
    """The spec's fields of one service request, then Linli's extensions (prefixed linli_)."""
    code = address_code(order)
    return {
        "service_request_id": str(order.pk),
        "status": open311_status(order.status),
        "status_notes": masked_text(status_notes(order)),
        "service_name": trade_name(order.trade),
        "service_code": order.trade.key,
        "description": masked_text(order.description),
        "agency_responsible": _("%(estate)s property management office") % {"estate": order.estate.name},
        "service_notice": service_notice(order),
        "requested_datetime": stamp(order.created_at),
        "updated_datetime": stamp(order.updated_at),
        "expected_datetime": stamp(order.resolution_due),
        "address": f"{order.estate.name} {code}",
        "address_id": code,
        "zipcode": None,
        "lat": None,
        "long": None,
        "media_url": None,  # photos of homes are served only to people who may see the order, never by URL
        "linli_status": order.status,
        "linli_priority": order.priority,
        "linli_response_due": stamp(order.response_due),
        "linli_arrival_due": stamp(order.arrival_due),
        "linli_resolution_due": stamp(order.resolution_due),
        "linli_rating": order.rating,
    }


def service_fields(trade) -> dict:
    return {
        "service_code": trade.key,
        "service_name": trade_name(trade),
        "description": _("Repairs: %(trade)s") % {"trade": trade_name(trade)},
        "metadata": False,  # Linli asks no extra attributes: the definition's attribute list is empty
        "type": "realtime",  # a POST answers with the new request's id at once
        "keywords": ", ".join(dict.fromkeys([trade.key, trade.name_zh, trade.name_en])),
        "group": _("Repairs"),
    }


def created_fields(order) -> dict:
    return {"service_request_id": str(order.pk), "service_notice": service_notice(order), "account_id": None}
