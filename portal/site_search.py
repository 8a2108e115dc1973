"""The portal's one search, over notices and self-help articles (Chinese substrings too, portal/search.py)."""

from portal.kb.selectors import ArticleHome, articles_search_for_reader
from portal.notices.selectors import EstateHome, notices_search_for_resident
from portal.search import ChainedResults, search_by_title_first, search_terms


def site_search(
    *, user, query: str, notice_homes: list[EstateHome] | None = None, article_homes: list[ArticleHome] | None = None
) -> ChainedResults:
    """The user's notices and the articles they may read that contain every word of the query: title matches
    first (notices before articles, each in its own order), then the rest. No words, no results."""
    if not search_terms(query):
        return ChainedResults([])
    notices = notices_search_for_resident(user=user, query=query, homes=notice_homes)
    articles = articles_search_for_reader(user=user, query=query, homes=article_homes)
    return search_by_title_first([("notice", notices), ("article", articles)])
