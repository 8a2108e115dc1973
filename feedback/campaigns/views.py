"""Managers' pages for survey campaigns and their questionnaires (feedback.manage), estate-scoped: another
estate's campaign or questionnaire is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import LinliError
from core.posted import add_service_errors, report_outcome
from feedback import dimensions, scoring
from feedback.instruments import services as instruments
from feedback.models import Instrument
from residents import access

from . import selectors, services
from .forms import (
    CampaignForm,
    InstrumentForm,
    ItemFormSet,
    add_item_errors,
    campaign_initial,
    item_rows,
)
from .models import Campaign


def _manager_required(request):
    if not access.can(request.user, selectors.CAPABILITY):
        raise PermissionDenied


# --- campaigns ------------------------------------------------------------------------------------------------


@login_required
def campaign_list(request):
    """The estates' campaigns, newest first, and the estates without one in the last twelve months."""
    _manager_required(request)
    page = Paginator(selectors.campaigns_for_manager(user=request.user), 50).get_page(request.GET.get("page"))
    overdue = selectors.estates_without_recent_campaign(user=request.user)
    return render(request, "feedback/campaigns/list.html", {"page": page, "overdue": overdue})


def _campaign_form_page(request, *, campaign=None):
    estates = list(selectors.managed_estates(user=request.user))
    if campaign is None:
        estate_ids = [e.pk for e in estates]
        usable = Instrument.objects.none()
        for estate_id in estate_ids:
            usable = usable | selectors.campaign_instruments(estate_id=estate_id)
        choices = list(usable.select_related("estate").distinct().order_by("estate_id", "key", "-version"))
    else:
        choices = list(selectors.campaign_instruments(estate_id=campaign.estate_id).select_related("estate"))
    initial = campaign_initial(campaign) if campaign else {}
    form = CampaignForm(request.POST or None, initial=initial, estates=estates, instruments=choices, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            if campaign is None:
                saved = services.campaign_create(actor=request.user, estate_id=form.cleaned_data["estate"],
                                                 data=form.campaign_input())  # fmt: skip
            else:
                saved = services.campaign_update(actor=request.user, campaign_id=campaign.pk,
                                                 data=form.campaign_input())  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        except LinliError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Campaign saved. Nothing is sent until you launch it."))
            return redirect("staff-campaign", saved.pk)
    return render(request, "feedback/campaigns/form.html", {"form": form, "campaign": campaign})


@login_required
def campaign_new(request):
    _manager_required(request)
    return _campaign_form_page(request)


def _campaign(request, pk) -> Campaign:
    _manager_required(request)
    return get_object_or_404(selectors.campaigns_for_manager(user=request.user), pk=pk)


@login_required
def campaign_edit(request, pk):
    campaign = _campaign(request, pk)
    if campaign.status != Campaign.Status.DRAFT:
        messages.error(request, _("A launched campaign can no longer be changed."))
        return redirect("staff-campaign", campaign.pk)
    return _campaign_form_page(request, campaign=campaign)


@login_required
def campaign_detail(request, pk):
    """One campaign: its settings, a draft's sample preview, and live response rates per building."""
    campaign = _campaign(request, pk)
    context = {"campaign": campaign, "level_1": scoring.LEVEL_1_SATISFACTION}
    if campaign.status == Campaign.Status.DRAFT:
        plan = selectors.sample_plan(estate_id=campaign.estate_id, mode=campaign.mode, margin=campaign.margin,
                                     confidence=campaign.confidence)  # fmt: skip
        names = selectors.building_names(ids=plan.strata)
        context["plan"] = plan
        context["preview"] = sorted((names[b], size, plan.allocation[b]) for b, size in plan.strata.items())
    else:
        context["rates"] = selectors.response_rates(campaign=campaign)
    return render(request, "feedback/campaigns/detail.html", context)


@require_POST
@login_required
def campaign_launch(request, pk):
    campaign = _campaign(request, pk)
    report_outcome(request, lambda: services.campaign_launch(actor=request.user, campaign_id=campaign.pk),
         _("Launched: the households are fixed and the invitations are going out."))  # fmt: skip
    return redirect("staff-campaign", campaign.pk)


@require_POST
@login_required
def campaign_close(request, pk):
    campaign = _campaign(request, pk)
    report_outcome(request, lambda: services.campaign_close(actor=request.user, campaign_id=campaign.pk),
         _("Closed: unanswered invitations have expired."))  # fmt: skip
    return redirect("staff-campaign", campaign.pk)


# --- questionnaires -------------------------------------------------------------------------------------------


@login_required
def instrument_list(request):
    """Questionnaires the user may use: shared ones and their estates' own, every version."""
    _manager_required(request)
    rows = selectors.instruments_for_manager(user=request.user).order_by("purpose", "key", "-version")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "feedback/campaigns/instruments.html", {"page": page})


