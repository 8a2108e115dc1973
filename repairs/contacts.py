"""The contact an Open311 caller gave with a request (not a registered resident): staff see the phone masked,
and the full number only through the same audited reveal as residents' phones (people.reveal_phone)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from residents.services import phone_reveal

from .models import WorkOrder


def work_order_reveal_contact_phone(*, actor, order: WorkOrder, request=None) -> str:
    """The order's contact phone in full, audited as "workorder.phone_revealed"; the caller scopes `order`.
    Raises NotPermitted without people.reveal_phone in its estate, ValidationError when it has none."""
    if not order.contact_phone:
        raise ValidationError(_("This order has no contact phone."))
    return phone_reveal(actor=actor, holder=order, phone=order.contact_phone, estate_id=order.estate_id,
                        request=request)  # fmt: skip
