"""Wagtail page types of the resident site. Resident personal data never lives in pages (SECURITY.md §0)."""

from .notices.models import NoticeDelivery, NoticeIndexPage, NoticePage  # noqa: F401
from .sites.models import EstateEditors, EstateHomePage, HomePage  # noqa: F401
