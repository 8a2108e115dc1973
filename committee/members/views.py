"""The committee's pages for its rules and members, and the residents' page of who sits on the committee.
Another estate's pages answer 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import LinliError
from core.posted import report_outcome

from ..selectors import rules_for
from . import selectors, services
from .estate_rules import committee_rules_update
from .forms import RulesForm, SeatForm, TermForm, show_errors


@login_required
def rules_page(request, estate):
    """The estate's committee rules: every jurisdiction-dependent number, with the national defaults."""
    estate = selectors.committee_estate(user=request.user, slug=estate,
                                        capability="committee.manage" if request.method == "POST" else
                                        "committee.view")  # fmt: skip
    form = RulesForm(request.POST or None, rules=rules_for(estate_id=estate.pk))
    if request.method == "POST" and form.is_valid():
        try:
            committee_rules_update(actor=request.user, estate_id=estate.pk, values=form.cleaned_data, request=request)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Committee rules saved."))
            return redirect("committee-rules", estate=estate.slug)
    return render(request, "committee/members/rules.html", {"estate": estate, "form": form})


def _save_term(request, estate, overview, form):
    committee = overview.committee
    if committee is None:
        return services.committee_create(actor=request.user, estate_id=estate.pk, data=form.term_input(),
                                         request=request)  # fmt: skip
    return services.committee_update(actor=request.user, committee_id=committee.pk, data=form.term_input(),
                                     request=request)  # fmt: skip


def _posted(request, estate, overview, term_form, seat_form) -> bool:
    """Run the posted form's service; True when it saved."""
    form, save = ((term_form, lambda: _save_term(request, estate, overview, term_form))
                  if "term" in request.POST else
                  (seat_form, lambda: services.member_add(actor=request.user, committee_id=overview.committee.pk,
                                                          data=seat_form.seat_input(), request=request)))  # fmt: skip
    if not form.is_valid():
        return False
    if form is seat_form and overview.committee is None:
        form.add_error(None, _("Record the committee's election and term first."))
        return False
    try:
        save()
    except ValidationError as exc:
        show_errors(form, exc)
    except LinliError as exc:
        form.add_error(None, exc.message)
    else:
        return True
    return False


@login_required
def members_page(request, estate):
    """The current committee: its term, its members, warnings about its size, filing and term; forms to record
    the term and seat a member."""
    capability = "committee.manage" if request.method == "POST" else "committee.view"
    estate = selectors.committee_estate(user=request.user, slug=estate, capability=capability)
    overview = selectors.committee_overview(estate_id=estate.pk)
    committee = overview.committee
    initial = (
        {f: getattr(committee, f) for f in ("elected_on", "filed_on", "term_start", "term_end")} if committee else {}
    )
    posted = request.POST if request.method == "POST" else None
    term_form = TermForm(posted if posted and "term" in posted else None, initial=initial, prefix="term")
    seat_form = SeatForm(posted if posted and "term" not in posted else None, prefix="seat")
    if posted and _posted(request, estate, overview, term_form, seat_form):
        messages.success(request, _("Saved."))
        return redirect("committee-members", estate=estate.slug)
    context = {"estate": estate, "overview": overview, "term_form": term_form, "seat_form": seat_form}
    return render(request, "committee/members/members.html", context)


@login_required
@require_POST
def member_end(request, estate, pk):
    """A member leaves the committee today (and loses the committee role in the estate)."""
    estate = selectors.committee_estate(user=request.user, slug=estate, capability="committee.manage")
    seat = selectors.seat_in_estate(estate_id=estate.pk, member_id=pk)
    report_outcome(request, lambda: services.member_end(actor=request.user, member_id=seat.pk, request=request),
                   _("%(name)s has left the committee.") % {"name": seat.person.full_name})  # fmt: skip
    return redirect("committee-members", estate=estate.slug)


@login_required
@require_POST
def term_end(request, estate):
    """The current committee's term ends today, with every seat."""
    estate = selectors.committee_estate(user=request.user, slug=estate, capability="committee.manage")
    committee = selectors.current_committee(estate_id=estate.pk)
    if committee is None:
        messages.error(request, _("The estate has no current committee."))
    else:
        report_outcome(
            request,
            lambda: services.committee_end(actor=request.user, committee_id=committee.pk, request=request),
            _("The committee's term has ended."),
        )
    return redirect("committee-members", estate=estate.slug)


@login_required
def public_members(request, estate):
    """For residents of the estate: who sits on the current committee, names and roles only."""
    estate = selectors.resident_estate(user=request.user, slug=estate)
    overview = selectors.committee_overview(estate_id=estate.pk)
    return render(request, "committee/members/public.html", {"estate": estate, "overview": overview})
