"""'My home' for residents: units, claims, notifications, preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import selectors
from .access import landing_for
from .dashboard import panels_for
from .forms import ClaimForm, PreferencesForm
from .models import ContactConsent
from .services import person_update_preferences, unit_claim_create


def _person_or_none(user):
    return getattr(user, "person", None)


@login_required
def after_login(request):
    """Where sign-in lands: the staff console for staff; 'my home' for residents (committee members among them
    find their workspace there and in the navigation); the committee workspace for a committee member with no
    home of their own."""
    return redirect(landing_for(request.user))


@login_required
def dashboard(request):
    person = _person_or_none(request.user)
    if person is None:
        return redirect("home-dashboard")
    user = request.user
    context = {
        "units": selectors.homes_for_resident(user=user),
        "claims": selectors.claims_for_resident(user=user)[:20],
        "notifications": user.notifications.all()[:10],
        "consents": selectors.contact_settings(person=person),
        "privacy_consent": selectors.privacy_consent_current(person=person),
        "panels": panels_for(user),
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
    marketing = ContactConsent.Topic.MARKETING in selectors.contact_consents_open(person=person)
    initial = {"channels": person.channels, "language": person.language, "marketing": marketing}
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
