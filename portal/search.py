"""Search over page text that works for Chinese.

Chinese is written without spaces, so full-text tokenisation (Wagtail's database backend, PostgreSQL's
to_tsvector with the default parser) sees 「3号楼电梯维保通知」 as one word and never finds 电梯 in it. A
case-insensitive substring match (LIKE '%电梯%') finds it on SQLite and PostgreSQL alike, and is plenty for the
few hundred pages of one estate. Any page type can use it: pass a queryset of that type and its text fields.
"""

from functools import reduce
from operator import and_, or_

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

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
