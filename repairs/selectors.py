"""Reads of work orders, always scoped: residents see their household's orders, technicians their own
assignments, dispatchers and managers their estates' orders."""

from datetime import datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from residents import access
from residents.models import Role, User

from .models import WorkOrder, WorkOrderEvent

DETAIL_RELATED = [
    "estate", "unit__building", "common_area", "trade", "reporter__user", "assignee", "master", "open311_client",
    "incident",
]  # fmt: skip


QUEUE_RELATED = ["estate", "unit__building", "common_area", "trade", "assignee"]
QUEUE_FIELDS = [
    "id", "version", "status", "priority", "resolution_due", "estate__name", "unit__number", "unit__building__name",
    "common_area__name", "common_area__building", "trade__name_zh", "assignee__username",
]  # fmt: skip


def orders_for_resident(*, user):
    """Orders the user reported, or that concern a unit they own or live in and were filed since they moved in
    (a new tenant does not read the previous household's requests)."""
    if not user.is_authenticated:
        return WorkOrder.objects.none()
    visible = Q(reporter__user=user)
    for unit_id, start in access.resident_unit_since(user).items():
        moved_in = timezone.make_aware(datetime.combine(start, time.min))
        visible |= Q(unit_id=unit_id, created_at__gte=moved_in)
    # the master of a report of theirs that staff merged as a duplicate: they follow its progress
    masters = WorkOrder.objects.filter(reporter__user=user, status="merged").values("master_id")
    visible |= Q(pk__in=masters)
    return WorkOrder.objects.filter(visible).select_related(*DETAIL_RELATED)


def orders_list_for_resident(*, user):
    """orders_for_resident with only what a list of them shows (number, place, description, status, date),
    newest first: joining the detail's nine relations cost more than the rest of the query."""
    fields = ("id", "status", "description", "created_at", "unit__number", "unit__building__name", "common_area__name")
    return (
        orders_for_resident(user=user)
        .select_related(None)
        .select_related("unit__building", "common_area")
        .only(*fields)
        .order_by("-created_at", "-id")
    )


def orders_for_staff(*, user):
    """Orders in estates where the user dispatches or manages, plus any assigned to the user."""
    ids = access.estate_ids_with(user, "repairs.view_all")
    orders = WorkOrder.objects.select_related(*DETAIL_RELATED)
    if ids is None:
        return orders
    return orders.filter(Q(estate_id__in=ids) | Q(assignee=user))


def order_timeline(*, order, staff: bool):
    """The order's events, oldest first; residents see only those marked for them."""
    events = WorkOrderEvent.objects.filter(order=order).select_related("actor__person")
    return events if staff else events.filter(visibility=WorkOrderEvent.Visibility.RESIDENT)


def technicians_for(*, estate_id: int, trade_id: int | None = None):
    """Users holding the technician role in the estate (optionally with the trade)."""
    users = User.objects.filter(estate_roles__estate_id=estate_id, estate_roles__role=Role.TECHNICIAN)
    if trade_id is not None:
        users = users.filter(staff_profile__trades__id=trade_id)
    return users.distinct().order_by("pk")


def staff_queue(
    *,
    user,
    estate: str = "",
    building: str = "",
    status: str = "",
    priority: str = "",
    trade: str = "",
    assignee: str = "",
    q: str = "",
    overdue=False,
):
    """The staff work queue: open orders by default, most urgent deadline first. `assignee` is a user id or
    "none" (unassigned); `building` a building's name (as residents write it, e.g. 3号楼)."""
    from .workflow import OPEN_STATUSES

    # The queue shows a few columns of 50 rows: load just those (the detail's joins cost more than the query).
    orders = orders_for_staff(user=user).select_related(None).select_related(*QUEUE_RELATED).only(*QUEUE_FIELDS)
    orders = orders.filter(status=status) if status else orders.filter(status__in=OPEN_STATUSES)
    if estate:
        orders = orders.filter(estate__slug=estate)
    if building:
        orders = orders.filter(Q(unit__building__name=building) | Q(common_area__building__name=building))
    if priority:
        orders = orders.filter(priority=priority)
    if trade:
        orders = orders.filter(trade__key=trade)
    if assignee == "none":
        orders = orders.filter(assignee__isnull=True)
    elif assignee:
        orders = orders.filter(assignee_id=int(assignee))
    if q:
        orders = orders.filter(Q(pk=int(q)) if q.isascii() and q.isdigit() else Q(description__icontains=q))
    if overdue:
        orders = orders.filter(resolution_due__lt=timezone.now())
    return orders.order_by("resolution_due", "id")


def technicians_for_user(*, user):
    """Technicians of every estate where the user dispatches: the choices for (bulk) assignment."""
    ids = access.estate_ids_with(user, "repairs.dispatch")
    users = User.objects.filter(estate_roles__role=Role.TECHNICIAN)
    if ids is not None:
        users = users.filter(estate_roles__estate_id__in=ids)
    return users.distinct().order_by("pk")


def my_jobs(*, user):
    """A technician's open assignments, soonest visit first, with their checklist progress."""
    from .maintenance.checklist import with_checklist_progress
    from .workflow import OPEN_STATUSES

    jobs = WorkOrder.objects.filter(assignee=user, status__in=OPEN_STATUSES).select_related(*DETAIL_RELATED)
    return with_checklist_progress(jobs).order_by("scheduled_for", "resolution_due", "id")


