"""Pages that belong to one estate and show its live data: they sit right under the estate's home page, and
only the estate's readers see them (the rule of the notice pages: residents, staff, committee, admins)."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from portal.notices.estates import estate_of_page


class EstatePageForm(WagtailAdminPageForm):
    """Refuses a page whose home page names no estate: it would have no estate's data to show."""

    def clean(self):
        cleaned = super().clean()
        parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        if parent is None or estate_of_page(parent) is None:
            raise ValidationError(_("Put this page under an estate's home page: it shows that estate's own data."))
        return cleaned


class EstatePageMixin:
    """For a Page subclass: `estate` (found once per request), and serve() for the estate's readers only:
    strangers are sent to sign in, the signed-in who do not belong to the estate get 404."""

    @cached_property
    def estate(self):
        return estate_of_page(self)

    def serve(self, request, *args, **kwargs):
        from portal.notices.views import serve_for_readers

        return serve_for_readers(self, request, super().serve, *args, estate=self.estate, **kwargs)


def page_for_resident(*, user, slug: str, page_type):
    """The live page of `page_type` right under the home page of estate `slug`, if the user lives or owns
    there; Http404 otherwise (another estate, no such page, not live). Its `estate` is set."""
    from portal.models import EstateHomePage
    from portal.notices.selectors import resident_estate_ids
    from residents.models import Estate

    estate = Estate.objects.filter(slug=slug, pk__in=resident_estate_ids(user)).first()
    home = EstateHomePage.objects.filter(estate=estate).first() if estate else None
    page = page_type.objects.live().child_of(home).first() if home else None
    if page is None:
        raise Http404
    page.estate = estate
    return page
