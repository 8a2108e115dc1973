"""Building self-help sections and articles for the knowledge-base tests."""

from portal.models import ArticleIndexPage, ArticlePage, HomePage
from portal.sites.services import ensure_estate_home
from residents.models import Trade


def company_home() -> HomePage:
    """The company home at the site root."""
    return HomePage.objects.order_by("path").first()


def kb_section(estate=None) -> ArticleIndexPage:
    """The self-help section of the estate (the one every estate home is made with), or the company's when estate
    is None (made under the company home the first time)."""
    if estate is not None:
        return ArticleIndexPage.objects.child_of(ensure_estate_home(estate)).get()
    home = company_home()
    found = ArticleIndexPage.objects.child_of(home).first()
    return found or home.add_child(instance=ArticleIndexPage(title="自助服务", slug="help"))


def article_draft(section, *, title, summary="先自己试试。", body="<p>步骤。</p>", trade="", keywords="", **fields):
    article = ArticlePage(
        title=title,
        summary=summary,
        body=body,
        keywords=keywords,
        trade=Trade.objects.get(key=trade) if trade else None,
        live=False,
        **fields,
    )
    section.add_child(instance=article)
    return article


def published_article(section, **fields) -> ArticlePage:
    """An article published as the Wagtail admin does (a revision, then publish)."""
    article = article_draft(section, **fields)
    article.save_revision().publish()
    article.refresh_from_db()
    return article
