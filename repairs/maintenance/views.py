"""Managers' pages for maintenance plans, and the checklist part of the staff order page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.posted import add_service_errors, run_and_report
from residents import access

from ..models import Channel
from . import selectors, services
from .forms import ChecklistFormSet, PlanForm, TickForm, checklist_lines, plan_initial


def _manager_required(request):
    if not access.can(request.user, "repairs.manage"):
        raise PermissionDenied


@login_required
def plan_list(request):
    """The plans of the estates the user manages: schedule, next due date, last generated order."""
    _manager_required(request)
    page = Paginator(selectors.plans_for_manager(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "repairs/maintenance_plans.html", {"page": page})


def _plan_form_page(request, *, plan=None):
    choices = selectors.plan_choices(user=request.user)
    initial = plan_initial(plan) if plan else {}
    form = PlanForm(request.POST or None, initial=initial, choices=choices, plan=plan)
    rows = [{"text": i.text, "requires_value": i.requires_value} for i in plan.checklist.all()] if plan else []
    lines = ChecklistFormSet(request.POST or None, initial=rows, prefix="checklist")
    if request.method == "POST" and all([form.is_valid(), lines.is_valid()]):
        data = form.plan_input(checklist_lines(lines))
        try:
            if plan is None:
                services.maintenance_plan_create(actor=request.user, estate_id=form.cleaned_data["estate"], data=data)
            else:
                services.maintenance_plan_update(actor=request.user, plan_id=plan.pk, data=data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Maintenance plan saved."))
            return redirect("staff-maintenance-plans")
    runs = plan.runs.select_related("order")[:10] if plan else []
    return render(request, "repairs/maintenance_plan_form.html", {"form": form, "lines": lines, "plan": plan,
                                                                   "runs": runs})  # fmt: skip


@login_required
def plan_new(request):
    _manager_required(request)
    return _plan_form_page(request)


@login_required
def plan_edit(request, pk):
    _manager_required(request)
    return _plan_form_page(request, plan=get_object_or_404(selectors.plans_for_manager(user=request.user), pk=pk))


@require_POST
@login_required
def plan_deactivate(request, pk):
    _manager_required(request)
    plan = get_object_or_404(selectors.plans_for_manager(user=request.user), pk=pk)
    services.maintenance_plan_deactivate(actor=request.user, plan_id=plan.pk)
    messages.success(request, _("“%(title)s” will generate no more orders.") % {"title": plan.title})
    return redirect("staff-maintenance-plans")


# --- on the staff order page (repairs.views._order_page) --------------------------------------------------------


def order_checklist_context(order, user) -> dict:
    """The order's checklist, whether `user` may tick it now, and the plan occurrence that made the order."""
    planned = order.channel == Channel.PLANNED  # only plans make checklists: other orders skip both queries
    checklist = selectors.order_checklist(order=order) if planned else []
    run = selectors.order_run(order=order) if planned else None
    forms = [(item, TickForm(initial={"item": item.pk, "done": item.done, "value": item.value, "note": item.note},
                             prefix=f"item{item.pk}")) for item in checklist]  # fmt: skip
    return {"checklist": forms, "checklist_open": services.may_tick(order, user), "maintenance_run": run}


def tick_from_post(request, order) -> None:
    """Tick one line from the order page's POST; the outcome is shown as a message."""
    prefix = f"item{request.POST.get('item', '')}"
    form = TickForm(request.POST, prefix=prefix)

    def run(data):
        tick = {key: data[key] for key in ("done", "value", "note")}
        return services.work_order_checklist_tick(order_id=order.pk, item_id=data["item"], actor=request.user, **tick)

    run_and_report(request, form, run, lambda _result: _("Checklist saved."))