@login_required
def instrument_new(request):
    _manager_required(request)
    form = InstrumentForm(request.POST or None, estates=list(selectors.managed_estates(user=request.user)))
    if request.method == "POST" and form.is_valid():
        try:
            instrument = instruments.instrument_draft_create(actor=request.user, estate_id=form.cleaned_data["estate"],
                                                             spec=form.spec())  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        except LinliError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Draft created: now write its statements."))
            return redirect("staff-instrument-items", instrument.pk)
    return render(request, "feedback/campaigns/instrument_new.html", {"form": form})


def _instrument(request, pk) -> Instrument:
    _manager_required(request)
    return get_object_or_404(selectors.instruments_for_manager(user=request.user), pk=pk)


@login_required
def instrument_detail(request, pk):
    """A questionnaire's statements grouped by dimension, in Chinese and English; a draft's publish problems."""
    instrument = _instrument(request, pk)
    items = selectors.instrument_items(instrument=instrument)
    groups = [(d, [i for i in items if i.dimension == d.key]) for d in dimensions.TEN]
    drafted = instrument.status == Instrument.Status.DRAFT
    context = {"instrument": instrument, "groups": [(d, rows) for d, rows in groups if rows],
               "problems": instruments.publish_problems(instrument) if drafted else [],
               "may_edit": instruments.may_edit(request.user, instrument)}  # fmt: skip
    return render(request, "feedback/campaigns/instrument.html", context)


@login_required
def instrument_items(request, pk):
    """Edit a draft's statements (a formset, one row per statement, in order)."""
    instrument = _instrument(request, pk)
    if instrument.status != Instrument.Status.DRAFT:
        messages.error(request, _("A published instrument never changes; make a new version to edit it."))
        return redirect("staff-instrument", instrument.pk)
    initial = [{"dimension": i.dimension, "text_zh": i.text_zh, "text_en": i.text_en} for i in instrument.items.all()]
    # bound, it starts from nothing: a row equal to its initial value would count as unchanged and be skipped
    formset = (
        ItemFormSet(request.POST, prefix="items")
        if request.method == "POST"
        else ItemFormSet(initial=initial, prefix="items")
    )
    problems = []
    if request.method == "POST" and formset.is_valid():
        kept, forms_of = item_rows(formset)
        try:
            instruments.instrument_items_replace(instrument_id=instrument.pk, actor=request.user, items=kept)
        except ValidationError as exc:
            problems = add_item_errors(formset, forms_of, exc)
        except LinliError as exc:
            problems = [exc.message]
        else:
            messages.success(request, _("Statements saved."))
            return redirect("staff-instrument", instrument.pk)
    return render(request, "feedback/campaigns/instrument_items.html",
                  {"instrument": instrument, "formset": formset, "problems": problems})  # fmt: skip


@require_POST
@login_required
def instrument_publish(request, pk):
    instrument = _instrument(request, pk)
    report_outcome(request, lambda: instruments.instrument_publish(instrument_id=instrument.pk, actor=request.user),
         _("Published: new surveys use this version."))  # fmt: skip
    return redirect("staff-instrument", instrument.pk)


@require_POST
@login_required
def instrument_new_version(request, pk):
    instrument = _instrument(request, pk)
    made = []
    if report_outcome(request, lambda: made.append(instruments.instrument_new_version(instrument_id=instrument.pk,
                                                                            actor=request.user)),
            _("A new draft version to edit.")):  # fmt: skip
        return redirect("staff-instrument-items", made[0].pk)
    return redirect("staff-instrument", instrument.pk)
