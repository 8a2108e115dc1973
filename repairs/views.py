"""HTML pages for repairs: residents' requests, the staff queue, a technician's jobs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import LinliError, NotPermitted
from core.limits import limit_posts
from core.posted import run_and_report
from residents import access
from residents.models import Estate

from . import selectors
from .actions import RESIDENT_ACTIONS, STAFF_ACTIONS, action_label, available_actions, run_action
from .bulk import Pick, work_orders_bulk_assign
from .contacts import work_order_reveal_contact_phone
from .exports import report_csv, report_xlsx
from .follow_up import orders_needing_follow_up
from .forms import ActionForm, BulkAssignForm, MonthlyReportForm, PhotoForm, QueueFilterForm, ReportForm
from .incidents.selectors import incidents_for_resident
from .maintenance.views import order_checklist_context, tick_from_post
from .models import Priority
from .photos import read_upload, work_order_photo_add, work_order_submit_with_photos
from .services import Report
from .suggesters import query_for_report, suggestions_for
from .workflow import FINAL_STATUSES, STATUS_CHOICES, TABLE

ASSIGNABLE = TABLE["assign"].sources
STATUS_LABELS, PRIORITY_LABELS = dict(STATUS_CHOICES), dict(Priority.choices)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ACTION_FIELDS = {
    "reject": ["note"], "hold": ["note"], "complete": ["note"], "reopen": ["note"], "cancel": ["note"],
    "confirm": ["rating", "note"], "assign": ["technician_id", "note"], "schedule": ["scheduled_for"],
    "merge": ["master_id"], "press": ["note"], "follow_up": ["note"], "quote": ["labour", "materials", "note"],
}  # fmt: skip


def _staff_required(request):
    if not (access.can(request.user, "repairs.view_all") or access.can(request.user, "repairs.work")):
        raise PermissionDenied


def _action_forms(order, user, allowed):
    forms = []
    for name in available_actions(order, user):
        if name in allowed:
            form = ActionForm(initial={"expected_version": order.version}, prefix=name)
            if name == "assign":
                form.fields["technician_id"].choices = _technician_choices(order)
            fields = ["expected_version", *ACTION_FIELDS.get(name, [])]
            forms.append({"name": name, "label": action_label(name), "fields": [form[f] for f in fields]})
    return forms


def _technician_choices(order):
    """Ranked suggestions first (with their factors), then any other technician of the estate."""
    ranked, others = selectors.technician_choices(order=order)
    choices = [
        (s.user_id, _("%(name)s — on duty: %(duty)s, open: %(open)s, rating: %(rating)s, service score: %(score)s")
         % {"name": s.name, "duty": _("yes") if s.on_duty else _("no"), "open": s.open_orders, "rating": s.rating,
            "score": s.service_score if s.service_score is not None else _("not enough surveys")})
        for s in ranked
    ]  # fmt: skip
    return choices + [(t.pk, t.get_full_name() or t.username) for t in others]


def _run_posted_action(request, order, action, allowed):
    if action not in allowed:
        raise PermissionDenied
    form = ActionForm(request.POST, prefix=action)
    form.fields["technician_id"].choices = [(int(request.POST.get(f"{action}-technician_id") or 0), "")]

    def run(data):
        return run_action(action, order_id=order.pk, actor=request.user, data={**data, "note": data["note"] or ""})

    run_and_report(request, form, run, lambda _result: _("Done: %(action)s.") % {"action": action_label(action)})


# --- residents ---------------------------------------------------------------------------------------


@login_required
def my_requests(request):
    orders = selectors.orders_list_for_resident(user=request.user)
    page = Paginator(orders, 20).get_page(request.GET.get("page"))
    return render(request, "repairs/my_requests.html", {"page": page})


def _sending_report(request) -> bool:
    return request.method == "POST" and request.POST.get("intent") != "suggest"  # looking for self-help is free


@login_required
@limit_posts("repair_reports", when=_sending_report)
def new_request(request):
    units, areas = selectors.places_for_resident(user=request.user)
    if not units:
        messages.info(request, _("Link your home first: claim your unit, then report repairs."))
        return redirect("resident-claim")
    # "Look for self-help first" posts the form without sending it; a link may name the trade (?trade=plumbing)
    looking = request.method == "GET" or request.POST.get("intent") == "suggest"
    values = request.GET if request.method == "GET" else request.POST
    if looking:
        form = ReportForm(initial=values.dict(), units=units, areas=areas)
    else:
        form = ReportForm(request.POST, request.FILES or None, units=units, areas=areas)
    if not looking and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("place", "photos")}
        files = [read_upload(upload) for upload in form.cleaned_data["photos"]]
        try:
            order = work_order_submit_with_photos(
                actor=request.user, report=Report(**data, **form.place_ids()), photos=files, request=request
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Request #%(id)s sent. We will keep you posted.") % {"id": order.pk})
            return redirect("repairs-detail", pk=order.pk)
    outages = {"incidents": list(incidents_for_resident(user=request.user)), "before_report": True}
    context = {"form": form, "outages": outages, "suggestions": _suggestions(request, values, units, areas)}
    return render(request, "repairs/new_request.html", context)


def _suggestions(request, data, units, areas) -> list:
    """Self-help for what the form holds; nothing before the resident has chosen a trade or written a word."""
    if not (data.get("trade") or data.get("description", "").strip()):
        return []
    return suggestions_for(query_for_report(user=request.user, data=data, units=units, areas=areas))


@login_required
def new_request_suggestions(request):
    """The suggestions part of the repair form, refreshed by its script as the resident chooses and types."""
    units, areas = selectors.places_for_resident(user=request.user)
    context = {"suggestions": _suggestions(request, request.GET, units, areas)}
    return render(request, "repairs/_suggestions.html", context)


@login_required
@limit_posts("photo_uploads", when=lambda request: request.method == "POST" and request.POST.get("action") == "photo")
def request_detail(request, pk):
    order = get_object_or_404(selectors.orders_for_resident(user=request.user).prefetch_related("quotes"), pk=pk)
    return _order_page(request, order, staff=False)


def _add_photo(request, order, *, staff: bool):
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return
    kind = "after" if staff and order.assignee_id == request.user.pk else "report"
    try:
        work_order_photo_add(order_id=order.pk, actor=request.user, data=read_upload(form.cleaned_data["photo"]),
                             kind=kind)  # fmt: skip
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except LinliError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Photo added."))


def _order_page(request, order, *, staff: bool):
    """The order with its timeline and the action forms open to this user; a POST runs one action."""
    allowed = STAFF_ACTIONS if staff else RESIDENT_ACTIONS
    if request.method == "POST":
        if request.POST.get("action") == "photo":
            _add_photo(request, order, staff=staff)
        elif staff and request.POST.get("action") == "checklist":
            tick_from_post(request, order)
        else:
            _run_posted_action(request, order, request.POST.get("action", ""), allowed)
        return redirect("staff-work-order" if staff else "repairs-detail", pk=order.pk)
    if staff:
        return render(request, "repairs/staff_order.html", _staff_order_context(request, order))
    return render(request, "repairs/request_detail.html", _order_context(request, order, allowed, staff=False))


def _order_context(request, order, allowed, *, staff: bool) -> dict:
    return {
        "photo_form": PhotoForm(),
        "photos": order.photos.all(),
        "can_add_photo": order.status not in FINAL_STATUSES,
        "duplicates": selectors.duplicate_candidates(order=order) if staff else [],
        "order": order,
        "timeline": selectors.order_timeline(order=order, staff=staff),
        "actions": _action_forms(order, request.user, allowed),
        **(order_checklist_context(order, request.user) if staff else {}),
    }


def _staff_order_context(request, order, revealed_phone: str = "") -> dict:
    can_reveal = bool(order.contact_phone) and access.can(request.user, "people.reveal_phone", order.estate_id)
    return {**_order_context(request, order, STAFF_ACTIONS, staff=True), "can_reveal_contact": can_reveal,
            "revealed_phone": revealed_phone}  # fmt: skip


# --- staff -------------------------------------------------------------------------------------------


@login_required
def staff_queue(request):
    _staff_required(request)
    technicians = list(selectors.technicians_for_user(user=request.user))
    estates = access.scope_by_estate(Estate.objects.order_by("name"), request.user, "repairs.view_all", "pk")
    filters = QueueFilterForm(request.GET or None, estates=estates, technicians=technicians)
    params = filters.cleaned_data if filters.is_valid() else {}
    orders = selectors.staff_queue(user=request.user, **{k: v for k, v in params.items() if v})
    page = Paginator(orders, 50).get_page(request.GET.get("page"))
    _queue_rows(page.object_list)
    can_dispatch = access.can(request.user, "repairs.dispatch")
    context = {
        "page": page,
        "filters": filters,
        "bulk_form": BulkAssignForm(technicians=technicians) if can_dispatch else None,
        "assignable": ASSIGNABLE if can_dispatch else frozenset(),
        "can_plan": access.can(request.user, "repairs.manage"),
    }
    return render(request, "repairs/staff_queue.html", context)


def _queue_rows(orders) -> None:
    """What each row shows, worked out once here rather than by filters and tags per row (the page is loaded all
    day): labels from dicts (get_FOO_display rebuilds its choices each call), the link from one reverse(), the
    deadline's local time and the time left (Django's timeuntil, against one `now` for the page)."""
    marker = 2_147_483_647  # an id no order has yet: reverse() once, then put each row's id in its place
    before, _sep, after = reverse("staff-work-order", args=[marker]).rpartition(str(marker))
    now = timezone.now()
    for order in orders:
        order.status_label, order.priority_label = STATUS_LABELS[order.status], PRIORITY_LABELS[order.priority]
        order.staff_url = f"{before}{order.pk}{after}"
        if order.resolution_due:
            due = timezone.localtime(order.resolution_due)
            order.due_iso, order.due_short = due.isoformat(), due.strftime("%m-%d %H:%M")
            order.due_left = timeuntil(order.resolution_due, now)


@login_required
def staff_bulk_assign(request):
    """The queue's "assign selected" form; all or none (repairs/bulk.py), then back to the same queue page."""
    if request.method != "POST":
        return redirect("staff-work-orders")
    if not access.can(request.user, "repairs.dispatch"):
        raise PermissionDenied
    technicians = selectors.technicians_for_user(user=request.user)
    form = BulkAssignForm(request.POST, technicians=technicians)

    def run(data):
        picks = [Pick(order_id, version) for order_id, version in data["orders"]]
        return work_orders_bulk_assign(picks=picks, technician_id=data["technician_id"], actor=request.user,
                                       note=data["note"])  # fmt: skip

    run_and_report(request, form, run, lambda done: _("Assigned %(count)s orders.") % {"count": len(done)})
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/staff/work-orders/") else "staff-work-orders")


