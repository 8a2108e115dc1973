"""HTML pages for complaints: a resident's own items, the staff queue, the owners' committee's list; each item's
page shows its timeline and the steps open to the viewer, and a POST runs one step."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.limits import limit_posts
from core.posted import run_and_report
from repairs.selectors import orders_for_resident
from residents import access
from residents.models import Unit, User

from . import present, selectors, services
from .actions import COMMITTEE_ACTIONS, RESIDENT_ACTIONS, STAFF_ACTIONS, action_label, available_actions, run_action
from .forms import ComplaintForm, NoteForm, QueueFilterForm
from .workflow import STATUS_LABELS

# audience → (capability, scope, page name, list template, actions)
AUDIENCES = {
    "resident": ("", selectors.complaints_for_resident, "complaints-detail", RESIDENT_ACTIONS),
    "staff": ("complaints.handle", selectors.complaints_for_staff, "staff-complaint", STAFF_ACTIONS),
    "committee": ("complaints.committee", selectors.complaints_for_committee, "committee-complaint",
                  COMMITTEE_ACTIONS),
}  # fmt: skip
BACK = {"resident": "complaints-mine", "staff": "staff-complaints", "committee": "committee-complaints"}


def _label(page):
    for complaint in page.object_list:  # labels from dicts: get_FOO_display rebuilds its choices on every call
        complaint.status_label = STATUS_LABELS[complaint.status]
        complaint.dimension_labels = present.dimension_names(complaint)
    return page


# --- residents --------------------------------------------------------------------------------------------


@login_required
def my_complaints(request):
    items = selectors.complaints_for_resident(user=request.user).prefetch_related("dimension_tags")
    page = _label(Paginator(items.order_by("-received_at", "-id"), 20).get_page(request.GET.get("page")))
    return render(request, "feedback/complaints/mine.html", {"page": page})


def _form_choices(user) -> dict:
    homes = list(Unit.objects.filter(pk__in=access.resident_unit_ids(user)).select_related("estate", "building"))
    estates = {u.estate_id for u in homes}
    orders = orders_for_resident(user=user).select_related(None).filter(estate_id__in=estates)[:50]
    staff = User.objects.filter(estate_roles__estate_id__in=estates, estate_roles__role__in=access.STAFF_ROLES,
                                is_active=True).distinct().order_by("pk")  # fmt: skip
    return {"homes": homes, "orders": list(orders), "staff": list(staff)}


@login_required
@limit_posts("feedback")
def complaint_new(request):
    """File a complaint, suggestion or praise from the phone."""
    choices = _form_choices(request.user)
    if not choices["homes"]:
        messages.info(request, _("Link your home first: claim your unit, then you can send feedback."))
        return redirect("resident-claim")
    form = ComplaintForm(request.POST or None, **choices)
    if request.method == "POST" and form.is_valid():
        try:
            complaint = services.complaint_submit(actor=request.user, submission=form.submission(), request=request)
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("Sent as #%(id)s. We will keep you posted.") % {"id": complaint.pk})
            return redirect("complaints-detail", pk=complaint.pk)
    return render(request, "feedback/complaints/new.html", {"form": form})


@login_required
def complaint_detail(request, pk):
    return _item_page(request, pk, "resident")


# --- staff and the committee ------------------------------------------------------------------------------


def _queue(request, audience: str):
    capability, scope, _page, _actions = AUDIENCES[audience]
    if not access.can(request.user, capability):
        raise PermissionDenied
    filters = QueueFilterForm(request.GET or None)
    params = {k: v for k, v in filters.cleaned_data.items() if v} if filters.is_valid() else {}
    items = selectors.queue(scope(user=request.user), **params)
    page = _label(Paginator(items, 50).get_page(request.GET.get("page")))
    context = {"page": page, "filters": filters, "audience": audience, "detail_name": AUDIENCES[audience][2]}
    return render(request, "feedback/complaints/queue.html", context)


@login_required
def staff_complaints(request):
    return _queue(request, "staff")


@login_required
def staff_complaint(request, pk):
    return _item_page(request, pk, "staff")


@login_required
def committee_complaints(request):
    return _queue(request, "committee")


@login_required
def committee_complaint(request, pk):
    return _item_page(request, pk, "committee")


# --- one item ---------------------------------------------------------------------------------------------


def _item_page(request, pk, audience: str):
    capability, scope, page_name, allowed = AUDIENCES[audience]
    if capability and not access.can(request.user, capability):
        raise PermissionDenied
    complaint = get_object_or_404(selectors.with_details(scope(user=request.user)), pk=pk)
    if request.method == "POST":
        _run_posted(request, complaint, allowed)
        return redirect(page_name, pk=complaint.pk)
    actions = [{"name": name, "label": action_label(name)} for name in available_actions(complaint, request.user,
                                                                                          allowed)]  # fmt: skip
    context = {
        "complaint": complaint,
        "handler": audience != "resident",
        "back": {"resident": "complaints-mine", "staff": "staff-complaints", "committee": "committee-complaints"}[
            audience
        ],
        "submitter": present.submitter_name(complaint),
        "unit": present.unit_label(complaint),
        "status_label": STATUS_LABELS[complaint.status],
        "dimensions": present.dimension_names(complaint),
        "timeline": _timeline(complaint, handler=audience != "resident"),
        "actions": actions,
        "form": NoteForm(initial={"expected_version": complaint.version}),
    }
    return render(request, "feedback/complaints/detail.html", context)


def _timeline(complaint, *, handler: bool) -> list:
    """Events with the role that acted; handlers also see which staff or committee member it was."""
    events = list(selectors.timeline(complaint=complaint, handler=handler))
    for event in events:
        event.by_label = present.BY_LABELS.get(event.by, event.by)
        event.to_label = STATUS_LABELS.get(event.to_status, "")
        event.action_label = present.ACTION_LABELS.get(event.action, event.action)
        event.name = event.actor.username if handler and event.actor and event.by != "resident" else ""
    return events


def _run_posted(request, complaint, allowed) -> None:
    action = request.POST.get("action", "")
    if action not in allowed:
        raise PermissionDenied
    run_and_report(
        request,
        NoteForm(request.POST),
        lambda data: run_action(action, complaint_id=complaint.pk, actor=request.user, note=data["note"],
                                expected_version=data["expected_version"]),
        _("Done: %(action)s.") % {"action": action_label(action)},
    )  # fmt: skip
