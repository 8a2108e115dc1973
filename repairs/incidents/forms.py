"""HTML forms for incidents; they parse input into the services' dataclasses, the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from residents.models import Trade

from ..models import Incident, Priority
from .services import IncidentDetails, IncidentScope

WHEN = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class IncidentDetailsForm(forms.Form):
    """What residents are told; also the edit form of an open outage."""

    title = forms.CharField(label=_("Title"), max_length=120, help_text=_("For example: Water off in building 3."))
    description = forms.CharField(
        label=_("What residents are told"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Incident.Kind.choices, initial=Incident.Kind.WATER)
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices, initial=Priority.URGENT)
    expected_end = forms.DateTimeField(label=_("Expected back by"), required=False, widget=WHEN)
    master_order_id = forms.IntegerField(
        label=_("Work order for the fix"), required=False, min_value=1, help_text=_("Its number, if there is one.")
    )

    def details(self) -> IncidentDetails:
        data = self.cleaned_data
        return IncidentDetails(title=data["title"], description=data["description"], kind=data["kind"],
                               priority=data["priority"], expected_end=data["expected_end"],
                               master_order_id=data["master_order_id"])  # fmt: skip


class IncidentDeclareForm(IncidentDetailsForm):
    """Declaring an outage in one estate: the buildings and common areas offered are that estate's."""

    field_order = ["title", "description", "kind", "priority", "building_ids", "common_area_ids", "trade",
                   "started_at", "expected_end", "master_order_id"]  # fmt: skip

    building_ids = forms.TypedMultipleChoiceField(
        label=_("Buildings"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    common_area_ids = forms.TypedMultipleChoiceField(
        label=_("Common areas"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("An area of the whole estate (no building) reaches every household of the estate."),
    )
    trade = forms.ChoiceField(
        label=_("Reports that join it"),
        required=False,
        help_text=_("New reports of this kind on these places join the outage."),
    )
    started_at = forms.DateTimeField(
        label=_("Started at"), required=False, widget=WHEN, help_text=_("Empty: now. A later time announces it ahead.")
    )

    def __init__(self, *args, estate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building_ids"].choices = [(b.pk, b.name) for b in estate.buildings.order_by("name")]
        areas = estate.common_areas.select_related("building").order_by("building__name", "name")
        self.fields["common_area_ids"].choices = [
            (a.pk, f"{a.building.name} · {a.name}" if a.building_id else a.name) for a in areas
        ]
        self.fields["trade"].choices = [
            ("", _("Any kind")),
            *((t.key, t.name_zh) for t in Trade.objects.order_by("key")),
        ]

    def scope(self, estate_slug: str) -> IncidentScope:
        data = self.cleaned_data
        return IncidentScope(estate=estate_slug, building_ids=tuple(data["building_ids"]),
                             common_area_ids=tuple(data["common_area_ids"]), trade=data["trade"],
                             started_at=data["started_at"])  # fmt: skip


class IncidentEndForm(forms.Form):
    resolution_note = forms.CharField(
        label=_("What was done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Residents read this when they are told the outage is over."),
    )  # fmt: skip
