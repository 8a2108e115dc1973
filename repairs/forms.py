"""HTML forms for repairs; they parse input, the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from residents.models import Trade

from .models import Priority
from .plain_html import PlainCheckboxInput, PlainLabelsForm, PlainSelect, PlainTextInput
from .workflow import STATUS_CHOICES


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several files from one input (a phone's camera or gallery); each is checked by repairs.images."""

    def __init__(self, *args, **kwargs):
        attrs = {"accept": "image/jpeg,image/png,image/webp,image/heic,image/heif"}
        kwargs.setdefault("widget", MultipleFileInput(attrs=attrs))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ReportForm(forms.Form):
    place = forms.ChoiceField(label=_("Where"))
    trade = forms.ChoiceField(label=_("Kind of repair"))
    priority = forms.ChoiceField(
        label=_("How urgent"),
        choices=Priority.choices,
        initial=Priority.ROUTINE,
        help_text=_("Emergency: a leak, a power cut, someone stuck in a lift, a gas smell."),
    )
    description = forms.CharField(label=_("What is wrong"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
    location_detail = forms.CharField(
        label=_("Where exactly"),
        max_length=200,
        required=False,
        help_text=_("For example: kitchen sink, 3rd-floor landing."),
    )
    permission_to_enter = forms.BooleanField(label=_("Staff may enter when I am out"), required=False)
    preferred_windows = forms.CharField(label=_("Times that suit me"), max_length=200, required=False)
    photos = MultiplePhotoField(
        label=_("Photos (up to 6)"),
        required=False,
        help_text=_("JPEG, PNG, WebP or HEIC, 10 MB each. Location data is removed."),
    )

    def __init__(self, *args, units=(), areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [(f"unit:{u.pk}", f"{u.building.name} {u.number}") for u in units] + [
            (f"area:{a.pk}", str(a)) for a in areas
        ]
        self.fields["trade"].choices = [(t.key, t.name_zh) for t in Trade.objects.order_by("key")]

    def place_ids(self) -> dict:
        kind, _sep, pk = self.cleaned_data["place"].partition(":")
        return {"unit_id": int(pk)} if kind == "unit" else {"common_area_id": int(pk)}


class ActionForm(forms.Form):
    """Every field any action may need; the view passes only what the chosen action uses."""

    note = forms.CharField(label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    rating = forms.TypedChoiceField(
        label=_("Rating"), coerce=int, required=False, choices=[(n, "★" * n) for n in range(5, 0, -1)]
    )
    technician_id = forms.TypedChoiceField(label=_("Technician"), coerce=int, required=False, choices=[])
    scheduled_for = forms.DateTimeField(
        label=_("Visit time"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    master_id = forms.IntegerField(label=_("Duplicate of order number"), required=False)
    labour = forms.DecimalField(label=_("Labour (¥)"), max_digits=9, decimal_places=2, min_value=0, required=False)
    materials = forms.DecimalField(label=_("Materials (¥)"), max_digits=9, decimal_places=2, min_value=0,
                                   required=False)  # fmt: skip
    expected_version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class QueueFilterForm(PlainLabelsForm):
    # drawn in Python (repairs/plain_html.py): the queue page is loaded all day, and rendering a template per
    # field and per option was a sixth of its time
    q = forms.CharField(label=_("Search"), required=False, widget=PlainTextInput)
    estate = forms.ChoiceField(label=_("Estate"), required=False, widget=PlainSelect)
    building = forms.CharField(label=_("Building"), required=False, max_length=50, widget=PlainTextInput)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Open")), *STATUS_CHOICES],
                               widget=PlainSelect)  # fmt: skip
    priority = forms.ChoiceField(label=_("Priority"), required=False, choices=[("", "—"), *Priority.choices],
                                 widget=PlainSelect)  # fmt: skip
    trade = forms.ChoiceField(label=_("Trade"), required=False, widget=PlainSelect)
    assignee = forms.ChoiceField(label=_("Assignee"), required=False, widget=PlainSelect)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False, widget=PlainCheckboxInput)

    def __init__(self, *args, estates=(), technicians=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].choices = [("", "—"), *((e.slug, e.name) for e in estates)]
        self.fields["trade"].choices = [("", "—"), *((t.key, t.name_zh) for t in Trade.objects.order_by("key"))]
        self.fields["assignee"].choices = [
            ("", "—"),
            ("none", _("Unassigned")),
            *((str(t.pk), t.get_full_name() or t.username) for t in technicians),
        ]


def _number(text: str) -> bool:
    return text.isascii() and text.isdigit()  # "²".isdigit() is True, but int("²") fails


class BulkAssignForm(PlainLabelsForm):
    """Several orders of the queue (each as "id:version", the version the dispatcher saw) to one technician."""

    orders = forms.MultipleChoiceField(label=_("Orders"), required=True,
                                       error_messages={"required": _("Choose at least one order.")})  # fmt: skip
    technician_id = forms.TypedChoiceField(label=_("Technician"), coerce=int, widget=PlainSelect)
    note = forms.CharField(label=_("Note"), required=False, max_length=500, widget=PlainTextInput)

    def __init__(self, *args, technicians=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["technician_id"].choices = [(t.pk, t.get_full_name() or t.username) for t in technicians]
        # the choices are whatever ids were posted: the service checks each one against the user's scope
        self.fields["orders"].choices = [(v, v) for v in self.data.getlist("orders")] if self.data else []

    def clean_orders(self):
        picks = []
        for value in self.cleaned_data["orders"]:
            order_id, _sep, version = value.partition(":")
            if not _number(order_id) or (version and not _number(version)):
                raise forms.ValidationError(_("Not an order: %(value)s.") % {"value": value[:20]})
            picks.append((int(order_id), int(version) if version else None))
        return picks


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Photo"), widget=forms.ClearableFileInput(
        attrs={"accept": "image/jpeg,image/png,image/webp,image/heic,image/heif"}))  # fmt: skip


class MonthlyReportForm(forms.Form):
    """Which estate and month (the estates offered are those the user may see reports of)."""

    estate = forms.ChoiceField(label=_("Estate"))
    month = forms.RegexField(label=_("Month"), regex=r"^\d{4}-(0[1-9]|1[0-2])$",
                             widget=forms.TextInput(attrs={"type": "month"}),
                             error_messages={"invalid": _("Give the month as YYYY-MM.")})  # fmt: skip

    def __init__(self, *args, estates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].choices = [(e.slug, e.name) for e in estates]

    def year_month(self) -> tuple[int, int]:
        year, month = self.cleaned_data["month"].split("-")
        return int(year), int(month)
