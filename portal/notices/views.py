"""Serving notice pages to the estate's readers only, and the resident search page."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from portal.search import search_terms
from portal.site_search import site_search

from . import selectors
from .estates import estate_of_page
from .services import notice_mark_read


def serve_for_readers(page, request, serve, *args, estate=None, **kwargs):
    """Serve an estate's page to its residents, staff and committee; send strangers to sign in, 404 the
    signed-in who do not belong to the estate (as every out-of-scope object). `estate`: the page's, when the
    caller has it already."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not selectors.may_read_estate_pages(request.user, estate or estate_of_page(page)):
        raise Http404
    return serve(request, *args, **kwargs)


def serve_notice(page, request, serve, *args, **kwargs):
    """Serve a notice as serve_for_readers does, and remember that the reader opened it."""
    response = serve_for_readers(page, request, serve, *args, **kwargs)
    if request.user.is_authenticated and response.status_code == 200:
        notice_mark_read(notice=page, user=request.user)
    return response


@login_required
def search(request):
    """Notices and self-help articles (portal.site_search)."""
    query = request.GET.get("q", "").strip()
    results = site_search(user=request.user, query=query)
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    context = {"query": query, "page": page, "searched": bool(search_terms(query))}
    return render(request, "portal/notices/search.html", context)
