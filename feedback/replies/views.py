"""Staff page of ratings worth answering (a comment or a low satisfaction score) and the reply to one of them."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.posted import report_outcome
from residents import access

from .forms import ReplyForm
from .selectors import CAPABILITY, LOW_CSAT, responses_to_answer
from .services import reply_to_response


@login_required
def staff_survey_responses(request):
    if not access.can(request.user, CAPABILITY):
        raise PermissionDenied
    page = Paginator(responses_to_answer(user=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "feedback/replies/responses.html", {"page": page, "form": ReplyForm(), "low": LOW_CSAT})


@login_required
@require_POST
def staff_survey_response_reply(request, pk):
    if not access.can(request.user, CAPABILITY):
        raise PermissionDenied
    form = ReplyForm(request.POST)
    body = form.cleaned_data["body"] if form.is_valid() else request.POST.get("body", "")
    report_outcome(
        request,
        lambda: reply_to_response(response_id=pk, actor=request.user, body=body, request=request),  # 404 outside
        _("Reply sent. The resident sees it with their answers."),
    )
    return redirect("staff-survey-responses")
