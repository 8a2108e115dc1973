"""Reads for planned maintenance, scoped: plans to the estates the user manages."""

from datetime import date, timedelta

from django.db.models import OuterRef, Subquery

from residents import access
from residents.models import CommonArea, Estate, Role, User

from .models import MAX_LEAD_DAYS, MaintenancePlan, MaintenanceRun, WorkOrderChecklistItem


def plans_for_manager(*, user):
    """Plans of the estates where the user manages repairs, active first, soonest due first; each annotated
    with its last generated order and due date (subqueries, so a page is one query)."""
    runs = MaintenanceRun.objects.filter(plan=OuterRef("pk")).order_by("-due_date", "-id")
    plans = access.scope_by_estate(MaintenancePlan.objects.all(), user, "repairs.manage")
    return (
        plans.select_related("estate", "trade", "common_area__building", "default_assignee")
        .annotate(last_order_id=Subquery(runs.values("order_id")[:1]), last_due=Subquery(runs.values("due_date")[:1]))
        .order_by("-active", "next_due", "id")
    )


def plans_due(*, today: date) -> list[int]:
    """Ids of active plans whose next generation day (next due date − lead days) has come."""
    soon = MaintenancePlan.objects.filter(active=True, next_due__lte=today + timedelta(days=MAX_LEAD_DAYS))
    rows = soon.order_by("next_due", "id").values_list("pk", "next_due", "lead_days")
    return [pk for pk, next_due, lead in rows if next_due - timedelta(days=lead) <= today]


def order_checklist(*, order) -> list[WorkOrderChecklistItem]:
    """The order's checklist lines in order, with who ticked them."""
    return list(WorkOrderChecklistItem.objects.filter(order=order).select_related("done_by").order_by("position"))


def order_run(*, order) -> MaintenanceRun | None:
    """The plan occurrence that generated the order, if it was generated."""
    return MaintenanceRun.objects.filter(order=order).select_related("plan").first()


def managed_estates(*, user):
    return access.scope_by_estate(Estate.objects.order_by("name"), user, "repairs.manage", field="id")


def plan_choices(*, user) -> dict:
    """What a manager may choose on a plan form: their estates, those estates' common areas and technicians
    (the service checks that the area and the technician belong to the plan's estate)."""
    estates = list(managed_estates(user=user))
    ids = [estate.pk for estate in estates]
    areas = CommonArea.objects.filter(estate_id__in=ids).select_related("estate", "building")
    technicians = User.objects.filter(estate_roles__estate_id__in=ids, estate_roles__role=Role.TECHNICIAN)
    return {
        "estates": estates,
        "areas": list(areas.order_by("estate__name", "building_id", "name")),
        "technicians": list(technicians.distinct().order_by("pk")),
    }