def places_for_resident(*, user):
    """(units, common areas) a resident may report: their homes, and the common areas of those estates."""
    from residents.models import CommonArea, Unit

    units = list(Unit.objects.filter(pk__in=access.resident_unit_ids(user)).select_related("building"))
    areas = CommonArea.objects.filter(estate_id__in={u.estate_id for u in units}).select_related("building")
    return units, list(areas.order_by("estate_id", "building_id", "name"))


def dispatch_suggestions(*, order):
    """Technicians of the order's estate and trade, ranked by repairs.dispatch (one query)."""
    return technician_choices(order=order)[0]


def technician_choices(*, order):
    """(ranked suggestions of the order's trade, the estate's other technicians), from one query."""
    from django.db.models import Count, Exists, OuterRef, Sum

    from residents.models import StaffProfile

    from . import dispatch
    from .workflow import OPEN_STATUSES

    skilled = StaffProfile.trades.through.objects.filter(staffprofile__user=OuterRef("pk"), trade_id=order.trade_id)
    users = technicians_for(estate_id=order.estate_id).select_related("staff_profile").annotate(
        open_orders=Count("assigned_work_orders", filter=Q(assigned_work_orders__status__in=OPEN_STATUSES),
                          distinct=True),
        rating_sum=Sum("assigned_work_orders__rating"),
        rated_jobs=Count("assigned_work_orders", filter=Q(assigned_work_orders__rating__isnull=False),
                         distinct=True),
        skilled=Exists(skilled),
    )  # fmt: skip
    users = list(users)
    skilled = [user for user in users if user.skilled]
    scores = dispatch.service_scores(order.estate_id, [user.pk for user in skilled])
    ranked = dispatch.rank([_candidate(user, scores.get(user.pk)) for user in skilled], timezone.localtime())
    return ranked, [user for user in users if not user.skilled]


def _candidate(user, service=None):
    from . import dispatch

    score, surveys = service or (None, 0)
    profile = getattr(user, "staff_profile", None)
    return dispatch.Candidate(
        user_id=user.pk, name=user.get_full_name() or user.username,
        duty_days=tuple(profile.duty_days or ()) if profile else (),
        duty_start=profile.duty_start if profile else None, duty_end=profile.duty_end if profile else None,
        open_orders=user.open_orders, rating_sum=user.rating_sum or 0, rated_jobs=user.rated_jobs,
        service_score=score, service_surveys=surveys,
    )  # fmt: skip


def photo_for(*, user, photo_id: int):
    """(photo, seen as staff) if the user may see the photo's order, else (None, False)."""
    from .models import WorkOrderPhoto

    photo = WorkOrderPhoto.objects.filter(pk=photo_id).first()
    if photo is None:
        return None, False
    if orders_for_staff(user=user).filter(pk=photo.order_id).exists():
        return photo, True
    return (photo, False) if orders_for_resident(user=user).filter(pk=photo.order_id).exists() else (None, False)


def monthly_report(*, user, estate_slug: str, year: int, month: int) -> dict:
    """The month's repair figures for one estate the user dispatches or manages (repairs.reports).

    Raises Estate.DoesNotExist when the estate is out of scope.
    """
    from residents.models import Estate

    from . import reports
    from .workflow import Status

    estate = access.scope_by_estate(Estate.objects.all(), user, "repairs.dispatch", field="id").get(slug=estate_slug)
    start = timezone.make_aware(datetime(year, month, 1))
    end = timezone.make_aware(datetime(year + month // 12, month % 12 + 1, 1))
    cutoff = min(end, timezone.now())
    # duplicates merged into a master order and reports that joined an outage are no work of their own
    orders = WorkOrder.objects.filter(estate=estate).exclude(status__in=(Status.MERGED, Status.JOINED))
    fields = ["id", "trade__key", "priority", "created_at", "accepted_at", "completed_at", "resolution_due",
              "reopen_count"]  # fmt: skip

    def facts(queryset):
        return [reports.Facts(*row) for row in queryset.values_list(*fields)]

    still_open = (Q(completed_at__isnull=True) | Q(completed_at__gte=cutoff)) & (
        Q(closed_at__isnull=True) | Q(closed_at__gte=cutoff)
    )
    report = reports.monthly(
        reported=facts(orders.filter(created_at__gte=start, created_at__lt=end)),
        completed=facts(orders.filter(completed_at__gte=start, completed_at__lt=end)),
        open_at_cutoff=facts(orders.filter(still_open, created_at__lt=cutoff)),
        cutoff=cutoff,
    )
    return {"estate": estate.slug, "month": f"{year:04d}-{month:02d}", **report}


def duplicate_candidates(*, order):
    """Open orders reporting the same common area and trade within the estate's duplicate window."""
    from .services import repair_settings
    from .workflow import OPEN_STATUSES

    if order.common_area_id is None:
        return WorkOrder.objects.none()
    window = timedelta(hours=repair_settings(order.estate_id).duplicate_window_hours)
    return (
        WorkOrder.objects.filter(
            common_area_id=order.common_area_id, trade_id=order.trade_id, status__in=OPEN_STATUSES,
            created_at__gte=order.created_at - window, created_at__lte=order.created_at + window,
        )
        .exclude(pk=order.pk)
        .order_by("created_at", "id")
    )  # fmt: skip
