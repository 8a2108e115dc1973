"""'My data' for residents (download, ask for erasure) and the staff queue of deletion requests."""

import json
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.posted import report_outcome, run_in_form

from ..views_staff import capability_required
from . import selectors, services
from .exports import export_for, sections
from .forms import DeletionRequestForm, RefuseForm
from .models import DeletionRequest


def _resident(view):
    """Signed in with a person record; staff-only logins are sent to their console."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if getattr(request.user, "person", None) is None:
            return redirect("home-dashboard")
        return view(request, *args, **kwargs)

    return wrapped


def _page(request, form, status=200):
    person = request.user.person
    context = {
        "form": form,
        "sections": sections(),
        "requests": selectors.deletion_requests_of(person=person)[:10],
        "open_request": person.deletion_requests.filter(status=DeletionRequest.Status.OPEN).first(),
    }
    return render(request, "residents/mydata/page.html", context, status=status)


@never_cache
@_resident
def page(request):
    return _page(request, DeletionRequestForm())


@never_cache
@_resident
def export(request):
    """The whole export as a JSON file download; never cached (ASVS 14.3.2)."""
    data = export_for(user=request.user, request=request)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"linli-my-data-{timezone.localdate():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@_resident
def deletion(request):
    form = DeletionRequestForm(request.POST)
    if form.is_valid():
        made = run_in_form(
            form,
            lambda: services.deletion_request_create(
                user=request.user, password=form.cleaned_data["password"], request=request
            ),
        )
        if made is not None:
            messages.success(request, _("Request sent. The property office will tell you when it is done."))
            return redirect("mydata")
    return _page(request, form)


@capability_required("people.erase")
def staff_requests(request):
    queue = selectors.deletion_requests_for_staff(user=request.user)[:200]
    return render(request, "residents/mydata/staff_requests.html", {"requests": queue, "refuse_form": RefuseForm()})


@require_POST
@capability_required("people.erase")
def staff_decide(request, request_id, decision):
    found = get_object_or_404(selectors.deletion_requests_for_staff(user=request.user), pk=request_id)
    if decision == "erase":
        run = lambda: services.deletion_request_erase(request_id=found.pk, actor=request.user, request=request)  # noqa: E731
        done = _("The account was erased; the resident has been told.")
    else:
        reason = request.POST.get("reason", "")
        run = lambda: services.deletion_request_refuse(  # noqa: E731
            request_id=found.pk, actor=request.user, reason=reason, request=request
        )
        done = _("Request refused; the resident has been told why.")
    report_outcome(request, run, done)
    return redirect("staff-deletion-requests")
