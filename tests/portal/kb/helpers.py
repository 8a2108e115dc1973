"""Building self-help sections and articles for the knowledge-base tests."""

from wagtail.models import Site

from portal.models import ArticleIndexPage, ArticlePage, HomePage
from residents.models import Trade


def company_home() -> HomePage:
    return Site.objects.get(is_default_site=True).root_page.specific


def estate_home(estate) -> HomePage:
    """The estate's home page under the company home (the one already there, if a test made it)."""
    home = HomePage.objects.filter(estate_slug=estate.slug).first()
    if home is None:
        home = company_home().add_child(instance=HomePage(title=estate.name, slug=estate.slug, estate_slug=estate.slug))
    return home


def kb_section(estate=None) -> ArticleIndexPage:
    """The self-help section of the estate (under its home page), or the company's when estate is None."""
    home = estate_home(estate) if estate is not None else company_home()
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
