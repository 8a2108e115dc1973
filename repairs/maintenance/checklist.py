"""The completion rule of a checklist, kept apart from the ticking service so repairs.services can ask it
without an import cycle: an order with a checklist is completed only when every line is done."""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from core.errors import InvalidTransition

from .models import WorkOrderChecklistItem


def checklist_require_done(order) -> None:
    """Raise InvalidTransition naming every checklist line of `order` not yet done (none: nothing to check)."""
    undone = WorkOrderChecklistItem.objects.filter(order=order, done=False).order_by("position")
    names = [f"{item.position}. {item.text}" for item in undone]
    if names:
        raise InvalidTransition(
            _("Finish the checklist before completing the job. Not done yet: %(items)s.") % {"items": "; ".join(names)}
        )


def with_checklist_progress(orders):
    """Annotate `checklist_total` and `checklist_done` on each order (subqueries: no GROUP BY on the list)."""

    def count(condition):
        rows = WorkOrderChecklistItem.objects.filter(condition, order=OuterRef("pk")).order_by().values("order")
        subquery = Subquery(rows.annotate(n=Count("pk")).values("n"), output_field=IntegerField())
        return Coalesce(subquery, 0)

    return orders.annotate(checklist_total=count(Q()), checklist_done=count(Q(done=True)))
