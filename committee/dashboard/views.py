"""The committee dashboard page (committee.view); another estate's answers 404."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from feedback.scoring import MIN_GROUP
from residents import access
from residents.selectors import estates_for_staff

from .present import dashboard_data
from .selectors import committee_dashboard


@login_required
def dashboard(request, slug):
    if not access.can(request.user, "committee.view"):
        raise PermissionDenied
    estate = get_object_or_404(estates_for_staff(user=request.user, capability="committee.view"), slug=slug)
    data = dashboard_data(committee_dashboard(estate_id=estate.pk))
    return render(request, "committee/dashboard/dashboard.html", {"estate": estate, "d": data, "min_group": MIN_GROUP})
