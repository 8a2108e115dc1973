"""The service guide page (服务指南) of an estate. Staff write its hours, contacts and commitments in the Wagtail
admin; its fee standards and repair promises are read live from the committee and repairs apps, never copied."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from portal.estate_pages import EstatePageForm, EstatePageMixin
from portal.richtext import RESIDENT_FEATURES

from .blocks import ContactBlock, HoursBlock

LIVE_PARTS_HELP = _(
    "The fee standards and the repair response times are not written here: the page shows the fee standards the "
    "company has published (disclosures) and the estate's repair service levels as they are now."
)


class ServiceGuidePage(EstatePageMixin, Page):
    """One estate's service guide, right under its home page. Edited by the company's staff."""

    commitments = RichTextField(_("service commitments"), features=RESIDENT_FEATURES, blank=True,
                                help_text=_("What the company promises residents (服务承诺)."))  # fmt: skip
    hours = StreamField([("hours", HoursBlock())], verbose_name=_("service hours"), blank=True)
    contacts = StreamField([("contact", ContactBlock())], verbose_name=_("contacts"), blank=True)

    parent_page_types = ["portal.EstateHomePage"]
    subpage_types = []
    max_count_per_parent = 1
    base_form_class = EstatePageForm
    template = "portal/guide/service_guide_page.html"
    content_panels = [
        *Page.content_panels,
        HelpPanel(content=LIVE_PARTS_HELP, heading=_("Shown live")),
        FieldPanel("hours"),
        FieldPanel("contacts"),
        FieldPanel("commitments"),
    ]

    class Meta:
        verbose_name = _("service guide")

    def get_context(self, request, *args, **kwargs):
        from .selectors import guide_view

        context = super().get_context(request, *args, **kwargs)
        return {**context, **guide_view(page=self, user=request.user)}
