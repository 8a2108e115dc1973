"""Reads of incidents. The coverage rules live here, seen from both sides: the homes an incident affects
(for its notices) and the incidents affecting a resident's homes (for their pages) follow one rule."""

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Value, When

from residents import access
from residents.models import Unit

from ..models import Incident, Priority

# Most urgent first: emergency, urgent, routine.
URGENCY = Case(
    When(priority=Priority.EMERGENCY, then=Value(0)),
    When(priority=Priority.URGENT, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)
SCOPE = ("buildings", "common_areas")  # prefetched wherever incidents are listed with where they are


def open_incidents():
    return Incident.objects.filter(ended_at__isnull=True)


# --- an incident's homes ------------------------------------------------------------------------------------


def affected_unit_ids(*, incident):
    """Ids (a subquery) of the units an incident affects: those of its buildings and of the buildings holding its
    common areas; an area shared by the whole estate (it has no building) affects every unit of the estate."""
    areas = incident.common_areas.all()
    units = Unit.objects.filter(estate_id=incident.estate_id)
    if areas.filter(building__isnull=True).exists():
        return units.values("pk")
    return units.filter(Q(building__in=incident.buildings.all()) | Q(building__in=areas.values("building"))).values(
        "pk"
    )


def affected_residents(*, incident):
    """Users who own or live in a home the incident affects, each once, with their person record."""
    return access.residents_of_units(affected_unit_ids(incident=incident))


def joined_reports(*, incident):
    """The reports that joined the incident, newest first, with what the staff page and the notices need."""
    related = ("unit__building", "common_area", "trade", "reporter__user")
    return incident.joined_orders.select_related(*related).order_by("-created_at", "-id")


# --- a resident's incidents ---------------------------------------------------------------------------------


def _affecting(unit_ids) -> Q:
    """Incidents affecting any of these units: affected_unit_ids' rule, seen from the homes."""
    units = Unit.objects.filter(pk__in=unit_ids)
    by_building = Incident.buildings.through.objects.filter(
        incident=OuterRef("pk"), building__in=units.values("building")
    )
    areas = Incident.common_areas.through.objects.filter(incident=OuterRef("pk"))
    by_area = areas.filter(commonarea__building__in=units.values("building"))
    estate_wide = areas.filter(commonarea__building__isnull=True)
    return Q(Exists(by_building)) | Q(Exists(by_area)) | (Q(Exists(estate_wide)) & Q(estate__in=units.values("estate")))


def incidents_for_resident(*, user):
    """Open incidents affecting the user's homes (including those announced ahead of their start), most urgent
    first."""
    unit_ids = access.resident_unit_ids(user)
    if not unit_ids:
        return Incident.objects.none()
    return (
        open_incidents()
        .filter(_affecting(unit_ids))
        .select_related("estate")
        .prefetch_related(*SCOPE)
        .order_by(URGENCY, "started_at", "id")
    )


# --- the incident a new report joins ------------------------------------------------------------------------


def incident_covering(*, order, at):
    """The open incident a new (unsaved) report joins, or None: same estate, already started, of the report's
    trade or of any trade, and scoped to the reported unit's building, or to the reported common area or its
    building. An incident of the trade wins over one of any trade, then the most urgent, then the oldest."""
    if order.unit_id:
        place = Q(buildings=order.unit.building_id)
    else:
        place = Q(common_areas=order.common_area_id)
        if order.common_area.building_id:
            place |= Q(buildings=order.common_area.building_id)
    incidents = open_incidents().filter(
        Q(trade__isnull=True) | Q(trade_id=order.trade_id), place, estate_id=order.estate_id, started_at__lte=at
    )
    return incidents.order_by(F("trade").asc(nulls_last=True), URGENCY, "started_at", "id").first()


# --- staff ------------------------------------------------------------------------------------------------


def incidents_for_staff(*, user, state: str = ""):
    """Incidents of the estates where the user dispatches or manages repairs, with their count of joined
    reports: open ones first (most urgent first), then the most recently started. `state`: open, ended or all."""
    incidents = access.scope_by_estate(Incident.objects.all(), user, "repairs.dispatch")
    if state in ("open", "ended"):
        incidents = incidents.filter(ended_at__isnull=state == "open")
    return (
        incidents.select_related("estate", "trade")
        .prefetch_related(*SCOPE)
        .annotate(joined_count=Count("joined_orders"))
        .order_by(F("ended_at").desc(nulls_first=True), URGENCY, "-started_at", "-id")
    )
