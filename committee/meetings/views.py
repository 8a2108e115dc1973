"""The committee's meeting pages (plan, record, approve and publish the minutes) and the residents' pages of
published minutes. Another estate's pages answer 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.errors import LinliError
from core.posted import report_outcome

from ..members.forms import show_errors
from ..members.models import VOTING_ROLES
from ..members.selectors import committee_estate, open_seats, resident_estate
from ..selectors import rules_for
from . import selectors, services
from .forms import HoldForm, MeetingForm, MinutesForm
from .workflow import STATUS_LABELS, actions_for

BUTTONS = {
    "approve": lambda m, a, r: services.meeting_approve(actor=a, meeting_id=m.pk, expected_version=m.version,
                                                        request=r),
    "publish": lambda m, a, r: services.meeting_publish(actor=a, meeting_id=m.pk, expected_version=m.version,
                                                        request=r),
    "cancel": lambda m, a, r: services.meeting_cancel(actor=a, meeting_id=m.pk, expected_version=m.version,
                                                      request=r),
}  # fmt: skip


def _estate(request, slug):
    capability = "committee.manage" if request.method == "POST" else "committee.view"
    return committee_estate(user=request.user, slug=slug, capability=capability)


@login_required
def meeting_list(request, estate):
    """The estate's meetings, newest first, with minutes overdue for publication called out."""
    estate = _estate(request, estate)
    page = Paginator(selectors.meetings_of_estate(estate_id=estate.pk), 30).get_page(request.GET.get("page"))
    publish_days = rules_for(estate_id=estate.pk).publish_days
    for meeting in page:
        meeting.deadline = selectors.publish_deadline(meeting, publish_days)
    context = {"estate": estate, "page": page, "overdue": selectors.overdue_meetings(estate_id=estate.pk),
               "labels": STATUS_LABELS, "publish_days": publish_days}  # fmt: skip
    return render(request, "committee/meetings/list.html", context)


@login_required
def meeting_new(request, estate):
    """Plan a meeting and its agenda."""
    estate = _estate(request, estate)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(actor=request.user, estate_id=estate.pk, data=form.meeting_input(),
                                              request=request)  # fmt: skip
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Meeting planned."))
            return redirect("committee-meeting", estate=estate.slug, pk=meeting.pk)
    return render(request, "committee/meetings/new.html", {"estate": estate, "form": form})


def _edit_minutes(request, meeting, form):
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return
    report_outcome(request, lambda: services.meeting_minutes_update(
        actor=request.user, meeting_id=meeting.pk, minutes=form.cleaned_data["minutes"],
        expected_version=meeting.version, request=request), _("Minutes saved."))  # fmt: skip


@login_required
def meeting_detail(request, estate, pk):
    """One meeting: agenda, attendance, each decision's votes, the minutes; its next steps as buttons."""
    estate = _estate(request, estate)
    meeting = selectors.meeting_in_estate(estate_id=estate.pk, meeting_id=pk)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "edit_minutes":
            _edit_minutes(request, meeting, MinutesForm(request.POST))
        elif action in BUTTONS:
            report_outcome(request, lambda: BUTTONS[action](meeting, request.user, request), _("Done."))
        else:
            messages.error(request, _("Unknown action."))
        return redirect("committee-meeting", estate=estate.slug, pk=meeting.pk)
    deadline = selectors.publish_deadline(meeting, rules_for(estate_id=estate.pk).publish_days)
    context = {"estate": estate, "meeting": meeting, "actions": actions_for(meeting.status), "deadline": deadline,
               "minutes_form": MinutesForm(initial={"minutes": meeting.minutes}), "labels": STATUS_LABELS}  # fmt: skip
    return render(request, "committee/meetings/detail.html", context)


@login_required
def meeting_hold(request, estate, pk):
    """Record the meeting: attendance, resolutions and votes, minutes."""
    estate = _estate(request, estate)
    meeting = selectors.meeting_in_estate(estate_id=estate.pk, meeting_id=pk)
    seats = list(open_seats(committee_id=meeting.committee_id).filter(role__in=VOTING_ROLES))
    form = HoldForm(request.POST or None, seats=seats, items=list(meeting.agenda.all()))
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_hold(actor=request.user, meeting_id=meeting.pk, record=form.hold_record(),
                                  request=request)  # fmt: skip
        except ValidationError as exc:
            show_errors(form, exc)
        except LinliError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Meeting recorded."))
            return redirect("committee-meeting", estate=estate.slug, pk=meeting.pk)
    return render(request, "committee/meetings/hold.html", {"estate": estate, "meeting": meeting, "form": form})


@login_required
def public_minutes(request, estate):
    """For residents of the estate: the committee's published minutes, newest first."""
    estate = resident_estate(user=request.user, slug=estate)
    page = Paginator(selectors.published_minutes(estate_id=estate.pk), 30).get_page(request.GET.get("page"))
    return render(request, "committee/meetings/public_list.html", {"estate": estate, "page": page})


@login_required
def public_minute(request, estate, pk):
    """For residents of the estate: one meeting's published minutes, and each decision with its vote counts."""
    estate = resident_estate(user=request.user, slug=estate)
    meeting = selectors.published_meeting(estate_id=estate.pk, meeting_id=pk)
    return render(request, "committee/meetings/public_detail.html", {"estate": estate, "meeting": meeting})
