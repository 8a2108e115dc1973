"""Reads for estate-wide survey campaigns, scoped to the estates the user manages surveys in."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from feedback import scoring
from feedback.models import Instrument, Response, Survey
from residents import access
from residents.models import Building, Estate, Occupancy, Ownership, Unit

from . import sampling
from .models import Campaign, CampaignHousehold

CAPABILITY = "feedback.manage"
NORM_INTERVAL = timedelta(days=365)  # the 2004 level-1 standard asks for an owner survey at least yearly


@dataclass(frozen=True)
class Household:
    unit_id: int
    building_id: int
    recipient_id: int


def households(*, estate_id: int) -> list[Household]:
    """The estate's households now: residential units with a current verified owner or an occupant whose
    login is active. The one asked is the owner with the lowest user id, else such an occupant."""
    residential = {"unit__estate_id": estate_id, "unit__use": Unit.Use.RESIDENTIAL, "person__user__is_active": True}
    columns = ("unit_id", "unit__building_id", "person__user_id")
    owners = Ownership.objects.filter(access.current(), verified_at__isnull=False, **residential)
    occupants = Occupancy.objects.filter(access.current(), **residential)
    chosen: dict[int, Household] = {}
    for rows in (owners.values_list(*columns), occupants.values_list(*columns)):  # owners first
        for unit_id, building_id, user_id in sorted(rows):
            chosen.setdefault(unit_id, Household(unit_id, building_id, user_id))
    return [chosen[unit_id] for unit_id in sorted(chosen)]


@dataclass(frozen=True)
class Plan:
    """What a launch would do now: households, how many to ask, and how many per building."""

    population: int
    sample_size: int
    allocation: dict  # building id → households to ask
    strata: dict  # building id → households


def sample_plan(*, estate_id: int, mode: str, margin, confidence: int) -> Plan:
    """The population and sample a launch would freeze if it happened now (the preview on a draft)."""
    return plan_for(households(estate_id=estate_id), mode=mode, margin=margin, confidence=confidence)


def plan_for(found: list[Household], *, mode: str, margin, confidence: int) -> Plan:
    strata: dict[int, int] = {}
    for household in found:
        strata[household.building_id] = strata.get(household.building_id, 0) + 1
    population = len(found)
    if mode == Campaign.Mode.CENSUS:
        size = population
    else:
        size = sampling.cochran_sample_size(population, float(margin) / 100, confidence / 100)
    return Plan(population, size, sampling.allocate(strata, size), strata)


def building_names(*, ids) -> dict[int, str]:
    return dict(Building.objects.filter(pk__in=list(ids)).values_list("pk", "name"))


def managed_estates(*, user):
    return access.scope_by_estate(Estate.objects.order_by("name"), user, CAPABILITY, field="id")


def _count(queryset):
    return Coalesce(Subquery(queryset.order_by().values("campaign").annotate(n=Count("pk")).values("n")), 0)


def campaigns_for_manager(*, user):
    """Campaigns of the estates where the user runs surveys, newest first, each with its invited and answered
    counts (subqueries, so a page of them is one query)."""
    surveys = Survey.objects.filter(campaign=OuterRef("pk"))
    campaigns = access.scope_by_estate(Campaign.objects.all(), user, CAPABILITY)
    return campaigns.select_related("estate", "instrument", "created_by").annotate(
        invited=_count(surveys), answered=_count(surveys.filter(status=Survey.Status.ANSWERED))
    )


def campaign_instruments(*, estate_id: int):
    """Published estate-wide questionnaires an estate may use: its own and the shared ones."""
    return Instrument.objects.filter(
        Q(estate_id=estate_id) | Q(estate__isnull=True),
        purpose=Instrument.Purpose.CAMPAIGN,
        status=Instrument.Status.PUBLISHED,
    ).order_by(F("estate_id").asc(nulls_last=True), "key", "-version")


def instruments_for_manager(*, user):
    """Instruments a survey manager may read: the shared ones and those of the estates they manage."""
    ids = access.estate_ids_with(user, CAPABILITY)
    instruments = Instrument.objects.select_related("estate")
    if ids is None:
        return instruments
    return instruments.filter(Q(estate__isnull=True) | Q(estate_id__in=ids))


def instrument_items(*, instrument) -> list:
    return list(instrument.items.order_by("position"))


# --- response rates ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    """One building's (or the whole campaign's) figures. `satisfaction` is scoring.SatisfactionRate, or
    scoring.Suppressed below the privacy floor, or None when the questionnaire does not ask it."""

    building_id: int | None
    name: str
    households: int
    drawn: int
    invited: int
    answered: int
    satisfaction: object

    @property
    def rate(self) -> float | None:
        """Answered ÷ invited × 100; None before any invitation."""
        return 100 * self.answered / self.invited if self.invited else None


@dataclass(frozen=True)
class CampaignRates:
    buildings: list[Rate]
    overall: Rate
    asks_satisfaction: bool

    @property
    def meets_level_1(self) -> bool | None:
        """Whether 满意率 reaches the level-1 target (≥ 80%); None when there is no figure to judge."""
        figure = self.overall.satisfaction
        return figure.meets_level_1 if figure else None


def _satisfaction(asks: bool, scores: list):
    return scoring.satisfaction_rate(scores) if asks else None


def response_rates(*, campaign: Campaign) -> CampaignRates:
    """Per building and overall: households frozen at launch, drawn, invited, answered, rate, and 满意率 from
    the overall-satisfaction question (1–5), withheld below scoring.MIN_GROUP answers. Three queries."""
    frame = (
        CampaignHousehold.objects.filter(campaign=campaign).values("building_id", "building__name")
        .annotate(households=Count("pk"), drawn=Count("pk", filter=Q(drawn=True))).order_by("building__name")
    )  # fmt: skip
    sent = {
        row["building_id"]: row
        for row in Survey.objects.filter(campaign=campaign).values("building_id")
        .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(status=Survey.Status.ANSWERED))).order_by()
    }  # fmt: skip
    scores: dict[int, list] = {}
    for building_id, csat in Response.objects.filter(survey__campaign=campaign).values_list("building_id", "csat"):
        scores.setdefault(building_id, []).append(csat)
    asks = campaign.instrument.asks_csat
    rows = [
        Rate(row["building_id"], row["building__name"], row["households"], row["drawn"],
             sent.get(row["building_id"], {}).get("invited", 0), sent.get(row["building_id"], {}).get("answered", 0),
             _satisfaction(asks, scores.get(row["building_id"], [])))
        for row in frame
    ]  # fmt: skip
    totals = (sum(getattr(r, f) for r in rows) for f in ("households", "drawn", "invited", "answered"))
    overall = Rate(None, "", *totals, _satisfaction(asks, [s for group in scores.values() for s in group]))
    return CampaignRates(rows, overall, asks)


# --- the yearly norm -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EstateCampaigns:
    estate: Estate
    last: Campaign | None  # the last launched campaign

    def overdue(self, now) -> bool:
        """No campaign opened in the last 12 months (the norm asks for one at least yearly)."""
        return self.last is None or self.last.opens_at < now - NORM_INTERVAL


def last_campaign_per_estate(*, user) -> list[EstateCampaigns]:
    """For each estate the user runs surveys in, its most recently opened launched campaign (or None)."""
    launched = Campaign.objects.exclude(status=Campaign.Status.DRAFT)
    last_ids = launched.filter(estate=OuterRef("pk")).order_by("-opens_at", "-id").values("pk")[:1]
    estates = list(managed_estates(user=user).annotate(last_id=Subquery(last_ids)))
    by_id = launched.in_bulk([e.last_id for e in estates if e.last_id])
    return [EstateCampaigns(e, by_id.get(e.last_id)) for e in estates]


def estates_without_recent_campaign(*, user, now=None) -> list[Estate]:
    now = now or timezone.now()
    return [row.estate for row in last_campaign_per_estate(user=user) if row.overdue(now)]


def pending_households(*, campaign: Campaign):
    """Drawn households not yet invited (no survey of this campaign for the unit)."""
    invited = Survey.objects.filter(campaign=campaign, unit=OuterRef("unit"))
    return CampaignHousehold.objects.filter(campaign=campaign, drawn=True).exclude(Exists(invited)).order_by("pk")
