"""The service levels an estate promises: each priority's targets (its SlaPolicy rows over the defaults in sla.py)
and the business hours that clocks not running around the clock count in.

One place for both the deadlines set on work orders (repairs.services) and what the portal's service guide tells
residents, so the promise shown and the promise measured never differ.
"""

from dataclasses import dataclass

from residents.models import Trade

from . import sla
from .models import Priority, RepairSettings, SlaPolicy

EVERY_DAY_BUT_SUNDAY = (1, 2, 3, 4, 5, 6)  # what an empty business_weekdays setting means


def policy_targets(policy: SlaPolicy) -> sla.Targets:
    return sla.Targets(policy.response_minutes, policy.arrival_minutes, policy.resolution_minutes,
                       policy.around_the_clock)  # fmt: skip


def targets_for(*, estate_id: int, priority: str, trade_id: int | None) -> sla.Targets:
    """The targets of an order: the estate's policy for its trade, else its policy for any trade, else the
    default for the priority."""
    policies = SlaPolicy.objects.filter(estate_id=estate_id, priority=priority).order_by("trade_id")
    policy = next((p for p in policies if p.trade_id == trade_id), None) or next(
        (p for p in policies if p.trade_id is None), None
    )
    return policy_targets(policy) if policy else sla.DEFAULT_TARGETS[priority]


def business_hours_of(settings: RepairSettings) -> sla.BusinessHours:
    days = frozenset(settings.business_weekdays or EVERY_DAY_BUT_SUNDAY)
    return sla.BusinessHours(start=settings.business_day_start, end=settings.business_day_end, weekdays=days)


@dataclass(frozen=True)
class TradeTargets:
    """A trade whose targets at one priority differ from the estate's targets for any trade."""

    trade: Trade
    priority: str
    targets: sla.Targets


@dataclass(frozen=True)
class ServiceLevels:
    """What an estate promises: targets by priority (any trade, most urgent first), the trades with their own
    targets, and the business hours."""

    by_priority: dict[str, sla.Targets]
    by_trade: list[TradeTargets]
    hours: sla.BusinessHours


def service_levels(*, estate_id: int) -> ServiceLevels:
    """The estate's service levels as targets_for and business_hours_of apply them; two queries, writes nothing
    (an estate without repair settings has the model's defaults)."""
    policies = list(SlaPolicy.objects.filter(estate_id=estate_id).select_related("trade"))
    general = {p.priority: policy_targets(p) for p in policies if p.trade_id is None}
    order = {priority: i for i, priority in enumerate(Priority.values)}
    own = sorted((p for p in policies if p.trade_id is not None), key=lambda p: (order[p.priority], p.trade.key))
    settings = RepairSettings.objects.filter(estate_id=estate_id).first() or RepairSettings(estate_id=estate_id)
    return ServiceLevels(
        by_priority={priority: general.get(priority, sla.DEFAULT_TARGETS[priority]) for priority in Priority.values},
        by_trade=[TradeTargets(p.trade, p.priority, policy_targets(p)) for p in own],
        hours=business_hours_of(settings),
    )
