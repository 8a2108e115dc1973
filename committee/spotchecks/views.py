"""Spot-check pages of the committee workspace: an estate's draws with their orders, a button to draw last
month's sample now, and one page per drawn order to record the verdict. Another estate's pages answer 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.errors import LinliError
from core.posted import add_service_errors, report_outcome
from residents import access

from ..periods import previous_month
from ..reports.selectors import committee_estates
from . import selectors, services
from .forms import VerdictForm


def _estate(request, slug):
    if not access.can(request.user, "committee.view"):
        raise PermissionDenied
    return get_object_or_404(committee_estates(user=request.user), slug=slug)


@login_required
def spot_checks(request, estate):
    estate = _estate(request, estate)
    if request.method == "POST":
        month = previous_month()

        def run():
            return services.spot_check_draw(estate_id=estate.pk, month=month, actor=request.user)

        report_outcome(request, run, lambda result: _("Drawn.") if result[1] else _("That sample was already drawn."))
        return redirect("committee-spot-checks", estate=estate.slug)
    draws = [(draw, [(c, selectors.order_summary(c.work_order)) for c in draw.checks.all()])
             for draw in selectors.draws_of_estate(estate_id=estate.pk)]  # fmt: skip
    return render(request, "committee/spotchecks/list.html", {"estate": estate, "draws": draws,
                                                              "next_month": previous_month()})  # fmt: skip


@login_required
def spot_check(request, estate, pk):
    estate = _estate(request, estate)
    check = get_object_or_404(selectors.checks_for_committee(user=request.user), pk=pk, draw__estate=estate)
    form = VerdictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.spot_check_record(check_id=check.pk, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except LinliError as exc:
            messages.error(request, exc.message)
            return redirect("committee-spot-check", estate=estate.slug, pk=check.pk)
        else:
            messages.success(request, _("Verdict recorded."))
            return redirect("committee-spot-checks", estate=estate.slug)
    context = {"estate": estate, "check": check, "order": selectors.order_summary(check.work_order), "form": form}
    return render(request, "committee/spotchecks/check.html", context)
