"""Keeping residents in the loop outside the state table: pressing for a late order (催单) and the staff's
follow-up call after an emergency or reopened job (回访). Neither changes the order's status."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.errors import InvalidTransition, NotPermitted
from residents import access
from residents.models import EstateRole, Role
from residents.notify import notify_user

from .models import WorkOrder, WorkOrderEvent
from .services import actor_roles, work_order_event_record
from .workflow import OPEN_STATUSES, Actor, Status

PRESS_INTERVAL = timedelta(hours=1)  # one press an hour is a reminder; more would be noise
_PRESSED = gettext_lazy("Resident pressed for repair #%(id)s")
FOLLOW_UP_STATUSES = frozenset({Status.COMPLETED, Status.CONFIRMED, Status.CLOSED})


def _locked(order_id: int) -> WorkOrder:
    return WorkOrder.objects.select_for_update(of=("self",)).select_related("reporter").get(pk=order_id)


@transaction.atomic
def work_order_press(*, order_id: int, actor, note: str = "") -> WorkOrder:
    """The household presses for an open order: logged, and the assignee and the estate's dispatchers are told.

    Raises NotPermitted for anyone but the household, InvalidTransition on a finished order or a second
    press within the hour.
    """
    order = _locked(order_id)
    if Actor.REPORTER not in actor_roles(actor, order):
        raise NotPermitted(_("Only the household that reported it may press for this order."))
    if order.status not in OPEN_STATUSES:
        raise InvalidTransition(_("This order is no longer open."))
    last = order.events.filter(action="press").order_by("-at").values_list("at", flat=True).first()
    if last and timezone.now() - last < PRESS_INTERVAL:
        raise InvalidTransition(_("You pressed for this order less than an hour ago; we are on it."))
    event = work_order_event_record(order, actor, "press", order.status, order.status, note=note)
    recipients = {order.assignee} if order.assignee_id else set()
    dispatchers = EstateRole.objects.filter(estate_id=order.estate_id, role=Role.DISPATCHER).select_related("user")
    recipients |= {role.user for role in dispatchers}
    for user in recipients:
        notify_user(user=user, event_key=f"wo.{order.pk}.press.{event.pk}", subject=_PRESSED, body=note,
                    link=f"/staff/work-orders/{order.pk}/", params={"id": order.pk})  # fmt: skip
    return order


@transaction.atomic
def work_order_follow_up(*, order_id: int, actor, note: str) -> WorkOrder:
    """Record the follow-up call or message after a finished job (staff only; note required)."""
    order = _locked(order_id)
    if not access.can(actor, "repairs.dispatch", order.estate_id):
        raise NotPermitted(_("Only dispatchers and managers record follow-up calls."))
    if order.status not in FOLLOW_UP_STATUSES:
        raise InvalidTransition(_("Follow up once the work is completed."))
    if not note.strip():
        raise ValidationError({"note": [_("Write down what the resident said.")]})
    work_order_event_record(order, actor, "follow_up", order.status, order.status, note=note,
           visibility=WorkOrderEvent.Visibility.INTERNAL)  # fmt: skip
    return order


def orders_needing_follow_up(*, user):
    """Finished emergency or reopened orders in the user's estates that nobody has followed up yet."""
    from django.db.models import Exists, OuterRef, Q

    from .selectors import orders_for_staff

    done = WorkOrderEvent.objects.filter(order=OuterRef("pk"), action="follow_up")
    return (
        orders_for_staff(user=user)
        .filter(Q(priority="emergency") | Q(reopen_count__gt=0), status__in=FOLLOW_UP_STATUSES)
        .exclude(Exists(done))
        .order_by("completed_at", "id")
    )


LABELS = {"press": gettext_lazy("Press for it (催单)"), "follow_up": gettext_lazy("Record follow-up call (回访)")}


def extra_actions(order: WorkOrder, roles: set[str]) -> list[str]:
    """The non-transition actions open to someone with these roles on this order."""
    extras = []
    if Actor.REPORTER in roles and order.status in OPEN_STATUSES:
        extras.append("press")
    if roles & {Actor.DISPATCHER, Actor.MANAGER} and order.status in FOLLOW_UP_STATUSES:
        extras.append("follow_up")
    return extras
