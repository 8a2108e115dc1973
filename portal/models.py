"""Wagtail page types of the resident site. Resident personal data never lives in pages (SECURITY.md §0)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .kb.models import ArticleIndexPage, ArticlePage, ArticleVisit  # noqa: F401
from .notices.models import NoticeDelivery, NoticeIndexPage, NoticePage  # noqa: F401


class HomePage(Page):
    """The front page of the portal (or of one estate's page tree)."""

    intro = RichTextField(_("introduction"), blank=True)
    estate_slug = models.SlugField(_("estate slug"), blank=True, help_text=_("Leave empty for the company home."))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("estate_slug")]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
