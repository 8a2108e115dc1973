"""The company home at the site root and one home page per estate beneath it, and the Wagtail group that edits
each estate's tree."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from portal.richtext import RESIDENT_FEATURES
from residents.models import Estate

from .forms import EstateHomePageForm


class HomePage(Page):
    """The company home at the site root: lists the estates (public facts only) and sends a resident of one
    estate on to that estate's home. Edited by admins."""

    intro = RichTextField(_("introduction"), blank=True, features=RESIDENT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    template = "portal/sites/company_home_page.html"

    class Meta:
        verbose_name = _("company home page")

    def serve(self, request, *args, **kwargs):
        from .views import serve_company_home

        return serve_company_home(self, request)


class EstateHomePage(Page):
    """The home of one estate's page tree, under the company home: what its residents see first, and the parent
    of its sections (notice board, ...). Made by `ensure_estate_home` or by an admin; its estate never changes.
    The estate's managers edit the tree in the Wagtail admin."""

    estate = models.OneToOneField(
        Estate,
        verbose_name=_("estate"),
        on_delete=models.PROTECT,
        related_name="+",
        error_messages={"unique": _("This estate already has a home page; edit that page instead.")},
    )
    intro = RichTextField(_("introduction"), blank=True, features=RESIDENT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("estate"), FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    base_form_class = EstateHomePageForm
    template = "portal/sites/estate_home_page.html"

    class Meta:
        verbose_name = _("estate home page")

    def serve(self, request, *args, **kwargs):
        from .views import serve_estate_home

        return serve_estate_home(self, request)


class EstateEditors(models.Model):
    """The Wagtail group that edits one estate's page tree. portal.sites.editors keeps its members equal to the
    estate's holders of `content.edit` and its page permissions on the estate's home: never edit it by hand."""

    estate = models.OneToOneField(Estate, on_delete=models.CASCADE, related_name="+")
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("estate page editors")
        verbose_name_plural = _("estate page editors")
