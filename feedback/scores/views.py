"""Score pages for managers and committee members (feedback.scores): the estate list, an estate's dashboard,
its CSV/XLSX export and a printable report. Another estate's pages answer 404."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation

from core.audit import audit_record
from feedback import scoring
from residents import access
from residents.models import Trade, User
from residents.selectors import estates_for_staff

from . import disclosure, exports, filters
from .dashboard import dashboard

CAPABILITY = "feedback.scores"


def _estates(request):
    if not access.can(request.user, CAPABILITY):
        raise PermissionDenied
    return estates_for_staff(user=request.user, capability=CAPABILITY).order_by("name")


def _board(request, slug):
    """(estate, dashboard or None, errors) for the page's filters."""
    estate = get_object_or_404(_estates(request), slug=slug)
    breakdowns = access.can(request.user, "feedback.breakdowns", estate.pk)
    try:
        f = filters.parse(estate, request.GET, breakdowns=breakdowns)
    except ValidationError as exc:
        return estate, None, exc.message_dict
    return estate, dashboard(f, breakdowns=breakdowns), {}


def _choices(request, estate):
    breakdowns = access.can(request.user, "feedback.breakdowns", estate.pk)
    technicians = User.objects.filter(estate_roles__estate=estate, estate_roles__role="technician")
    return {
        "zh": (translation.get_language() or "zh-hans").lower().startswith("zh"),
        "min_group": scoring.MIN_GROUP,
        "buildings": list(disclosure.shown_buildings(estate.pk).order_by("name").values_list("pk", "name")),
        "breakdowns": breakdowns,
        "trades": list(Trade.objects.order_by("key")) if breakdowns else [],
        "technicians": list(technicians.distinct().order_by("pk")) if breakdowns else [],
    }


@login_required
def scores_home(request):
    estates = list(_estates(request))
    if len(estates) == 1:
        return redirect("staff-scores", estate=estates[0].slug)
    return render(request, "feedback/scores/home.html", {"estates": estates})


@login_required
def scores_dashboard(request, estate):
    estate, board, errors = _board(request, estate)
    context = {"estate": estate, "board": board, "errors": errors, "query": request.GET.urlencode(),
               "params": request.GET, **_choices(request, estate)}  # fmt: skip
    if board is not None:
        context["charts"] = board.charts()
    return render(request, "feedback/scores/dashboard.html", context)


@login_required
def scores_report(request, estate):
    estate, board, errors = _board(request, estate)
    context = {
        "estate": estate,
        "board": board,
        "errors": errors,
        "zh": (translation.get_language() or "zh-hans").lower().startswith("zh"),
        "min_group": scoring.MIN_GROUP,
    }
    if board is not None:
        context["charts"] = board.charts()
    return render(request, "feedback/scores/report.html", context)


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
def scores_export(request, estate, format):
    estate, board, errors = _board(request, estate)
    if board is None:
        return HttpResponse("; ".join(m for ms in errors.values() for m in ms), status=400,
                            content_type="text/plain; charset=utf-8")  # fmt: skip
    data = exports.dataset(board).export(format)
    if format == "csv":
        data = "\ufeff" + data  # a byte-order mark, so spreadsheet programs read the Chinese as UTF-8
    audit_record(action="scores.export", actor=request.user, estate_id=estate.pk, request=request, format=format)
    response = HttpResponse(data, content_type=CONTENT_TYPES[format])
    f = board.filter
    name = f"scores-{estate.slug}-{f.start:%Y%m}-{f.end:%Y%m}.{format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
