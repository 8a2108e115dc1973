"""Search over page text that works for Chinese.

Chinese is written without spaces, so full-text tokenisation (Wagtail's database backend, PostgreSQL's
to_tsvector with the default parser) sees 「3号楼电梯维保通知」 as one word and never finds 电梯 in it. A
case-insensitive substring match (LIKE '%电梯%') finds it on SQLite and PostgreSQL alike, and is plenty for the
few hundred pages of one estate. Any page type can use it: pass a queryset of that type and its text fields.
"""

from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from wagtail.models import Page

MAX_TERMS = 5  # words beyond these are ignored: each one adds a LIKE per field
MAX_QUERY_LENGTH = 100


def search_terms(query: str) -> list[str]:
    """The words of a query (split on spaces, which Chinese users type between words too)."""
    return (query or "")[:MAX_QUERY_LENGTH].split()[:MAX_TERMS]


def search_pages(queryset: QuerySet, query: str, *, text_fields: tuple[str, ...] = ()) -> QuerySet:
    """Rows of `queryset` where every word of `query` appears in the title or one of `text_fields`.

    Ranked: rows whose title holds every word first, then the queryset's own order. No words, no rows.
    """
    terms = search_terms(query)
    if not terms:
        return queryset.none()
    fields = ("title", *text_fields)
    anywhere = reduce(and_, (reduce(or_, (Q(**{f"{f}__icontains": t}) for f in fields)) for t in terms))
    in_title = reduce(and_, (Q(title__icontains=term) for term in terms))
    rank = Case(When(in_title, then=Value(0)), default=Value(1), output_field=IntegerField())
    ordering = queryset.query.order_by or ("pk",)
    return queryset.filter(anywhere).annotate(search_rank=rank).order_by("search_rank", *ordering)


@dataclass(frozen=True)
class SearchHit:
    """One row of a search over several page types: its type ("notice", "article") and the page."""

    type: str
    page: Page


class ChainedResults:
    """Several querysets shown as one list, in the order given, each row tagged with its type. A paginator counts
    each part once and fetches only the rows of the page it shows."""

    def __init__(self, parts: list[tuple[str, QuerySet]]):
        self.parts = parts
        self._sizes = None

    def sizes(self) -> list[int]:
        if self._sizes is None:
            self._sizes = [queryset.count() for _type, queryset in self.parts]
        return self._sizes

    def count(self) -> int:
        return sum(self.sizes())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(self.count())
        hits, offset = [], 0
        for (kind, queryset), size in zip(self.parts, self.sizes(), strict=True):
            low, high = max(start - offset, 0), min(stop - offset, size)
            if low < high:
                hits += [SearchHit(kind, page) for page in queryset[low:high]]
            offset += size
        return hits


def search_by_title_first(parts: list[tuple[str, QuerySet]]) -> ChainedResults:
    """Results of search_pages over several page types: every type's title matches, then the rest."""
    return ChainedResults([(kind, qs.filter(search_rank=rank)) for rank in (0, 1) for kind, qs in parts])
