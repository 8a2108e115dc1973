"""Chargeable repairs: a quote sent by staff, accepted or declined online by the household before work
starts, and the charge recorded as paid. (services.work_order_start refuses to start while the latest quote
is not accepted.)"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.errors import InvalidTransition, NotPermitted
from residents.notify import notify_user

from .models import Quote, WorkOrder
from .services import actor_roles, work_order_event_record
from .workflow import BEFORE_WORK, Actor, Status

_QUOTED = gettext_lazy("A quote for your repair #%(id)s: ¥%(total)s")
STAFF = {Actor.DISPATCHER, Actor.MANAGER, Actor.ASSIGNEE}


def _locked(order_id: int) -> WorkOrder:
    return WorkOrder.objects.select_for_update(of=("self",)).select_related("reporter__user").get(pk=order_id)


def _amount(value, field: str) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: [_("Enter an amount in yuan, such as 120 or 35.50.")]}) from None
    if amount < 0 or amount >= Decimal("10000000"):
        raise ValidationError({field: [_("Enter an amount from 0 to 9,999,999.99.")]})
    return amount


def live_quote(order: WorkOrder) -> Quote | None:
    """The order's quote that is waiting or accepted (a declined one can be replaced)."""
    return order.quotes.exclude(status=Quote.Status.DECLINED).first()


@transaction.atomic
def work_order_quote_send(*, order_id: int, actor, labour, materials, note: str = "") -> Quote:
    """Send the household a price before work starts (private units only)."""
    order = _locked(order_id)
    if not STAFF & actor_roles(actor, order):
        raise NotPermitted(_("Only staff may send a quote."))
    if order.unit_id is None:
        raise InvalidTransition(_("Common-area repairs are not charged to a household."))
    if order.status not in BEFORE_WORK - {Status.SUBMITTED}:
        raise InvalidTransition(_("Send the quote after accepting the order and before work starts."))
    if live_quote(order) is not None:
        raise InvalidTransition(_("This order already has a quote; the resident must decline it first."))
    errors, amounts = {}, {}
    for field, value in (("labour", labour), ("materials", materials)):
        try:
            amounts[field] = _amount(value, field)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    quote = Quote.objects.create(order=order, sent_by=actor, note=note.strip()[:500], **amounts)
    work_order_event_record(order, actor, "quote", order.status, order.status, note=f"¥{quote.total}", quote=quote.pk)
    if order.reporter_id:
        params = {"id": order.pk, "total": quote.total}
        key = f"wo.{order.pk}.quote.{quote.pk}"
        notify_user(user=order.reporter.user, event_key=key, subject=_QUOTED, body=quote.note,
                    link=f"/repairs/{order.pk}/", params=params)  # fmt: skip
    return quote


@transaction.atomic
def work_order_quote_decide(*, order_id: int, actor, accept: bool) -> Quote:
    """The household accepts or declines the waiting quote."""
    order = _locked(order_id)
    if Actor.REPORTER not in actor_roles(actor, order):
        raise NotPermitted(_("Only the household may answer the quote."))
    quote = order.quotes.filter(status=Quote.Status.SENT).first()
    if quote is None:
        raise InvalidTransition(_("There is no quote waiting for an answer."))
    quote.status = Quote.Status.ACCEPTED if accept else Quote.Status.DECLINED
    quote.decided_at = timezone.now()
    quote.save(update_fields=["status", "decided_at"])
    action = "quote_accepted" if accept else "quote_declined"
    work_order_event_record(order, actor, action, order.status, order.status, note=f"¥{quote.total}")
    return quote


@transaction.atomic
def work_order_charge_paid(*, order_id: int, actor) -> Quote:
    """Record that the household paid the accepted quote."""
    order = _locked(order_id)
    if not {Actor.DISPATCHER, Actor.MANAGER} & actor_roles(actor, order):
        raise NotPermitted(_("Only dispatchers and managers record payments."))
    quote = order.quotes.filter(status=Quote.Status.ACCEPTED, paid_at__isnull=True).first()
    if quote is None:
        raise InvalidTransition(_("There is no accepted, unpaid quote on this order."))
    quote.paid_at = timezone.now()
    quote.save(update_fields=["paid_at"])
    work_order_event_record(order, actor, "charge_paid", order.status, order.status, note=f"¥{quote.total}")
    return quote


LABELS = {
    "quote": gettext_lazy("Send a quote"),
    "charge_paid": gettext_lazy("Record payment"),
    "accept_quote": gettext_lazy("Accept the quote"),
    "decline_quote": gettext_lazy("Decline the quote"),
}


def extra_actions(order: WorkOrder, roles: set[str]) -> list[str]:
    """Quote actions open to someone with these roles on this order now."""
    quotes = list(order.quotes.all())  # a handful at most; sliced in Python so a prefetch serves it
    latest = quotes[0] if quotes else None
    extras = []
    live = latest is not None and latest.status != Quote.Status.DECLINED
    if roles & STAFF and order.unit_id and order.status in BEFORE_WORK - {Status.SUBMITTED} and not live:
        extras.append("quote")
    if Actor.REPORTER in roles and latest is not None and latest.status == Quote.Status.SENT:
        extras += ["accept_quote", "decline_quote"]
    accepted_unpaid = latest is not None and latest.status == Quote.Status.ACCEPTED and latest.paid_at is None
    if roles & {Actor.DISPATCHER, Actor.MANAGER} and accepted_unpaid:
        extras.append("charge_paid")
    return extras
