"""Bulk assignment from the staff queue: several orders to one technician, all of them or none.

All or none because a dispatcher acts on what the queue showed: if one order moved on meanwhile (someone else
assigned it, the resident cancelled), they should look again rather than find half the batch done.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import Conflict, LinliError, NotPermitted

from . import selectors
from .models import WorkOrder
from .services import work_order_assign

MAX_ORDERS = 100


@dataclass(frozen=True)
class Pick:
    """An order as the dispatcher saw it: its id and the version shown (None: don't check staleness)."""

    order_id: int
    version: int | None = None


def work_orders_bulk_assign(*, picks: list[Pick], technician_id: int, actor, note: str = "") -> list[WorkOrder]:
    """Assign every picked order to the technician through the normal `assign` transition, or refuse them all."""
    ids = sorted({p.order_id for p in picks})
    if not ids:
        raise ValidationError({"orders": [_("Choose at least one order.")]})
    if len(ids) > MAX_ORDERS:
        raise ValidationError({"orders": [_("Assign at most %(max)s orders at once.") % {"max": MAX_ORDERS}]})
    visible = set(selectors.orders_for_staff(user=actor).filter(pk__in=ids).values_list("pk", flat=True))
    unknown = [i for i in ids if i not in visible]
    if unknown:  # the same words for another estate's order as for none at all: nothing leaks
        raise ValidationError({"orders": [_("No such order: %(ids)s.") % {"ids": _ids(unknown)}]})
    versions = {p.order_id: p.version for p in picks}
    refused, kinds = [], set()
    with transaction.atomic():
        # Lock the whole batch in id order first, so two overlapping batches queue up instead of deadlocking.
        list(WorkOrder.objects.select_for_update(of=("self",)).filter(pk__in=ids).order_by("pk").values("pk"))
        for order_id in ids:
            try:
                with transaction.atomic():
                    work_order_assign(order_id=order_id, technician_id=technician_id, actor=actor, note=note,
                                      expected_version=versions[order_id])  # fmt: skip
            except ValidationError as exc:
                kinds.add(ValidationError)
                refused.append(f"#{order_id}: {' '.join(exc.messages)}")
            except LinliError as exc:
                kinds.add(type(exc))
                refused.append(f"#{order_id}: {exc.message}")
        if refused:
            transaction.set_rollback(True)
    if refused:
        message = _("Nothing was assigned. %(reasons)s") % {"reasons": " ".join(refused)}
        if ValidationError in kinds:  # bad input outranks a denial, which outranks a race lost
            raise ValidationError({"orders": [message]})
        raise NotPermitted(message) if NotPermitted in kinds else Conflict(message)
    return list(selectors.orders_for_staff(user=actor).filter(pk__in=ids).order_by("pk"))


def _ids(ids) -> str:
    return ", ".join(f"#{i}" for i in ids)
