"""The staff console: the estates a user serves, and the claims waiting for verification."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.audit import audit_record
from core.errors import LinliError

from . import access, selectors
from .forms import RejectClaimForm
from .models import Estate
from .mydata.selectors import deletion_requests_for_staff
from .services import unit_claim_approve, unit_claim_reject


def capability_required(capability):
    """403 (audited) unless the user has the capability in at least one estate."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not access.can(request.user, capability):
                audit_record(
                    action="access.denied",
                    actor=request.user,
                    request=request,
                    path=request.path[:200],
                    method=request.method,
                    status=403,
                )
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


@capability_required("registry.view")
def dashboard(request):
    estates = selectors.estates_for_staff(user=request.user)
    pending = selectors.claims_for_staff(user=request.user).filter(status="pending")
    context = {"estates": estates, "pending_count": pending.count()}
    if access.can(request.user, "people.erase"):
        context["erasures_count"] = deletion_requests_for_staff(user=request.user).count()
    return render(request, "residents/staff/dashboard.html", context)


@capability_required("registry.view")
def estate_register(request, slug):
    try:
        building_id = int(request.GET.get("building", ""))
    except ValueError:
        building_id = None
    try:
        estate, buildings, chosen, units, show_people = selectors.building_register(
            user=request.user, estate_slug=slug, building_id=building_id
        )
    except Estate.DoesNotExist:
        raise Http404 from None
    context = {
        "estate": estate,
        "buildings": buildings,
        "chosen": chosen,
        "units": units,
        "show_people": show_people,
        "common_areas": selectors.common_areas_of(estate=estate, building=chosen),
    }
    return render(request, "residents/staff/estate.html", context)


@capability_required("claims.decide")
def claims(request):
    queue = selectors.claims_for_staff(user=request.user).filter(status="pending").order_by("created_at")
    return render(request, "residents/staff/claims.html", {"claims": queue[:200], "reject_form": RejectClaimForm()})


@require_POST
@capability_required("claims.decide")
def claim_decide(request, claim_id, decision):
    claim = get_object_or_404(selectors.claims_for_staff(user=request.user), pk=claim_id)
    try:
        if decision == "approve":
            unit_claim_approve(claim_id=claim.pk, actor=request.user, request=request)
            messages.success(request, _("Claim approved; the resident has been told."))
        else:
            form = RejectClaimForm(request.POST)
            reason = form.data.get("reason", "")
            unit_claim_reject(claim_id=claim.pk, actor=request.user, reason=reason, request=request)
            messages.success(request, _("Claim rejected; the resident has been told why."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except LinliError as exc:
        messages.error(request, exc.message)
    return redirect("staff-claims")
