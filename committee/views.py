"""The committee's workspace home and the residents' page of what the committee has published."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from residents import access
from residents.models import Estate
from residents.selectors import estates_for_staff


@login_required
def workspace(request):
    """Each estate the user sits on the committee of, with the committee's tools."""
    if not access.can(request.user, "committee.view"):
        raise PermissionDenied
    estates = estates_for_staff(user=request.user, capability="committee.view").order_by("name")
    return render(request, "committee/workspace.html", {"estates": estates})


@login_required
def published(request):
    """What the committees of the resident's estates have published: votes, minutes, reports, disclosures."""
    unit_ids = access.resident_unit_ids(request.user)
    estates = Estate.objects.filter(units__in=unit_ids).distinct().order_by("name")
    return render(request, "committee/published.html", {"estates": estates})


@login_required
def company(request):
    """The property company's side: what the committees of its estates ask of it and what it must publish."""
    if not access.can(request.user, "committee.answer"):
        raise PermissionDenied
    estates = estates_for_staff(user=request.user, capability="committee.answer").order_by("name")
    return render(request, "committee/company.html", {"estates": estates})
