"""Service-quality report pages: the committee's list (generate on demand) and report (regenerate, approve,
publish) under /committee/<estate>/reports/; residents' published reports under /me/committee/<estate>/reports/.
Another estate's pages answer 404."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.posted import report_outcome
from feedback.scoring import MIN_GROUP
from residents import access

from ..periods import parse_month, previous_month
from . import selectors, services, workflow

ACTIONS = {"regenerate": services.report_regenerate, "approve": services.report_approve,
           "publish": services.report_publish}  # fmt: skip
DONE = {"regenerate": gettext_lazy("The figures were worked out again."), "approve": gettext_lazy("Report approved."),
        "publish": gettext_lazy("Report published to residents.")}  # fmt: skip


def _estate(request, slug):
    if not access.can(request.user, "committee.view"):
        raise PermissionDenied
    return get_object_or_404(selectors.committee_estates(user=request.user), slug=slug)


@login_required
def reports(request, estate):
    estate = _estate(request, estate)
    if request.method == "POST":
        month = parse_month(request.POST.get("month", "")) or previous_month()

        def run():
            return services.report_generate(estate_id=estate.pk, month=month, actor=request.user)

        report_outcome(request, run, lambda result: _("Report generated.") if result[1] else _("That report exists."))
        return redirect("committee-reports", estate=estate.slug)
    items = selectors.reports_for_committee(user=request.user, estate=estate)
    return render(request, "committee/reports/list.html", {"estate": estate, "reports": items, "public": False,
                                                          "default_month": previous_month()})  # fmt: skip


@login_required
def report(request, estate, pk):
    estate = _estate(request, estate)
    item = get_object_or_404(selectors.reports_for_committee(user=request.user, estate=estate), pk=pk)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action in ACTIONS:
            version = _version(request)
            run = ACTIONS[action]
            report_outcome(
                request, lambda: run(report_id=item.pk, actor=request.user, expected_version=version), DONE[action]
            )
        return redirect("committee-report", estate=estate.slug, pk=item.pk)
    actions = [(name, workflow.TABLE[name].label) for name in workflow.actions_for(item.status)]
    return render(request, "committee/reports/detail.html", _detail(estate, item) | {"actions": actions})


def _version(request):
    value = request.POST.get("expected_version", "")
    return int(value) if value.isdigit() else None


def _detail(estate, item) -> dict:
    return {"estate": estate, "report": item, "f": item.figures, "min_group": MIN_GROUP}


def _resident_estate(request, slug):
    return get_object_or_404(selectors.resident_estates(user=request.user), slug=slug)


@login_required
def published_reports(request, estate):
    estate = _resident_estate(request, estate)
    items = selectors.reports_published(estate=estate)
    return render(request, "committee/reports/list.html", {"estate": estate, "reports": items, "public": True})


@login_required
def published_report(request, estate, pk):
    estate = _resident_estate(request, estate)
    item = get_object_or_404(selectors.reports_published(estate=estate), pk=pk)
    return render(request, "committee/reports/detail.html", _detail(estate, item) | {"public": True})
