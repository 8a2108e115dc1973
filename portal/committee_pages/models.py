"""The owners' committee page (业主委员会) of an estate. Staff write its introduction in the Wagtail admin; the
members, minutes, vote results and disclosures are read from the committee app at each request, so members'
names never enter Wagtail's storage (pages, revisions, search index)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from portal.estate_pages import EstatePageForm, EstatePageMixin
from portal.richtext import RESIDENT_FEATURES

LIVE_PARTS_HELP = _(
    "The members, approved minutes, vote results and disclosures are not written here: the page shows what the "
    "committee and the company have published, as it is now. Do not write residents' names or phone numbers here."
)


class CommitteePage(EstatePageMixin, Page):
    """One estate's committee page, right under its home page. Edited by the company's staff."""

    intro = RichTextField(
        _("introduction"),
        features=RESIDENT_FEATURES,
        blank=True,
        help_text=_("How to reach the committee: its mailbox, its office, when it meets."),
    )

    parent_page_types = ["portal.EstateHomePage"]
    subpage_types = []
    max_count_per_parent = 1
    base_form_class = EstatePageForm
    template = "portal/committee_pages/committee_page.html"
    content_panels = [*Page.content_panels, HelpPanel(content=LIVE_PARTS_HELP, heading=_("Shown live")),
                      FieldPanel("intro")]  # fmt: skip

    class Meta:
        verbose_name = _("owners' committee page")

    def get_context(self, request, *args, **kwargs):
        from .selectors import board_view

        context = super().get_context(request, *args, **kwargs)
        return {**context, **board_view(page=self, user=request.user)}
