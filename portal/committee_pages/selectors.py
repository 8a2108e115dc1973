"""Reading a committee page: only what the committee app has published, through its own selectors, in a fixed
number of queries whatever the number of members, minutes, votes or disclosures."""

from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from committee.disclosures.selectors import disclosures_published
from committee.meetings.selectors import published_minutes
from committee.members.selectors import current_committee, open_seats
from committee.votes.selectors import live_tally, results_published
from portal.notices.selectors import resident_estate_ids
from portal.richtext import safe_rich_text

SHOWN = 10  # of each list; the committee app's own pages list them all


@dataclass
class Board:
    """What a committee page shows; empty lists outside an estate's tree or before anything is published."""

    intro: SafeString
    committee: object = None
    seats: list = field(default_factory=list)
    minutes: list = field(default_factory=list)
    results: list = field(default_factory=list)
    disclosures: list = field(default_factory=list)


def board_of(page) -> Board:
    """The page's introduction and the estate's current committee, its members, and the latest published
    minutes, vote results and disclosures: at most five queries."""
    board = Board(intro=safe_rich_text(page.intro))
    estate = page.estate
    if estate is None:
        return board
    board.committee = current_committee(estate_id=estate.pk)
    board.seats = list(open_seats(committee_id=board.committee.pk)) if board.committee else []
    board.minutes = list(published_minutes(estate_id=estate.pk)[:SHOWN])
    board.results = list(results_published(estate_id=estate.pk)[:SHOWN])
    for motion in board.results:
        motion.tally = live_tally(motion=motion)  # a closed vote's stored result: no query
    board.disclosures = list(disclosures_published(estate=estate).order_by("-published_at", "-id")[:SHOWN])
    return board


def board_view(*, page, user) -> dict:
    """The template's context: the board, and whether to link to the committee app's residents' pages (open to
    the estate's residents)."""
    resident = page.estate is not None and page.estate.pk in resident_estate_ids(user)
    return {"board": board_of(page), "estate": page.estate, "resident_links": resident}
