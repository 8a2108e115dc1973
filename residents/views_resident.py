"""'My home' for residents: units, claims, notifications, preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import selectors
from .access import is_staff_member
from .dashboard import panels_for
from .forms import ClaimForm, PreferencesForm
from .services import person_update_preferences, unit_claim_create


def _person_or_none(user):
    return getattr(user, "person", None)


@login_required
def after_login(request):
    """Where sign-in lands: the staff console for staff, 'my home' for everyone else."""
    if is_staff_member(request.user):
        return redirect("staff-dashboard")
    return redirect("resident-dashboard" if _person_or_none(request.user) else "/")


@login_required
def dashboard(request):
    if _person_or_none(request.user) is None:
        return redirect("home-dashboard")
    context = {
        "units": selectors.units_for_resident(user=request.user),
        "claims": selectors.claims_for_resident(user=request.user)[:20],
        "notifications": request.user.notifications.all()[:10],
        "panels": panels_for(request.user),
    }
    return render(request, "residents/me/dashboard.html", context)


@login_required
def claim(request):
    person = _person_or_none(request.user)
    if person is None:
        return redirect("home-dashboard")
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = selectors.unit_find(estate_slug=data["estate"], building=data["building"], number=data["number"])
        if unit is None:
            form.add_error("number", _("No such unit in that estate and building. Check the numbers on your deed."))
        else:
            try:
                unit_claim_create(
                    person=person, unit=unit, relation=data["relation"], note=data["note"], request=request
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Claim sent. The property office will verify it and let you know."))
                return redirect("resident-dashboard")
    return render(request, "residents/me/claim.html", {"form": form})


@login_required
def preferences(request):
    person = _person_or_none(request.user)
    if person is None:
        return redirect("home-dashboard")
    initial = {"channels": person.channels, "language": person.language}
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            person_update_preferences(person=person, request=request, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Preferences saved."))
            return redirect("resident-dashboard")
    return render(request, "residents/me/preferences.html", {"form": form})
