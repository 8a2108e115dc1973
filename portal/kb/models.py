"""Self-help articles (自助服务): an article index under a home page and its articles, written by staff in the
Wagtail admin, and the record of how residents used them.

Under an estate's home page (EstateHomePage) the articles are that estate's (read by its residents, staff and
committee, like its notices: they may name its office, contractors or plant rooms); under the company home they are
for everyone, signed in or not (generic advice holds no personal data, and a help centre people can find is worth more).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal.richtext import RESIDENT_FEATURES
from portal.sites.sections import register_estate_section
from residents.models import Estate, Trade

from .matching import keyword_problems


class ArticleIndexPage(Page):
    """The self-help section of an estate (under its home page) or of the whole company (under the company home)."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    parent_page_types = ["portal.HomePage", "portal.EstateHomePage"]
    subpage_types = ["portal.ArticlePage"]
    max_count_per_parent = 1
    template = "portal/kb/article_index_page.html"
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("self-help section")

    def serve(self, request, *args, **kwargs):
        from .views import serve_for_readers

        return serve_for_readers(self, request, super().serve, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .views import index_context

        return {**super().get_context(request, *args, **kwargs), **index_context(self, request)}


# Every estate tree gets its (empty) self-help section when its home is made (portal.sites.ensure_estate_home).
register_estate_section(ArticleIndexPage, slug="help", title=_("Self-help"), position=30)


class ArticlePage(Page):
    """One self-help article: what to try for a common problem, and when to report it instead. No resident data."""

    trade = models.ForeignKey(
        Trade,
        verbose_name=_("kind of repair"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The repair form suggests this article when a resident chooses this kind of repair."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=200,
        help_text=_("One or two sentences, shown in search results and on the repair form."),
    )
    body = RichTextField(_("body"), features=RESIDENT_FEATURES)
    keywords = models.CharField(
        _("keywords"),
        max_length=300,
        blank=True,
        help_text=_(
            "Words residents use for this problem, separated by commas, e.g. 下水道, 地漏, 堵, 反水. "
            "The repair form suggests the article when a description contains one of them."
        ),
    )

    parent_page_types = ["portal.ArticleIndexPage"]
    subpage_types = []
    template = "portal/kb/article_page.html"
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("keywords"),
        index.SearchField("body"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("trade"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("keywords"),
    ]

    class Meta:
        verbose_name = _("self-help article")
        verbose_name_plural = _("self-help articles")

    def clean(self):
        super().clean()
        problems = keyword_problems(self.keywords)
        if problems:
            raise ValidationError({"keywords": problems})

    def serve(self, request, *args, **kwargs):
        from .views import serve_for_readers

        return serve_for_readers(self, request, super().serve, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .views import article_context

        return {**super().get_context(request, *args, **kwargs), **article_context(self, request)}


class ArticleVisit(models.Model):
    """A resident's use of an article on one (local) day: whether they opened it, whether the repair form led them
    there, and their answer: it solved the problem, so no report was needed (a deflection), or it did not help.

    One row per article, person and day, so reloading or answering again cannot inflate a count; a later answer
    the same day replaces the earlier one. `estate` is the resident's estate the use is counted for.
    """

    class Outcome(models.TextChoices):
        SOLVED = "solved", _("Solved it, no report needed")
        NOT_HELPED = "not_helped", _("Did not help")

    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")
    estate = models.ForeignKey(Estate, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    opened_at = models.DateTimeField(null=True, blank=True)  # None: answered from the repair form's list only
    suggested_at = models.DateTimeField(null=True, blank=True)  # first reached from the repair form that day
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "user", "day"], name="kb_visit_one_per_day"),
            models.CheckConstraint(
                condition=models.Q(outcome="") | models.Q(answered_at__isnull=False), name="kb_visit_answer_has_time"
            ),
        ]
        indexes = [models.Index(fields=["estate", "day"], name="kb_visit_estate_day")]