@login_required
def staff_order(request, pk):
    _staff_required(request)
    order = get_object_or_404(selectors.orders_for_staff(user=request.user).prefetch_related("quotes"), pk=pk)
    return _order_page(request, order, staff=True)


@login_required
def staff_order_contact_phone(request, pk):
    """POST: the order page once more, with the contact phone in full (audited); never cached, never in a URL."""
    _staff_required(request)
    if request.method != "POST":
        return redirect("staff-work-order", pk=pk)
    order = get_object_or_404(selectors.orders_for_staff(user=request.user).prefetch_related("quotes"), pk=pk)
    try:
        phone = work_order_reveal_contact_phone(actor=request.user, order=order, request=request)
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    except ValidationError as exc:  # no contact phone on this order
        messages.error(request, " ".join(exc.messages))
        return redirect("staff-work-order", pk=pk)
    response = render(request, "repairs/staff_order.html", _staff_order_context(request, order, phone))
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def photo(request, pk):
    """Stream a work-order photo to someone who may see the order; staff views are audited."""
    found, as_staff = selectors.photo_for(user=request.user, photo_id=pk)
    if found is None:
        raise Http404
    if as_staff:
        audit_record(action="photo.viewed", actor=request.user, obj=found, estate_id=found.order.estate_id,
                     request=request)  # fmt: skip
    file = found.thumbnail if request.GET.get("size") == "thumb" and found.thumbnail else found.image
    response = FileResponse(file.open("rb"), content_type="image/jpeg")
    response["Content-Disposition"] = f'inline; filename="photo-{found.pk}.jpg"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


