"""Pages for owners' votes: the committee drafts, announces and follows a vote; committee members and
managers enter paper ballots; owners read the agenda, vote and read the result with its arithmetic."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.posted import report_outcome, run_in_form
from residents import access
from residents.selectors import estates_for_staff

from . import exports, present, selectors, services
from .forms import BallotForm, CancelForm, MotionForm, PaperBallotForm
from .models import Ballot, Motion, RollEntry
from .scans import MAX_BYTES


def _committee(request):
    if not access.can(request.user, "committee.view"):
        raise PermissionDenied


def _committee_motion(request, pk) -> Motion:
    _committee(request)
    return get_object_or_404(selectors.motions_for_committee(user=request.user), pk=pk)


@login_required
def vote_list(request):
    """The committee's votes, newest first, with a form-link to draft one."""
    _committee(request)
    votes = selectors.motions_for_committee(user=request.user).order_by("-created_at", "-id")
    page = Paginator(votes, 50).get_page(request.GET.get("page"))
    return render(request, "committee/votes/list.html", {"page": page})


def _save(request, form, run):
    return run_in_form(form, lambda: run(services.MotionInput(**form.cleaned_data))) if form.is_valid() else None


@login_required
def vote_new(request):
    """Draft a vote for one of the user's estates."""
    _committee(request)
    estates = list(estates_for_staff(user=request.user, capability="committee.manage").order_by("name"))
    form = MotionForm(request.POST or None)
    wanted = request.POST.get("estate") if request.method == "POST" else None
    estate = next((e for e in estates if e.slug == wanted), None) if wanted else (estates[0] if estates else None)
    if request.method == "POST":
        if estate is None:
            form.add_error(None, _("Choose an estate whose committee you sit on."))
        else:
            motion = _save(
                request, form, lambda data: services.motion_create(estate_id=estate.pk, actor=request.user, data=data)
            )
            if motion is not None:
                return redirect("committee-vote", pk=motion.pk)
    return render(request, "committee/votes/form.html", {"form": form, "estates": estates, "estate": estate})


@login_required
def vote_edit(request, pk):
    motion = _committee_motion(request, pk)
    fields = ("title", "matter", "agenda", "opens_at", "closes_at")
    form = MotionForm(request.POST or None, initial={f: getattr(motion, f) for f in fields})
    if request.method == "POST":
        saved = _save(request, form, lambda data: services.motion_update(motion_id=pk, actor=request.user, data=data))
        if saved is not None:
            return redirect("committee-vote", pk=pk)
    return render(request, "committee/votes/form.html", {"form": form, "motion": motion})


@login_required
def vote_detail(request, pk):
    """The vote, its roll, and the live tally against the thresholds (the final result once closed)."""
    motion = _committee_motion(request, pk)
    tally = selectors.live_tally(motion=motion)
    context = {
        "motion": motion,
        "tally": tally,
        "rows": present.arithmetic(tally) if tally else [],
        "roll": selectors.roll_summary(motion=motion) if motion.roll_date else None,
        "manage": access.can(request.user, "committee.manage", motion.estate_id),
        "paper": access.can(request.user, "votes.paper", motion.estate_id),
        "cancel_form": CancelForm(),
    }
    return render(request, "committee/votes/detail.html", context)


@login_required
@require_POST
def vote_action(request, pk):
    """Announce, cancel or close, from the buttons on the vote's page."""
    motion = _committee_motion(request, pk)
    action = request.POST.get("action")
    runs = {
        "announce": (
            lambda: services.motion_announce(motion_id=pk, actor=request.user),
            _("The vote is announced; its agenda and roll are now fixed."),
        ),
        "cancel": (
            lambda: services.motion_cancel(motion_id=pk, actor=request.user, reason=request.POST.get("reason", "")),
            _("The vote is cancelled."),
        ),
        "close": (
            lambda: services.motion_close(motion_id=pk, actor=request.user),
            _("The vote is closed and its result published."),
        ),
    }
    if action not in runs or not access.can(request.user, "committee.manage", motion.estate_id):
        raise PermissionDenied
    report_outcome(request, *runs[action])
    return redirect("committee-vote", pk=pk)


