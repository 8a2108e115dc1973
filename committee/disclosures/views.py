"""Disclosure pages: the company writes and publishes under /staff/committee/<estate>/disclosures/, the committee
reads under /committee/<estate>/disclosures/, residents read and ask under /me/committee/<estate>/disclosures/.
Another estate's pages answer 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import LinliError, NotPermitted
from core.posted import report_outcome
from residents import access
from residents.selectors import estates_for_staff

from ..documents.serve import file_response
from . import selectors, services
from .forms import AnswerForm, AttachmentForm, DisclosureForm, KindFilterForm, QuestionForm
from .models import Disclosure

PAGE = 50


def _fail(form, exc) -> None:
    """A service's refusal, next to the field it names (or above the form)."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.message if isinstance(exc, LinliError) else exc.messages)


def _company(request, slug):
    if not access.can(request.user, selectors.PUBLISH):
        raise PermissionDenied
    return selectors.company_estate(user=request.user, slug=slug)


def _standings(estate):
    today = timezone.localdate()
    return [(due, due.soon(today)) for due in selectors.standings(estate_id=estate.pk, today=today)]


# --- the company ------------------------------------------------------------------------------------------


@login_required
def company_list(request, estate):
    """Every entry of the estate (drafts first) and what is due."""
    estate = _company(request, estate)
    page = Paginator(selectors.disclosures_for_company(estate=estate), PAGE).get_page(request.GET.get("page"))
    context = {"estate": estate, "page": page, "standings": _standings(estate), "audience": "company"}
    return render(request, "committee/disclosures/company_list.html", context)


@login_required
def company_new(request, estate):
    """Write a draft; ?supersedes=<id> starts a correction of that published entry, filled in from it."""
    estate = _company(request, estate)
    old = None
    if request.GET.get("supersedes", "").isdigit():
        old = get_object_or_404(selectors.disclosures_published(estate=estate), pk=request.GET["supersedes"])
    initial = {name: getattr(old, name) for name in DisclosureForm.base_fields} if old else {}
    form = DisclosureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.disclosure_draft_create(actor=request.user, estate_id=estate.pk, data=form.input(),
                                                     supersedes_id=old.pk if old else None)  # fmt: skip
        except (ValidationError, LinliError) as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("Draft saved. Attach files, then publish it."))
            return redirect("staff-committee-disclosure", estate=estate.slug, pk=entry.pk)
    return render(request, "committee/disclosures/company_new.html", {"estate": estate, "form": form, "old": old})


@login_required
def company_detail(request, estate, pk):
    """An entry: a draft is edited here (POST), a published one shows its questions to answer."""
    estate = _company(request, estate)
    entry = selectors.disclosure_for_company(estate=estate, pk=pk)
    draft = entry.status == Disclosure.Status.DRAFT
    initial = {name: getattr(entry, name) for name in DisclosureForm.base_fields}
    form = DisclosureForm(request.POST or None, initial=initial) if draft else None
    if request.method == "POST":
        if not draft:
            return redirect("staff-committee-disclosure", estate=estate.slug, pk=pk)
        if form.is_valid():
            try:
                services.disclosure_draft_update(actor=request.user, disclosure_id=entry.pk, data=form.input())
            except (ValidationError, LinliError) as exc:
                _fail(form, exc)
            else:
                messages.success(request, _("Draft saved."))
                return redirect("staff-committee-disclosure", estate=estate.slug, pk=pk)
    context = {"estate": estate, "entry": entry, "form": form, "attach_form": AttachmentForm(),
               "answer_form": AnswerForm(), "audience": "company"}  # fmt: skip
    return render(request, "committee/disclosures/company_detail.html", context)


def _entry_action(request, estate, pk, run, success):
    estate = _company(request, estate)
    entry = selectors.disclosure_for_company(estate=estate, pk=pk)
    report_outcome(request, lambda: run(entry), success)
    return estate, entry


@login_required
@require_POST
def company_attach(request, estate, pk):
    form = AttachmentForm(request.POST, request.FILES)
    upload = request.FILES.get("file")

    def run(entry):
        if upload is None:
            raise ValidationError(_("Choose a file to attach."))
        if not form.is_valid():  # say what is wrong with the file (an empty one, say), not just "choose one"
            raise ValidationError(form.errors["file"])
        upload.seek(0)
        data = upload.read(services.files.MAX_BYTES + 1)
        return services.disclosure_attach(actor=request.user, disclosure_id=entry.pk, name=upload.name, data=data)

    estate, _entry = _entry_action(request, estate, pk, run, _("File attached."))
    return redirect("staff-committee-disclosure", estate=estate.slug, pk=pk)


