"""Staff pages for incidents (outages): the list, declaring one, and one outage's page (edit, end)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.errors import LinliError
from core.posted import add_service_errors
from residents import access
from residents.selectors import estates_for_staff

from . import selectors, services
from .forms import IncidentDeclareForm, IncidentDetailsForm, IncidentEndForm

STATES = ("open", "ended", "all")


def _dispatcher_required(request):
    if not access.can(request.user, "repairs.dispatch"):
        raise PermissionDenied


@login_required
def staff_incidents(request):
    """The estates' outages, open ones first, with how many reports joined each."""
    _dispatcher_required(request)
    state = request.GET.get("state") if request.GET.get("state") in STATES else "open"
    incidents = selectors.incidents_for_staff(user=request.user, state=state)
    page = Paginator(incidents, 50).get_page(request.GET.get("page"))
    return render(request, "repairs/incidents/staff_list.html", {"page": page, "state": state, "states": STATES})


@login_required
def staff_incident_new(request):
    """Declare an outage: first the estate (?estate=slug, preset when the user serves one), then the form."""
    _dispatcher_required(request)
    estates = list(estates_for_staff(user=request.user, capability="repairs.dispatch").order_by("name"))
    slug = request.GET.get("estate") or (estates[0].slug if len(estates) == 1 else "")
    estate = next((e for e in estates if e.slug == slug), None)
    if slug and estate is None:
        raise Http404
    form = IncidentDeclareForm(request.POST or None, estate=estate) if estate else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            incident = services.incident_declare(actor=request.user, scope=form.scope(estate.slug),
                                                 details=form.details(), request=request)  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Outage declared; the households affected are being told."))
            return redirect("staff-incident", pk=incident.pk)
    return render(request, "repairs/incidents/staff_new.html", {"estates": estates, "estate": estate, "form": form})


def _initial(incident) -> dict:
    fields = ("title", "description", "kind", "priority", "expected_end", "master_order_id")
    return {name: getattr(incident, name) for name in fields}


@login_required
def staff_incident(request, pk):
    """One outage: where, since when, the reports that joined it; while open, edit it or end it (POST action)."""
    _dispatcher_required(request)
    incident = get_object_or_404(selectors.incidents_for_staff(user=request.user), pk=pk)
    action = request.POST.get("action") if request.method == "POST" else ""
    edit = IncidentDetailsForm(request.POST if action == "update" else None, initial=_initial(incident))
    end = IncidentEndForm(request.POST if action == "end" else None)
    if action in ("update", "end") and _run(request, incident, edit if action == "update" else end, action):
        return redirect("staff-incident", pk=incident.pk)
    context = {
        "incident": incident,
        "edit": edit,
        "end": end,
        "joined": selectors.joined_reports(incident=incident),
        "homes": selectors.affected_unit_ids(incident=incident).count(),
    }
    return render(request, "repairs/incidents/staff_detail.html", context)


def _run(request, incident, form, action) -> bool:
    """Run the posted change; True when done (errors stay on the form or in a message)."""
    if not form.is_valid():
        return False
    try:
        if action == "update":
            services.incident_update(incident_id=incident.pk, actor=request.user, details=form.details(),
                                     request=request)  # fmt: skip
        else:
            services.incident_end(incident_id=incident.pk, actor=request.user,
                                  resolution_note=form.cleaned_data["resolution_note"], request=request)  # fmt: skip
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    except LinliError as exc:
        messages.error(request, exc.message)
        return False
    done = _("Outage updated.") if action == "update" else _("Outage ended; everyone affected is being told.")
    messages.success(request, done)
    return True
