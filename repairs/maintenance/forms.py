"""HTML forms for maintenance plans and for ticking an order's checklist; they parse, the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from residents.models import Trade

from ..models import Priority
from .models import MAX_LEAD_DAYS, MaintenancePlan
from .services import MAX_CHECKLIST, MAX_INTERVAL, ChecklistLine, PlanInput


def _area_label(area, with_estate: bool) -> str:
    parts = [area.estate.name] if with_estate else []
    parts += [area.building.name] if area.building_id else []
    return " · ".join([*parts, area.name])


class PlanForm(forms.Form):
    """A plan's fields. The estate is chosen only when creating; editing keeps the plan's estate."""

    estate = forms.TypedChoiceField(label=_("Estate"), coerce=int)
    title = forms.CharField(label=_("Title"), max_length=120, help_text=_("For example: monthly lift inspection."))
    common_area = forms.TypedChoiceField(label=_("Equipment or common area"), coerce=int)
    trade = forms.ChoiceField(label=_("Trade"))
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices, initial=Priority.ROUTINE)
    interval = forms.IntegerField(label=_("Repeat every"), min_value=1, max_value=MAX_INTERVAL, initial=1)
    unit = forms.ChoiceField(label=_("Unit"), choices=MaintenancePlan.Every.choices,
                             initial=MaintenancePlan.Every.MONTHS)  # fmt: skip
    first_due = forms.DateField(label=_("First due date"), widget=forms.DateInput(attrs={"type": "date"}))
    lead_days = forms.IntegerField(
        label=_("Lead time (days)"), min_value=0, max_value=MAX_LEAD_DAYS, initial=0,
        help_text=_("The order is made this many days before it is due."),
    )  # fmt: skip
    default_assignee = forms.TypedChoiceField(label=_("Default technician"), coerce=int, required=False,
                                              empty_value=None)  # fmt: skip
    description = forms.CharField(label=_("Instructions"), max_length=1800, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    active = forms.BooleanField(label=_("Active: generate orders"), required=False, initial=True)

    def __init__(self, *args, choices: dict, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].choices = [(e.pk, e.name) for e in choices["estates"]]
        areas = [a for a in choices["areas"] if plan is None or a.estate_id == plan.estate_id]
        self.fields["common_area"].choices = [(a.pk, _area_label(a, plan is None)) for a in areas]
        self.fields["trade"].choices = [(t.key, t.name_zh) for t in Trade.objects.order_by("key")]
        people = [(u.pk, u.get_full_name() or u.username) for u in choices["technicians"]]
        self.fields["default_assignee"].choices = [("", _("None: left for dispatch")), *people]
        if plan is not None:
            del self.fields["estate"]

    def plan_input(self, lines) -> PlanInput:
        data = self.cleaned_data
        return PlanInput(
            title=data["title"], trade=data["trade"], common_area_id=data["common_area"],
            first_due=data["first_due"], interval=data["interval"], unit=data["unit"], lead_days=data["lead_days"],
            priority=data["priority"], description=data["description"],
            default_assignee_id=data["default_assignee"], active=data["active"], checklist=tuple(lines),
        )  # fmt: skip


def plan_initial(plan) -> dict:
    fields = ["title", "trade", "priority", "interval", "unit", "first_due", "lead_days", "description", "active"]
    initial = {name: getattr(plan, name) for name in fields}
    initial["trade"] = plan.trade.key
    return {**initial, "common_area": plan.common_area_id, "default_assignee": plan.default_assignee_id}


class ChecklistLineForm(forms.Form):
    text = forms.CharField(label=_("Check"), max_length=200, required=False)
    requires_value = forms.BooleanField(label=_("Needs a reading"), required=False)


ChecklistFormSet = forms.formset_factory(
    ChecklistLineForm, extra=3, can_delete=True, max_num=MAX_CHECKLIST, validate_max=True
)


def checklist_lines(formset) -> list[ChecklistLine]:
    """The formset's lines in their order, without deleted or empty ones."""
    rows = [form.cleaned_data for form in formset.forms if form.cleaned_data]
    return [ChecklistLine(row["text"], row["requires_value"]) for row in rows if row["text"] and not row["DELETE"]]


class TickForm(forms.Form):
    """One checklist line ticked (or unticked) on the order page."""

    item = forms.IntegerField(widget=forms.HiddenInput)
    done = forms.BooleanField(label=_("Done"), required=False)
    value = forms.CharField(label=_("Reading"), max_length=100, required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