@login_required
def monthly_report(request):
    """Monthly figures for an estate, on the page or as CSV / XLSX (dispatchers and managers)."""
    if not access.can(request.user, "repairs.dispatch"):
        raise PermissionDenied
    estates = access.scope_by_estate(Estate.objects.order_by("name"), request.user, "repairs.dispatch", field="id")
    initial = {"month": timezone.localdate().strftime("%Y-%m")}
    form = MonthlyReportForm(request.GET or None, estates=estates, initial=initial)
    report = None
    if form.is_valid():
        year, month = form.year_month()
        report = selectors.monthly_report(user=request.user, estate_slug=form.cleaned_data["estate"], year=year,
                                          month=month)  # fmt: skip
        audit_record(action="report.viewed", actor=request.user, request=request, estate=report["estate"],
                     month=report["month"], format=request.GET.get("format", "html"))  # fmt: skip
        if request.GET.get("format") in ("csv", "xlsx"):
            return _report_file(report, request.GET["format"])
    return render(request, "repairs/monthly_report.html", {"form": form, "report": report})


def _report_file(report, kind):
    name = f"repairs-{report['estate']}-{report['month']}.{kind}"
    if kind == "csv":
        response = HttpResponse(report_csv(report), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(report_xlsx(report), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def follow_ups(request):
    """Finished emergency and reopened jobs waiting for a follow-up call (dispatchers and managers)."""
    if not access.can(request.user, "repairs.dispatch"):
        raise PermissionDenied
    page = Paginator(orders_needing_follow_up(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "repairs/follow_ups.html", {"page": page})


@login_required
def my_jobs(request):
    _staff_required(request)
    return render(request, "repairs/my_jobs.html", {"orders": selectors.my_jobs(user=request.user)})
