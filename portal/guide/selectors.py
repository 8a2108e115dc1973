"""Reading a service guide: its own rows in plain words, and the parts read live from their sources (the
published fee standards, the estate's repair service levels), in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import time

from django.utils.safestring import SafeString

from committee.disclosures.selectors import fee_standards_in_force
from portal.notices.selectors import resident_estate_ids
from portal.richtext import safe_rich_text
from repairs.service_levels import service_levels

from . import present
from .blocks import Service


@dataclass(frozen=True)
class HoursRow:
    """One desk or line's opening hours, with the same in words."""

    service: str
    name: str
    around_the_clock: bool
    days: list[int]
    opens: time | None
    closes: time | None
    when: str
    note: str


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    place: str
    note: str

    @property
    def dial(self) -> str:
        """The number for a tel: link: digits and a leading +."""
        return ("+" if self.phone.startswith("+") else "") + "".join(c for c in self.phone if c.isdigit())


@dataclass
class Guide:
    """Everything a service guide shows: its own parts and the live ones (empty outside an estate's tree)."""

    commitments: SafeString
    hours: list[HoursRow]
    contacts: list[Contact]
    fee_standards: list = field(default_factory=list)
    promises: list[present.Promise] = field(default_factory=list)


def _hours_row(value) -> HoursRow:
    names = dict(Service.choices)
    days = sorted(int(day) for day in value["days"] or ())
    always = bool(value["around_the_clock"])
    when = str(present.AROUND_THE_CLOCK) if always else present.opening(days, value["opens"], value["closes"])
    return HoursRow(value["service"], value["label"] or str(names.get(value["service"], "")), always, days,
                    None if always else value["opens"], None if always else value["closes"], when,
                    value["note"])  # fmt: skip


def guide_of(page) -> Guide:
    """The page's own parts and, under an estate's home page, the live ones: three queries."""
    guide = Guide(
        commitments=safe_rich_text(page.commitments),
        hours=[_hours_row(block.value) for block in page.hours],
        contacts=[Contact(b.value["name"], b.value["phone"], b.value["place"], b.value["note"]) for b in page.contacts],
    )
    if page.estate is not None:
        guide.fee_standards = list(fee_standards_in_force(estate_id=page.estate.pk))
        guide.promises = present.promises(service_levels(estate_id=page.estate.pk))
    return guide


def guide_view(*, page, user) -> dict:
    """The template's context: the guide, and whether to link to the residents' pages of the committee app
    (those open to the estate's residents)."""
    resident = page.estate is not None and page.estate.pk in resident_estate_ids(user)
    return {"guide": guide_of(page), "estate": page.estate, "resident_links": resident}
