"""Survey pages: a resident's surveys and the survey itself; the staff page of figures for surveys after repairs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.errors import LinliError
from feedback.replies.selectors import reply_for_survey
from residents import access
from residents.models import Estate

from .forms import SurveyFiguresForm, SurveyForm
from .selectors import (
    fatigue_days_by_estate,
    repair_survey_figures,
    survey_for_resident,
    survey_is_open,
    surveys_for_resident,
)
from .services import Submission, survey_draft_save, survey_submit, validate_submission


@login_required
def my_surveys(request):
    if not hasattr(request.user, "person"):
        return redirect("home-dashboard")
    page = Paginator(surveys_for_resident(user=request.user), 20).get_page(request.GET.get("page"))
    for survey in page.object_list:
        survey.is_open, survey.display_name = survey_is_open(survey), survey.instrument.name(get_language())
    return render(request, "feedback/surveys/my_surveys.html", {"page": page})


@login_required
def survey_page(request, pk):
    survey = survey_for_resident(user=request.user, survey_id=pk)
    if survey is None:
        raise Http404
    language = get_language()
    context = {"survey": survey, "name": survey.instrument.name(language)}
    if not survey_is_open(survey):
        answered = survey.status == survey.Status.ANSWERED
        context["reply"] = reply_for_survey(survey_id=survey.pk) if answered else None
        return render(request, "feedback/surveys/closed.html", context)
    draft = survey.current_draft.data if survey.current_draft else None
    form = SurveyForm(request.POST or None, instrument=survey.instrument, items=survey.instrument.items.all(),
                      language=language, initial=SurveyForm.initial_from(draft))  # fmt: skip
    if request.method == "POST":
        done = _save_draft(request, survey, form) if "save" in request.POST else _submit(request, survey, form)
        if done:
            return redirect("feedback-survey", pk=survey.pk)
    return render(request, "feedback/surveys/survey.html", {**context, "form": form})


def _save_draft(request, survey, form) -> bool:
    form.is_valid()  # unparsable answers are left out of the draft and shown
    try:
        survey_draft_save(survey_id=survey.pk, actor=request.user, data=form.payload())
    except (ValidationError, LinliError) as exc:
        messages.error(request, " ".join(exc.messages) if isinstance(exc, ValidationError) else exc.message)
        return isinstance(exc, LinliError)
    closes = date_format(timezone.localtime(survey.expires_at).date())
    messages.success(request, _("Saved. You can finish it later, until %(date)s.") % {"date": closes})
    return not form.errors


def _submit(request, survey, form) -> bool:
    """Submit a valid form through the service; otherwise show every problem (the form's and the service's)."""
    if not form.is_valid():
        try:
            validate_submission(survey.instrument, form.items, Submission(**form.payload()))
        except ValidationError as exc:
            form.add_service_errors(exc)
        return False
    try:
        survey_submit(survey_id=survey.pk, actor=request.user, submission=Submission(**form.payload()))
    except ValidationError as exc:
        form.add_service_errors(exc)
        messages.error(request, _("Some answers are missing or not valid; nothing was saved. See below."))
        return False
    except LinliError as exc:
        messages.error(request, exc.message)
        return True
    messages.success(request, _("Thank you! Your answers were received."))
    return True


@login_required
def staff_repair_survey_figures(request):
    """Surveys after repairs per estate for a month: sent, answered, expired, and skipped by the fatigue cap."""
    if not access.can(request.user, "feedback.manage"):
        raise PermissionDenied
    estates = list(access.scope_by_estate(Estate.objects.order_by("name"), request.user, "feedback.manage", "id"))
    form = SurveyFiguresForm(request.GET or {"month": timezone.localdate().strftime("%Y-%m")})
    rows = []
    if form.is_valid():
        start, end = form.period()
        ids = [estate.pk for estate in estates]
        figures, caps = repair_survey_figures(estate_ids=ids, start=start, end=end), fatigue_days_by_estate(ids)
        rows = [{"estate": e, "figures": figures[e.pk], "cap_days": caps[e.pk]} for e in estates]
    return render(request, "feedback/surveys/staff_figures.html", {"form": form, "rows": rows})