@login_required
@require_POST
def company_publish(request, estate, pk):
    def run(entry):
        return services.disclosure_publish(actor=request.user, disclosure_id=entry.pk)

    estate, _entry = _entry_action(request, estate, pk, run, _("Published: residents of the estate can see it now."))
    return redirect("staff-committee-disclosure", estate=estate.slug, pk=pk)


@login_required
@require_POST
def company_delete(request, estate, pk):
    def run(entry):
        return services.disclosure_draft_delete(actor=request.user, disclosure_id=entry.pk)

    estate, entry = _entry_action(request, estate, pk, run, _("Draft deleted."))
    if Disclosure.objects.filter(pk=entry.pk).exists():
        return redirect("staff-committee-disclosure", estate=estate.slug, pk=pk)
    return redirect("staff-committee-disclosures", estate=estate.slug)


@login_required
@require_POST
def company_answer(request, estate, pk):
    """Answer a question (pk is the question's) publicly, once."""
    estate = _company(request, estate)
    question = selectors.question_for_company(estate=estate, pk=pk)
    form = AnswerForm(request.POST)

    def run():
        if not form.is_valid():
            raise ValidationError(_("Write the answer."))
        return services.disclosure_question_answer(actor=request.user, question_id=question.pk,
                                                   answer=form.cleaned_data["answer"])  # fmt: skip

    report_outcome(request, run, _("Answer published."))
    return redirect("staff-committee-disclosure", estate=estate.slug, pk=question.disclosure_id)


# --- the committee and residents read ---------------------------------------------------------------------


def _committee(request, slug):
    if not access.can(request.user, "committee.view"):
        raise PermissionDenied
    return get_object_or_404(estates_for_staff(user=request.user, capability="committee.view"), slug=slug)


def _list(request, estate, audience: str):
    filters = KindFilterForm(request.GET or None)
    kind = filters.cleaned_data["kind"] if filters.is_valid() else ""
    entries = selectors.disclosures_published(estate=estate, kind=kind)
    page = Paginator(entries, PAGE).get_page(request.GET.get("page"))
    context = {"estate": estate, "page": page, "filters": filters, "audience": audience}
    if audience == "committee":
        context["standings"] = _standings(estate)
    return render(request, "committee/disclosures/list.html", context)


def _detail(request, estate, pk, audience: str, form=None):
    entry = selectors.disclosure_for_reader(estate=estate, pk=pk)
    may_ask = audience == "resident" and entry.status == Disclosure.Status.PUBLISHED
    may_ask = may_ask and selectors.asker_is_owner(user=request.user, estate=estate) is not None
    context = {"estate": estate, "entry": entry, "audience": audience, "form": (form or QuestionForm()) if may_ask
               else None}  # fmt: skip
    return render(request, "committee/disclosures/detail.html", context)


@login_required
def committee_list(request, estate):
    return _list(request, _committee(request, estate), "committee")


@login_required
def committee_detail(request, estate, pk):
    return _detail(request, _committee(request, estate), pk, "committee")


@login_required
def resident_list(request, estate):
    """Published entries of one of the resident's estates, by kind."""
    return _list(request, selectors.reader_estate(user=request.user, slug=estate), "resident")


@login_required
def resident_detail(request, estate, pk):
    return _detail(request, selectors.reader_estate(user=request.user, slug=estate), pk, "resident")


@login_required
@require_POST
def resident_ask(request, estate, pk):
    estate = selectors.reader_estate(user=request.user, slug=estate)
    entry = selectors.disclosure_for_reader(estate=estate, pk=pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.disclosure_question_ask(actor=request.user, disclosure_id=entry.pk, body=form.cleaned_data["body"])
        except NotPermitted as exc:
            raise PermissionDenied(exc.message) from exc
        except (ValidationError, LinliError) as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("Question sent. The company's answer will appear here."))
            return redirect("committee-public-disclosure", estate=estate.slug, pk=pk)
    return _detail(request, estate, pk, "resident", form=form)


@login_required
def attachment(request, pk):
    """Stream an attachment to someone who may see its entry; 404 for anyone else."""
    found = selectors.attachment_for(user=request.user, pk=pk)
    if found is None:
        raise Http404
    return file_response(found)
