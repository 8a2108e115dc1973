"""Wagtail page types of the resident site. Resident personal data never lives in pages (SECURITY.md §0)."""

from .committee_pages.models import CommitteePage  # noqa: F401
from .guide.models import ServiceGuidePage  # noqa: F401
from .kb.models import ArticleIndexPage, ArticlePage, ArticleVisit  # noqa: F401
from .notices.models import NoticeDelivery, NoticeIndexPage, NoticePage  # noqa: F401
from .sites.models import EstateEditors, EstateHomePage, HomePage  # noqa: F401
