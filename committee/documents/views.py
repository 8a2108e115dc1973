"""Document library pages: managers under /staff/committee/<estate>/documents/, the committee under
/committee/<estate>/documents/ (both add and remove), residents under /me/committee/<estate>/documents/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import LinliError
from core.posted import report_outcome
from residents import access

from . import files, selectors, services
from .forms import CategoryFilterForm, DocumentForm
from .serve import file_response

PAGE = 50
LIBRARY = {"company": "staff-committee-documents", "committee": "committee-documents"}


def _managed(request, slug, audience: str):
    # the committee's pages are for committee members, the company's for its staff (both hold documents.manage)
    gate = "committee.view" if audience == "committee" else "committee.answer"
    if not (access.can(request.user, selectors.MANAGE) and access.can(request.user, gate)):
        raise PermissionDenied
    estate = selectors.managed_estate(user=request.user, slug=slug)
    if not access.can(request.user, gate, estate.pk):
        raise Http404
    return estate


def _page(request, estate):
    filters = CategoryFilterForm(request.GET or None)
    category = filters.cleaned_data["category"] if filters.is_valid() else ""
    documents = selectors.documents_for(user=request.user, estate=estate, category=category)
    return filters, Paginator(documents, PAGE).get_page(request.GET.get("page"))


def _upload(request, estate, form):
    upload = request.FILES.get("file")
    upload.seek(0)
    data = services.DocumentInput(title=form.cleaned_data["title"], category=form.cleaned_data["category"],
                                  access=form.cleaned_data["access"], name=upload.name,
                                  data=upload.read(files.MAX_BYTES + 1))  # fmt: skip
    try:
        services.document_upload(actor=request.user, estate_id=estate.pk, data=data)
    except ValidationError as exc:
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        return False
    except LinliError as exc:
        form.add_error(None, exc.message)
        return False
    return True


def _library(request, slug, audience: str):
    estate = _managed(request, slug, audience)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and _upload(request, estate, form):
        messages.success(request, _("Document added."))
        return redirect(LIBRARY[audience], estate=estate.slug)
    filters, page = _page(request, estate)
    context = {"estate": estate, "form": form, "filters": filters, "page": page, "audience": audience,
               "delete_name": f"{LIBRARY[audience][:-1]}-delete"}  # fmt: skip
    return render(request, "committee/documents/manage.html", context, status=400 if form.errors else 200)


def _delete(request, slug, pk, audience: str):
    estate = _managed(request, slug, audience)
    document = selectors.document_for(user=request.user, estate=estate, pk=pk)
    report_outcome(request, lambda: services.document_delete(actor=request.user, document_id=document.pk),
                   _("Document removed."))  # fmt: skip
    return redirect(LIBRARY[audience], estate=estate.slug)


@login_required
def company_library(request, estate):
    return _library(request, estate, "company")


@login_required
@require_POST
def company_delete(request, estate, pk):
    return _delete(request, estate, pk, "company")


@login_required
def committee_library(request, estate):
    return _library(request, estate, "committee")


@login_required
@require_POST
def committee_delete(request, estate, pk):
    return _delete(request, estate, pk, "committee")


@login_required
def resident_library(request, estate):
    """Resident-level documents of one of the resident's estates (and both levels for its committee)."""
    estate = get_object_or_404(selectors.estates_for_reader(user=request.user), slug=estate)
    filters, page = _page(request, estate)
    return render(request, "committee/documents/list.html", {"estate": estate, "filters": filters, "page": page})


@login_required
def document_file(request, pk):
    """Stream a document to someone who may read it; 404 for anyone else."""
    found = selectors.document_file_for(user=request.user, pk=pk)
    if found is None:
        raise Http404
    return file_response(found)
