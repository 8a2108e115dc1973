"""The knowledge base's section of 'download my data': which articles the person used and what they answered."""

from .models import ArticleVisit


def export_my_self_help(user) -> list[dict]:
    visits = ArticleVisit.objects.filter(user=user).select_related("article", "estate").order_by("day", "pk")
    return [
        {
            "article": visit.article.title,
            "estate": visit.estate.name,
            "day": visit.day,
            "opened_at": visit.opened_at,
            "from_repair_form": visit.suggested_at is not None,
            "answer": visit.outcome,
            "answered_at": visit.answered_at,
        }
        for visit in visits
    ]
