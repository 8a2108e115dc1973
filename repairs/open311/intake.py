"""Filing a request that arrived through an Open311 client: read the address in the key's estate, find the
resident behind the contact given, then go through work_order_submit like every other channel."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.phones import normalize_phone
from residents import access
from residents.models import Person, Trade, Unit

from ..models import Channel, Open311Client, Priority, WorkOrder
from ..services import Report, work_order_submit
from .places import place_for_address

# Linli's own field names in service errors → the names the Open311 client sent
_FIELD_NAMES = {"trade": "service_code", "unit": "address_id", "common_area": "address_id",
                "priority": "linli_priority", "reporter_id": "phone"}  # fmt: skip


@dataclass(frozen=True)
class Open311Report:
    """The fields of a GeoReport v2 POST that Linli uses (device_id, account_id, lat/long are not kept)."""

    service_code: str
    description: str
    address_id: str = ""
    address_string: str = ""
    priority: str = Priority.ROUTINE
    email: str = ""
    phone: str = ""
    first_name: str = ""
    last_name: str = ""


def _phone(raw: str) -> str:
    if not raw.strip():
        return ""
    try:
        return normalize_phone(raw)
    except ValidationError as exc:
        raise ValidationError({"phone": exc.messages}) from exc


def resident_with_contact(*, phone: str, email: str, estate_id: int, unit) -> Person | None:
    """The registered person with this phone (first) or email who lives in or owns `unit` (verified), or for a
    common area a unit of the estate; None when there is none: a stranger is never linked to a home."""
    match = (Q(user__phone=phone) if phone else Q(pk__in=[])) | (
        Q(user__email__iexact=email) if email else Q(pk__in=[])
    )
    people = sorted(Person.objects.filter(match).select_related("user"), key=lambda p: p.user.phone != phone)
    for person in people:
        homes = access.resident_unit_ids(person.user)
        if unit is not None and unit.pk in homes:
            return person
        if unit is None and Unit.objects.filter(pk__in=homes, estate_id=estate_id).exists():
            return person
    return None


def _full_name(first: str, last: str) -> str:
    """张三 for Chinese names (family name first, no space), "Ada Lovelace" otherwise."""
    first, last = first.strip(), last.strip()
    if any("\u4e00" <= char <= "\u9fff" for char in first + last):
        return last + first
    return " ".join(part for part in (first, last) if part)


@transaction.atomic
def open311_request_submit(*, client: Open311Client, report: Open311Report, request=None) -> WorkOrder:
    """File the request in the client's estate; raises ValidationError with the client's field names, saving
    nothing (the order, its event, audit rows and notifications commit together or not at all)."""
    if not Trade.objects.filter(key=report.service_code).exists():
        raise ValidationError(
            {"service_code": [_("No service has the code “%(code)s”.") % {"code": report.service_code}]}
        )
    unit, area = place_for_address(estate=client.estate, address_id=report.address_id,
                                   address_string=report.address_string)  # fmt: skip
    phone, email = _phone(report.phone), report.email.strip()
    reporter = resident_with_contact(phone=phone, email=email, estate_id=client.estate_id, unit=unit)
    name = _full_name(report.first_name, report.last_name)
    linli_report = Report(
        trade=report.service_code, description=report.description, priority=report.priority,
        unit_id=unit.pk if unit else None, common_area_id=area.pk if area else None, channel=Channel.OPEN311,
        reporter_id=reporter.pk if reporter else None, contact_name=name, contact_phone=phone, contact_email=email,
    )  # fmt: skip
    try:
        order = work_order_submit(actor=None, report=linli_report, request=request, client=client)
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        raise ValidationError({_FIELD_NAMES.get(key, key): value for key, value in exc.message_dict.items()}) from exc
    audit_record(action="open311.request_filed", obj=order, estate_id=order.estate_id, request=request,
                 client=client.pk, reporter_linked=reporter is not None)  # fmt: skip
    return order
