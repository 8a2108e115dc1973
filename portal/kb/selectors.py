"""Reading self-help articles: the company's articles are public; an estate's are read by its residents, staff
and committee (the notices' rule). Every list a person can reach is scoped here; any other article is a 404.

An article belongs to the home page two levels above it (article → self-help section → home page): the company
home's (portal.sites HomePage) articles are everyone's, an estate home's (EstateHomePage.estate) that estate's.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from wagtail.models import Page

from portal.notices.selectors import resident_estate_ids
from portal.search import search_pages
from residents import access

from .matching import Candidate, best_matches
from .models import ArticlePage

ARTICLE_ORDER = ("title", "pk")
SEARCHED_FIELDS = ("summary", "keywords", "body")


@dataclass(frozen=True)
class ArticleHome:
    """A home page that holds self-help articles: an estate's home (estate_id, estate_slug), or the company home
    (no estate: estate_id None, estate_slug "")."""

    estate_id: int | None
    estate_slug: str
    path: str
    depth: int

    @property
    def public(self) -> bool:
        return self.estate_id is None


# A company home or an estate home; joined through the page types' parent links, in one query.
_IS_HOME = Q(homepage__isnull=False) | Q(estatehomepage__isnull=False)


def _homes(condition: Q) -> list[ArticleHome]:
    rows = Page.objects.filter(_IS_HOME, condition).order_by("path")
    columns = ("estatehomepage__estate_id", "estatehomepage__estate__slug", "path", "depth")
    rows = rows.values_list(*columns)
    return [ArticleHome(estate_id, slug or "", path, depth) for estate_id, slug, path, depth in rows]


def article_homes(estate_ids) -> list[ArticleHome]:
    """The company homes and the home pages of the estates (of every estate when `estate_ids` is None); one query."""
    estates = Q(estatehomepage__isnull=False) if estate_ids is None else Q(estatehomepage__estate_id__in=estate_ids)
    return _homes(Q(homepage__isnull=False) | estates)


def home_of(page) -> ArticleHome | None:
    """The home page a self-help section (one level up) or article (two levels up) belongs to; None outside one.
    Remembered on the page object: serving a page asks for it more than once."""
    if not hasattr(page, "_kb_home"):
        levels = 2 if isinstance(page, ArticlePage) else 1
        found = _homes(Q(path=page.path[: -levels * page.steplen]))
        page._kb_home = found[0] if found else None
    return page._kb_home


def resident_estates(user) -> set[int]:
    """Estates where the user lives (notices' resident_estate_ids), remembered on the user object for as long
    as their homes are (access.resident_unit_ids): a page asks for them more than once."""
    units = frozenset(access.resident_unit_ids(user))
    memo = getattr(user, "_linli_kb_estates", None)
    if memo is None or memo[0] != units:
        memo = (units, frozenset(resident_estate_ids(user)) if units else frozenset())
        user._linli_kb_estates = memo
    return set(memo[1])


def reader_estate_ids(user) -> set[int] | None:
    """Estates whose own articles the user reads: where they live, or serve as staff or committee (None: all)."""
    if not user.is_authenticated:
        return set()
    staff = access.estate_ids_with(user, "notices.read")
    return None if staff is None else resident_estates(user) | staff


def may_read(user, home: ArticleHome | None) -> bool:
    """Everyone reads the company's articles; an estate's are read by its readers; the rest by admins only."""
    if home is None:
        return access.is_admin(user)
    if home.public:
        return True
    estates = reader_estate_ids(user)
    return estates is None or home.estate_id in estates


def _under(homes: list[ArticleHome]) -> Q:
    condition = Q(pk__in=[])
    for home in homes:
        condition |= Q(path__startswith=home.path, depth=home.depth + 2)
    return condition


def articles_under(homes: list[ArticleHome]) -> QuerySet:
    """Live articles of the home pages, by title, with their trade."""
    return ArticlePage.objects.live().filter(_under(homes)).select_related("trade").order_by(*ARTICLE_ORDER)


def articles_for_reader(*, user, homes: list[ArticleHome] | None = None) -> QuerySet:
    """Live articles the user may read: the company's, and those of the estates they read."""
    return articles_under(article_homes(reader_estate_ids(user)) if homes is None else homes)


def article_for_reader(*, user, article_id: int) -> ArticlePage:
    """One article the user may read; Http404 for any other (unknown, not live, another estate's)."""
    found = articles_for_reader(user=user).filter(pk=article_id).first()
    if found is None:
        raise Http404
    return found


def articles_search_for_reader(*, user, query: str, homes: list[ArticleHome] | None = None) -> QuerySet:
    """The user's articles whose title, summary, keywords or text contain every word of the query (Chinese
    substrings too), title matches first."""
    return search_pages(articles_for_reader(user=user, homes=homes), query, text_fields=SEARCHED_FIELDS)


def articles_for_section(*, section, home: ArticleHome | None) -> QuerySet:
    """What a self-help section lists: an estate's section shows its own articles and the company's."""
    if home is None:
        return ArticlePage.objects.none()
    return articles_under(article_homes(set() if home.public else {home.estate_id}))


def article_suggestions(*, estate_ids, trade: str, text: str) -> list[ArticlePage]:
    """The articles of the estates (and the company's) that best fit the trade and description, best first.

    The estate's articles are few (tens), so they are fetched without their bodies and ranked in Python."""
    if not (trade or text.strip()):
        return []
    articles = {a.pk: a for a in articles_under(article_homes(estate_ids)).defer("body")}
    candidates = [
        Candidate(a.pk, a.title, a.summary, a.keywords, a.trade.key if a.trade else "") for a in articles.values()
    ]
    return [articles[found.id] for found in best_matches(candidates, trade=trade, text=text)]


def section_for(user):
    """The self-help section to open for the user: their home estate's (else one they serve), else the company's."""
    from .models import ArticleIndexPage

    estates = resident_estates(user) or reader_estate_ids(user) or set()
    homes = article_homes(estates)
    condition = Q(pk__in=[])
    for home in homes:
        condition |= Q(path__startswith=home.path, depth=home.depth + 1)
    sections = {
        section.path[: -section.steplen]: section for section in ArticleIndexPage.objects.live().filter(condition)
    }
    ranked = sorted(homes, key=lambda home: (home.public, home.path))  # estates' sections before the company's
    return next((sections[home.path] for home in ranked if home.path in sections), None)