@login_required
def vote_export(request, pk, what):
    """The frozen roll or the ballots as CSV, for an official e-voting platform."""
    motion = _committee_motion(request, pk)
    if what not in ("roll", "ballots") or motion.roll_date is None:
        raise Http404
    if not access.can(request.user, "committee.manage", motion.estate_id):
        raise Http404
    return exports.csv_response(motion, what)


# --- paper ballots --------------------------------------------------------------------------------------------


@login_required
def paper_votes(request):
    """Votes now running in the estates where the user enters paper ballots."""
    if not access.can(request.user, "votes.paper"):
        raise PermissionDenied
    votes = selectors.motions_for_paper_ballots(user=request.user).order_by("closes_at", "id")
    return render(request, "committee/votes/paper_list.html", {"votes": votes})


@login_required
def paper_ballot(request, pk):
    """Enter (or correct) a paper or proxy ballot with the scan of the signed paper."""
    if not access.can(request.user, "votes.paper"):
        raise PermissionDenied
    motion = get_object_or_404(selectors.motions_for_paper_ballots(user=request.user), pk=pk)
    voters = [
        (key, f"{key} · {names or _('Developer')}")
        for key, names in RollEntry.objects.filter(motion=motion).order_by("key").values_list("key", "names")
    ]
    form = PaperBallotForm(request.POST or None, request.FILES or None, voters=voters)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "scan"}
        paper = services.PaperBallot(**data, scan=form.cleaned_data["scan"].read(MAX_BYTES + 1))
        if run_in_form(form, lambda: services.ballot_record_paper(motion_id=pk, actor=request.user, paper=paper)):
            messages.success(request, _("The paper ballot is entered."))
            return redirect("votes-paper-ballot", pk=pk)
    return render(request, "committee/votes/paper.html", {"motion": motion, "form": form})


@login_required
def ballot_scan(request, pk):
    """A paper ballot's scan, for the estate's committee and those who enter paper ballots."""
    ballot = get_object_or_404(Ballot.objects.exclude(scan=""), pk=pk)
    estate_id = ballot.motion.estate_id
    if not (
        access.can(request.user, "committee.view", estate_id) or access.can(request.user, "votes.paper", estate_id)
    ):
        raise Http404
    response = FileResponse(ballot.scan.open("rb"), as_attachment=True, filename=ballot.scan.name.rsplit("/", 1)[-1])
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = "sandbox"
    return response


# --- owners ---------------------------------------------------------------------------------------------------


@login_required
def my_votes(request):
    votes = selectors.motions_for_resident(user=request.user).order_by("-opens_at", "-id")
    return render(request, "committee/votes/mine.html", {"votes": votes})


@login_required
def my_vote(request, pk):
    """The agenda, my home's ballot and the form to cast or change it, or the result with its arithmetic."""
    motion = get_object_or_404(selectors.motions_for_resident(user=request.user), pk=pk)
    entry, ballot = selectors.my_ballot(motion=motion, user=request.user)
    form = BallotForm(request.POST or None, initial={"choice": ballot.choice if ballot else None})
    if request.method == "POST" and form.is_valid():
        run = services.ballot_change if ballot else services.ballot_cast
        if run_in_form(form, lambda: run(motion_id=pk, user=request.user, **form.cleaned_data)):
            messages.success(request, _("Your vote is recorded."))
            return redirect("votes-mine-detail", pk=pk)
    tally = selectors.live_tally(motion=motion) if motion.status == Motion.Status.CLOSED else None
    context = {
        "motion": motion,
        "entry": entry,
        "ballot": ballot,
        "form": form,
        "tally": tally,
        "rows": present.arithmetic(tally) if tally else [],
        "open": selectors.is_open(motion=motion),
    }
    return render(request, "committee/votes/my_vote.html", context)
