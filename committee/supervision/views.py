"""HTML pages of supervision items: the committee's list, form and item page; the company's list and item page
(where the manager answers); the residents' list of published items. Another estate's pages answer 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.posted import run_and_report
from residents import access

from . import selectors, services
from .actions import COMMITTEE_ACTIONS, COMPANY_ACTIONS, run_action
from .forms import RaiseForm, StepForm
from .workflow import LABELS, STATUS_LABELS, actions_for

# audience → (capability, list page, item page, the steps its page offers)
AUDIENCES = {
    "committee": ("committee.view", "committee-supervision", "committee-supervision-item", COMMITTEE_ACTIONS),
    "company": ("committee.answer", "staff-committee-supervision", "staff-committee-supervision-item",
                COMPANY_ACTIONS),
}  # fmt: skip


def _estate(request, slug, audience):
    capability = AUDIENCES[audience][0]
    if not access.can(request.user, capability):
        raise PermissionDenied
    return selectors.estate_for(user=request.user, slug=slug, capability=capability)


def _label(items):
    for item in items:
        item.status_label = STATUS_LABELS[item.status]
    return items


def _list(request, slug, audience):
    estate = _estate(request, slug, audience)
    page = Paginator(selectors.supervision_items(estate=estate), 50).get_page(request.GET.get("page"))
    _label(page.object_list)
    may_raise = audience == "committee" and access.can(request.user, "committee.manage", estate.pk)
    context = {"estate": estate, "page": page, "audience": audience, "item_page": AUDIENCES[audience][2],
               "may_raise": may_raise}  # fmt: skip
    return render(request, "committee/supervision/list.html", context)


@login_required
def committee_list(request, slug):
    return _list(request, slug, "committee")


@login_required
def company_list(request, slug):
    return _list(request, slug, "company")


@login_required
def committee_new(request, slug):
    """A committee member raises an item."""
    estate = _estate(request, slug, "committee")
    if not access.can(request.user, "committee.manage", estate.pk):
        raise PermissionDenied
    form = RaiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.supervision_raise(actor=request.user, estate_id=estate.pk, draft=form.draft(),
                                              request=request)  # fmt: skip
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("Raised as supervision #%(id)s.") % {"id": item.pk})
            return redirect("committee-supervision-item", slug=estate.slug, pk=item.pk)
    return render(request, "committee/supervision/new.html", {"estate": estate, "form": form})


def _item_page(request, slug, pk, audience):
    estate = _estate(request, slug, audience)
    items = selectors.supervision_items(estate=estate)
    item = get_object_or_404(items, pk=pk)
    allowed = AUDIENCES[audience][3]
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in allowed:
            raise PermissionDenied
        run_and_report(request, StepForm(request.POST),
                       lambda data: run_action(action, item_id=item.pk, actor=request.user, note=data["note"],
                                               answer_due=data["answer_due"], request=request),
                       _("Done: %(action)s.") % {"action": LABELS[action]})  # fmt: skip
        return redirect(AUDIENCES[audience][2], slug=estate.slug, pk=item.pk)
    roles = services.actor_roles(request.user, item)
    actions = [{"name": n, "label": LABELS[n]} for n in actions_for(status=item.status, actors=roles) if n in allowed]
    if item.published_at is not None:
        actions = [a for a in actions if a["name"] != "publish"]
    context = {
        "estate": estate, "item": item, "audience": audience, "status_label": STATUS_LABELS[item.status],
        "actions": actions, "form": StepForm(), "timeline": _timeline(item),
        "list_page": AUDIENCES[audience][1],
        "complaint_page": selectors.complaint_page(item, audience),
    }  # fmt: skip
    return render(request, "committee/supervision/item.html", context)


def _timeline(item):
    events = list(selectors.timeline(item=item))
    for event in events:
        event.action_label = LABELS.get(event.action, _("Raised"))
        event.to_label = STATUS_LABELS.get(event.to_status, "")
    return events


@login_required
def committee_item(request, slug, pk):
    return _item_page(request, slug, pk, "committee")


@login_required
def company_item(request, slug, pk):
    return _item_page(request, slug, pk, "company")


@login_required
def published(request, slug):
    """The items the committee published to the estate's residents, with the company's answers."""
    estate = selectors.estate_for_resident(user=request.user, slug=slug)
    page = Paginator(selectors.supervision_published(estate=estate), 20).get_page(request.GET.get("page"))
    return render(request, "committee/supervision/published.html", {"estate": estate, "page": page})
