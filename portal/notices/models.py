"""Notice pages (公告) under an estate's home page, and the record of who has been told of each notice."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal.richtext import RESIDENT_FEATURES
from portal.sites.sections import register_estate_section
from residents.models import Building, Person

from .forms import NoticePageForm


class NoticeIndexPage(Page):
    """The notice board of one estate: a child of that estate's home page, holding its notices."""

    parent_page_types = ["portal.EstateHomePage"]
    subpage_types = ["portal.NoticePage"]
    max_count_per_parent = 1
    template = "portal/notices/notice_index_page.html"

    class Meta:
        verbose_name = _("notice board")

    def serve(self, request, *args, **kwargs):
        from .views import serve_for_readers

        return serve_for_readers(self, request, super().serve, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .selectors import notices_on_board

        return {**super().get_context(request, *args, **kwargs), "notices": notices_on_board(board=self)}


register_estate_section(NoticeIndexPage, slug="notices", title=_("Notices"), position=10)


class NoticePage(Page):
    """One notice, written and scheduled by staff in the Wagtail admin (go_live_at / expire_at are its start and
    expiry). No buildings chosen means the whole estate."""

    class Kind(models.TextChoices):
        OUTAGE = "outage", _("Water or power cut")
        LIFT = "lift", _("Lift maintenance")
        EVENT = "event", _("Event")
        POLICY = "policy", _("Policy")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    pinned = models.BooleanField(_("pinned"), default=False, help_text=_("Kept at the top of the notice board."))
    urgent = models.BooleanField(_("urgent"), default=False, help_text=_("Shown first, on the estate's home page."))
    body = RichTextField(_("body"), features=RESIDENT_FEATURES)
    target_buildings = ParentalManyToManyField(
        Building,
        verbose_name=_("buildings"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty for the whole estate."),
    )

    parent_page_types = ["portal.NoticeIndexPage"]
    subpage_types = []
    base_form_class = NoticePageForm
    template = "portal/notices/notice_page.html"
    search_fields = [*Page.search_fields, index.SearchField("body")]
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("kind"), FieldPanel("urgent"), FieldPanel("pinned")], heading=_("Notice")),
        FieldPanel("body"),
        FieldPanel("target_buildings", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def clean(self):
        super().clean()
        if self.path:  # a page being added in the admin has no place yet: its form checks the parent instead
            from .estates import buildings_outside_estate, estate_of_page

            stray = buildings_outside_estate(estate_of_page(self), self.target_buildings.all())
            if stray:
                raise ValidationError({"target_buildings": stray})

    def serve(self, request, *args, **kwargs):
        from .views import serve_notice

        return serve_notice(self, request, super().serve, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from portal.richtext import safe_rich_text

        return {**super().get_context(request, *args, **kwargs), "body_html": safe_rich_text(self.body)}


class NoticeDelivery(models.Model):
    """A person told of a notice; unique, so publishing again or a retried fan-out tells nobody twice."""

    notice = models.ForeignKey(NoticePage, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["notice", "person"], name="notice_delivery_unique")]


class NoticeRead(models.Model):
    """A person opened a notice page: what 'unread notices' on their home page leaves out. Written once (the
    first time), by serving the page."""

    notice = models.ForeignKey(NoticePage, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "notice"], name="notice_read_unique")]
