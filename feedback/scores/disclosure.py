"""Which score figures may be shown without one being subtracted from others (SECURITY.md §3, k-anonymity).

The floor in scoring (MIN_GROUP) stops a figure over fewer than five respondents; it does not stop
differencing. The estate's figure minus its shown buildings' figures, or January–March minus January–February,
would give the answers of a group too small to show. So what may be shown is decided per *cell*: one month,
one kind of survey, one instrument, one group (the estate, or one building, trade or technician) and one
measure (the responses as a whole, CSAT, NPS, the importance weights, one dimension, one statement), each with
its own count of respondents. A figure over several months and kinds is shown only when each of its cells is:

- the estate's cell is shown when it is empty or has at least MIN_GROUP respondents;
- within one breakdown (the buildings, the trades or the technicians) a cell under MIN_GROUP is withheld, and
  so is every cell of a building with fewer than MIN_GROUP households (rolled up into the estate). What is
  withheld in a month, together with the estate's answers that fall in no cell of the breakdown, must come to
  none or at least MIN_GROUP respondents; when it does not, the smallest shown cells are withheld as well until
  it does (complementary suppression).

Then any figure that can be built by adding and subtracting shown figures of the estate and one breakdown
covers no respondents or at least MIN_GROUP of them. Breakdowns are not crossed with each other (one building's
answers about one trade could be reached by subtracting a trade from a building), so the owners' committee sees
the estate and its buildings only; trades and technicians are the company's (see residents.access).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, Sum

from feedback import scoring
from residents.models import Building

from .models import DimensionRollup, Facet, ItemRollup, ResponseRollup

RESPONSES, CSAT, NPS, WEIGHTS = "responses", "csat", "nps", "weights"
RESPONSE_MEASURES = {RESPONSES: "n", CSAT: "csat_n", NPS: "nps_n", WEIGHTS: "n_w"}


def dimension(key: str) -> tuple:
    return ("dimension", key)


def item(pk: int) -> tuple:
    return ("item", pk)


@dataclass(frozen=True)
class Withholding:
    """The (measure, month) cells the filtered group may not show: its figures over them are withheld."""

    cells: frozenset = field(default_factory=frozenset)

    def measure(self, measure) -> bool:
        """Whether the figure of `measure` over the whole period is withheld."""
        return any(m == measure for m, _ in self.cells)

    def month(self, measure, month: date) -> bool:
        return (measure, month) in self.cells


def small_buildings(estate_id: int) -> set[int]:
    """Buildings of the estate with fewer than MIN_GROUP households: never shown on their own (one query)."""
    counts = Building.objects.filter(estate_id=estate_id).annotate(households=Count("units"))
    return {pk for pk, households in counts.values_list("pk", "households") if households < scoring.MIN_GROUP}


def shown_buildings(estate_id: int):
    """The buildings a score page offers as a breakdown: those with at least MIN_GROUP households."""
    return (
        Building.objects.filter(estate_id=estate_id)
        .annotate(households=Count("units"))
        .filter(households__gte=scoring.MIN_GROUP)
    )


def withholding(f, instrument) -> Withholding:
    """What the filter's group (f.facet, f.facet_id) may not show of `instrument` in f's period: three grouped
    queries (four for a building), and three more reading each group's count in the months where the smallest
    shown groups must be withheld as well."""
    always_hidden = small_buildings(f.estate_id) if f.facet == Facet.BUILDING else set()
    withheld, unsure = set(), set()
    for (measure, month, kind), totals in _totals(f, instrument, always_hidden).items():
        decided = _decide(f, totals, f.facet_id in always_hidden)
        if decided is None:
            unsure.add((measure, month, kind))
        elif decided:
            withheld.add((measure, month))
    if unsure:
        counts = _cells(f, instrument, months={month for _, month, _ in unsure})
        withheld |= {(measure, month) for measure, month, kind in unsure
                     if _hidden(f, counts[(measure, month, kind)], always_hidden)}  # fmt: skip
    return Withholding(frozenset(withheld))


def _decide(f, totals, mine_small: bool) -> bool | None:
    """Whether the group is withheld in one cell, from its totals; None when the complementary step decides."""
    k = scoring.MIN_GROUP
    estate, breakdown, hidden, mine = totals
    if 0 < estate < k:
        return True
    if f.facet == Facet.ESTATE or mine == 0:
        return False
    if mine < k or mine_small:
        return True
    withheld = estate - breakdown + hidden  # the hidden groups with the answers in no group
    return False if withheld == 0 or withheld >= k else None


def _totals(f, instrument, always_hidden: set) -> dict:
    """{(measure, month, kind): (estate, the breakdown's sum, its hidden groups' sum, the group's own)}."""
    k = scoring.MIN_GROUP
    breakdown, mine = Q(facet=f.facet), Q(facet=f.facet, facet_id=f.facet_id)

    def grouped(model, keys, columns):
        sums = {}
        for c in columns:
            small = Q(**{f"{c}__lt": k}) | Q(facet_id__in=always_hidden) if always_hidden else Q(**{f"{c}__lt": k})
            sums |= {f"sum_e_{c}": Sum(c, filter=Q(facet=Facet.ESTATE)), f"sum_b_{c}": Sum(c, filter=breakdown),
                     f"sum_h_{c}": Sum(c, filter=breakdown & small), f"sum_m_{c}": Sum(c, filter=mine)}  # fmt: skip
        return _rows(f, instrument, model).values("month", "kind", *keys).annotate(**sums).order_by()

    out = {}

    def put(measure, row, c):
        out[(measure, row["month"], row["kind"])] = tuple(row[f"sum_{x}_{c}"] or 0 for x in "ebhm")

    for row in grouped(ResponseRollup, (), RESPONSE_MEASURES.values()):
        for measure, c in RESPONSE_MEASURES.items():
            put(measure, row, c)
    for row in grouped(DimensionRollup, ("dimension",), ("n",)):
        put(dimension(row["dimension"]), row, "n")
    for row in grouped(ItemRollup, ("item_id",), ("n",)):
        put(item(row["item_id"]), row, "n")
    return out


def _rows(f, instrument, model, months=None):
    found = model.objects.filter(estate_id=f.estate_id, instrument=instrument, facet__in={Facet.ESTATE, f.facet},
                                 month__gte=f.start, month__lte=f.end)  # fmt: skip
    found = found.filter(kind=f.kind) if f.kind else found
    return found.filter(month__in=months) if months is not None else found


def _hidden(f, groups: dict, always_hidden: set) -> bool:
    k = scoring.MIN_GROUP
    estate = groups.pop(0, 0)  # the estate's own cell; the rest are the breakdown's
    if 0 < estate < k:
        return True
    if f.facet == Facet.ESTATE:
        return False
    cells = {pk: n for pk, n in groups.items() if n}
    hidden = {pk for pk, n in cells.items() if n < k or pk in always_hidden}
    withheld = estate - sum(cells.values()) + sum(cells[pk] for pk in hidden)  # with the answers in no cell
    for pk in sorted(set(cells) - hidden, key=lambda pk: (cells[pk], pk)):
        if withheld == 0 or withheld >= k:
            break
        hidden.add(pk)
        withheld += cells[pk]
    return f.facet_id in hidden


def _cells(f, instrument, months) -> dict:
    """{(measure, month, kind): {group id: respondents}} in those months, the estate's own cell under id 0."""

    def rows(model, *columns):
        return _rows(f, instrument, model, months).values_list("facet", "facet_id", "month", "kind", *columns)

    out = defaultdict(dict)

    def put(measure, facet, pk, month, kind, n):
        out[(measure, month, kind)][0 if facet == Facet.ESTATE else pk] = n

    for facet, pk, month, kind, *ns in rows(ResponseRollup, *RESPONSE_MEASURES.values()):
        for measure, n in zip(RESPONSE_MEASURES, ns, strict=True):
            put(measure, facet, pk, month, kind, n)
    for facet, pk, month, kind, key, n in rows(DimensionRollup, "dimension", "n"):
        put(dimension(key), facet, pk, month, kind, n)
    for facet, pk, month, kind, item_id, n in rows(ItemRollup, "item_id", "n"):
        put(item(item_id), facet, pk, month, kind, n)
    return out
