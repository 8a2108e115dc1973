"""Service levels and opening hours in plain words: 「急修：10 分钟内响应，30 分钟内到场，4 小时内修复。」"""

from dataclasses import dataclass
from datetime import time

from django.utils.dates import WEEKDAYS
from django.utils.translation import get_language, gettext_lazy, ngettext, pgettext
from django.utils.translation import gettext as _

from repairs.models import Priority
from repairs.service_levels import ServiceLevels
from repairs.sla import BusinessHours, Targets

DAY = 24 * 60
AROUND_THE_CLOCK = gettext_lazy("Around the clock")


def duration(minutes: int) -> str:
    """90 → "90 minutes", 240 → "4 hours", 1440 → "24 hours", 4320 → "3 days"."""
    if minutes >= 2 * DAY and minutes % DAY == 0:
        days = minutes // DAY
        return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


def weekdays(days) -> str:
    """ISO weekdays as words: a run of days as "Monday to Saturday", others listed."""
    days = sorted({int(day) for day in days})
    names = [str(WEEKDAYS[day - 1]) for day in days]
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        return _("%(first)s to %(last)s") % {"first": names[0], "last": names[-1]}
    return pgettext("list separator", ", ").join(names)


def opening(days, opens: time, closes: time) -> str:
    return _("%(days)s %(opens)s–%(closes)s") % {"days": weekdays(days), "opens": f"{opens:%H:%M}",
                                                  "closes": f"{closes:%H:%M}"}  # fmt: skip


@dataclass(frozen=True)
class Promise:
    """One line of the repair promise: who it is for, the targets, and the same in words."""

    key: str  # the priority, or "<trade key>:<priority>"
    label: str
    targets: Targets
    words: str
    clock: str


def _promise(key: str, label: str, targets: Targets, hours: BusinessHours) -> Promise:
    words = _("%(who)s: answered within %(response)s, on site within %(arrival)s, fixed within %(resolution)s.") % {
        "who": label,
        "response": duration(targets.response_minutes),
        "arrival": duration(targets.arrival_minutes),
        "resolution": duration(targets.resolution_minutes),
    }
    clock = (
        _("Counted around the clock, weekends and holidays included.")
        if targets.around_the_clock
        else _("Counted in business hours: %(hours)s.") % {"hours": opening(hours.weekdays, hours.start, hours.end)}
    )
    return Promise(key, label, targets, words, clock)


def trade_name(trade) -> str:
    return trade.name_zh if (get_language() or "zh-hans").startswith("zh") else trade.name_en


def promises(levels: ServiceLevels) -> list[Promise]:
    """Each priority's promise for any trade (most urgent first), then the trades with targets of their own."""
    labels = dict(Priority.choices)
    rows = [_promise(p, str(labels[p]), t, levels.hours) for p, t in levels.by_priority.items()]
    for own in levels.by_trade:
        label = _("%(trade)s, %(priority)s") % {"trade": trade_name(own.trade), "priority": labels[own.priority]}
        rows.append(_promise(f"{own.trade.key}:{own.priority}", label, own.targets, levels.hours))
    return rows
