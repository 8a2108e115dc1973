"""The committee's size, filing and term checked against the estate's rules (DOMAIN.md §2.4 Art 16, §2.5).

A breach is a WARNING shown on the pages and in the API, never a refusal: a committee may be short of members
while an alternate steps up, and the law's consequence is for the authorities to draw. Pure: plain values in,
translated messages out.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class SizeRules:
    """The numbers of CommitteeRules these checks need."""

    members_min: int
    members_max: int
    members_odd: bool
    filing_days: int
    term_years_max: int


def size_warnings(*, voting: int, rules: SizeRules) -> list[str]:
    """Warnings about the count of voting members (chair, vice-chairs, members; not alternates)."""
    found = []
    if voting < rules.members_min:
        found.append(ngettext(
            "The committee has %(n)s voting member; the estate's rules ask for at least %(min)s.",
            "The committee has %(n)s voting members; the estate's rules ask for at least %(min)s.", voting,
        ) % {"n": voting, "min": rules.members_min})  # fmt: skip
    if voting > rules.members_max:
        found.append(_("The committee has %(n)s voting members; the estate's rules allow at most %(max)s.")
                     % {"n": voting, "max": rules.members_max})  # fmt: skip
    if rules.members_odd and voting % 2 == 0:
        found.append(_("The committee has an even number of voting members (%(n)s); the estate's rules ask for an "
                       "odd number.") % {"n": voting})  # fmt: skip
    return found


def term_warnings(
    *, elected_on: date, filed_on: date | None, term_start: date, term_end: date, today: date, rules: SizeRules
) -> list[str]:
    """Warnings about filing (备案) late or not yet, and a term longer than the rules allow."""
    found = []
    late = (filed_on or today) - elected_on
    if late.days > rules.filing_days:
        message = (_("Filed %(days)s days after the election; the rules ask for filing within %(limit)s days.")
                   if filed_on else
                   _("Not filed yet, %(days)s days after the election; the rules ask for filing within %(limit)s "
                     "days."))  # fmt: skip
        found.append(message % {"days": late.days, "limit": rules.filing_days})
    if term_end > _years_after(term_start, rules.term_years_max):
        found.append(_("The term runs longer than %(years)s years, the longest the rules allow.")
                     % {"years": rules.term_years_max})  # fmt: skip
    return found


def _years_after(day: date, years: int) -> date:
    """The same day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
