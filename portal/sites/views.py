"""Serving the company home and the estate homes (Wagtail pages, rendered here so each reads its data once)."""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from portal.richtext import safe_rich_text

from . import selectors


def serve_company_home(page, request):
    """The list of estates; a resident who belongs to one estate only is taken to its home instead."""
    homes = selectors.estates_listed()
    landing = None if getattr(request, "is_preview", False) else selectors.landing_home(request.user, homes)
    if landing is not None:
        return redirect(landing.get_url(request))
    _, reads = selectors.homes_of(request.user, homes)
    context = {
        **page.get_context(request),
        "intro_html": safe_rich_text(page.intro),
        "estates": homes,
        "mine": reads,
    }
    return TemplateResponse(request, page.get_template(request), context)


def serve_estate_home(page, request):
    """An estate's home for its readers; strangers are asked to sign in, the signed-in who do not belong to the
    estate get 404 (as every out-of-scope object)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    view = selectors.estate_home_for(user=request.user, home=page)
    context = {**page.get_context(request), "intro_html": safe_rich_text(page.intro), "home": view}
    return TemplateResponse(request, page.get_template(request), context)
