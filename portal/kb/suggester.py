"""The knowledge base's contribution to the repair form (repairs.suggesters): the articles that fit."""

from repairs.suggesters import SuggestionQuery, Suggestions

from .selectors import article_suggestions


def kb_suggestions(query: SuggestionQuery) -> Suggestions | None:
    """The articles of the report's estates and the company's that fit its trade and description; None if none.
    A company article's "solved it" counts for the report's estate (the first, when the place is not chosen)."""
    articles = article_suggestions(estate_ids=query.estate_ids, trade=query.trade, text=query.text)
    if not articles:
        return None
    estate_id = min(query.estate_ids) if query.estate_ids else None
    return Suggestions("portal/kb/_suggestions.html", {"articles": articles, "estate_id": estate_id})
