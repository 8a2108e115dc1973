"""Wagtail admin hooks for estate trees (imported by PortalConfig.ready(): Wagtail only finds an app's own
wagtail_hooks module)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import EstateHomePage
from .services import ensure_estate_home


@hooks.register("after_create_page")
def complete_new_estate_home(request, page):
    """An estate home made in the admin gets its sections and its editors, as one made by the service."""
    if isinstance(page.specific, EstateHomePage):
        ensure_estate_home(page.specific.estate, actor=request.user)


def _refuse_deleting_homes(request, pages):
    """Only an admin deletes an estate's home (its whole tree goes with it); its editors may not."""
    homes = [page for page in pages if isinstance(page.specific, EstateHomePage)]
    if homes and not request.user.is_superuser:
        messages.error(request, _("Only an administrator can delete an estate's home page."))
        return redirect("wagtailadmin_explore", homes[0].pk)
    return None


@hooks.register("before_delete_page")
def keep_estate_homes(request, page):
    return _refuse_deleting_homes(request, [page])


@hooks.register("before_bulk_action")
def keep_estate_homes_in_bulk(request, action_type, objects, action_class_instance):
    return _refuse_deleting_homes(request, objects) if action_type == "delete" else None


@hooks.register("construct_page_chooser_queryset")
def choose_within_own_trees(pages, request):
    """An estate's editors link to pages of the trees they edit (and the pages above them), not to other
    estates' pages: the chooser would list their titles."""
    if request.user.is_superuser:
        return pages
    explorable = PagePermissionPolicy().explorable_instances(request.user)
    return pages.filter(pk__in=explorable.values("pk"))
