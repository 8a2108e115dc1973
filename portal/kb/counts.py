"""How an estate's residents used its self-help articles, for its managers (kb.stats): per article, over a period.

- views: residents who opened it (once per person and day);
- solved: residents who said it solved the problem, so they did not need to report it (deflections);
- not_helped: residents who said it did not help;
- suggested: residents who reached it from the repair form;
- no_report: of those, the ones who sent no repair request in the estate within a day after. Only uses more
  than a day old are judged. It is a fact, not a cause: some of them gave up or phoned instead.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from repairs.models import WorkOrder

from .models import ArticlePage, ArticleVisit
from .selectors import article_homes, articles_under

PERIODS = (7, 30, 90, 365)  # days a manager may look back
DEFAULT_PERIOD = 30
NO_REPORT_WINDOW = timedelta(days=1)
FIGURES = ("views", "solved", "not_helped", "suggested", "no_report")


def period_days(raw) -> int:
    """The period asked for (?days=), when it is one of PERIODS; else the default."""
    return int(raw) if str(raw).isdigit() and int(raw) in PERIODS else DEFAULT_PERIOD


@dataclass(frozen=True)
class ArticleCounts:
    article: ArticlePage
    views: int = 0
    solved: int = 0
    not_helped: int = 0
    suggested: int = 0
    no_report: int = 0


def _figures(*, estate_id: int, days: int) -> dict[int, dict]:
    since = timezone.localdate() - timedelta(days=days - 1)
    reported = WorkOrder.objects.filter(
        reporter__user=OuterRef("user"),
        estate=OuterRef("estate"),
        created_at__gte=OuterRef("suggested_at"),
        created_at__lt=OuterRef("suggested_at") + NO_REPORT_WINDOW,
    )
    judged = Q(suggested_at__lte=timezone.now() - NO_REPORT_WINDOW)
    rows = (
        ArticleVisit.objects.filter(estate_id=estate_id, day__gte=since)
        .values("article")
        .annotate(
            views=Count("pk", filter=Q(opened_at__isnull=False)),
            solved=Count("pk", filter=Q(outcome=ArticleVisit.Outcome.SOLVED)),
            not_helped=Count("pk", filter=Q(outcome=ArticleVisit.Outcome.NOT_HELPED)),
            suggested=Count("pk", filter=Q(suggested_at__isnull=False)),
            no_report=Count("pk", filter=judged & ~Q(Exists(reported))),
        )
        .order_by()
    )
    return {row.pop("article"): row for row in rows}


def article_counts(*, estate_id: int, days: int = DEFAULT_PERIOD) -> list[ArticleCounts]:
    """Every live article the estate's residents read (its own and the company's) with its figures over the last
    `days` days (today included), the most problems solved first; three queries."""
    figures = _figures(estate_id=estate_id, days=days)
    counted = [
        ArticleCounts(article, **figures.get(article.pk, {}))
        for article in articles_under(article_homes({estate_id})).defer("body")
    ]
    return sorted(counted, key=lambda row: (-row.solved, -row.views, row.article.title))
