"""HTML forms for complaints; they parse input, the services decide."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from feedback.dimensions import TEN

from .models import Addressee, Kind
from .services import Submission
from .workflow import STATUS_CHOICES


def dimension_choices():
    """Each dimension by its name and definition in the current language (the tags residents pick)."""
    language = get_language() or "zh-hans"
    return [(d.key, f"{d.name(language)} — {d.definition(language)}") for d in TEN]


class ComplaintForm(forms.Form):
    kind = forms.ChoiceField(label=_("What is it"), choices=Kind.choices, initial=Kind.COMPLAINT,
                             widget=forms.RadioSelect)  # fmt: skip
    estate = forms.ChoiceField(label=_("Estate"))
    unit_id = forms.TypedChoiceField(label=_("Home (optional)"), coerce=int, required=False, empty_value=None)
    addressee = forms.ChoiceField(
        label=_("Send it to"), choices=Addressee.choices, initial=Addressee.COMPANY, widget=forms.RadioSelect,
        help_text=_("A complaint about the property company itself may go to the owners' committee instead; the "
                    "company sees it only if the committee forwards it."),
    )  # fmt: skip
    title = forms.CharField(label=_("Title"), max_length=120)
    body = forms.CharField(label=_("What happened"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    dimensions = forms.MultipleChoiceField(
        label=_("Which aspects of the service"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Pick at least one for a complaint."),
    )  # fmt: skip
    work_order_id = forms.TypedChoiceField(label=_("About my repair request (optional)"), coerce=int, required=False,
                                           empty_value=None)  # fmt: skip
    staff_member_id = forms.TypedChoiceField(label=_("About a staff member (optional)"), coerce=int, required=False,
                                             empty_value=None)  # fmt: skip
    anonymous_to_staff = forms.BooleanField(
        label=_("Hide my name from the staff and the committee"), required=False,
        help_text=_("We still record who filed it, to stop abuse and duplicates; no handler will see it."),
    )  # fmt: skip

    def __init__(self, *args, homes=(), orders=(), staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        estates = {u.estate.slug: u.estate.name for u in homes}
        self.fields["estate"].choices = list(estates.items())
        self.fields["unit_id"].choices = [("", "—")] + [
            (u.pk, f"{u.estate.name} {u.building.name} {u.number}") for u in homes
        ]
        self.fields["dimensions"].choices = dimension_choices()
        self.fields["work_order_id"].choices = [("", "—")] + [(o.pk, f"#{o.pk} {o.description[:30]}") for o in orders]
        self.fields["staff_member_id"].choices = [("", "—")] + [(u.pk, u.get_full_name() or u.username) for u in staff]

    def submission(self) -> Submission:
        data = self.cleaned_data
        return Submission(**{**data, "dimensions": tuple(data["dimensions"])})


class NoteForm(forms.Form):
    """The text a step carries (an answer, a reason, a reply); required or not, the service decides."""

    note = forms.CharField(label=_("Text"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Open")), ("all", _("All")), *STATUS_CHOICES])  # fmt: skip
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any")), *Kind.choices])
    dimension = forms.ChoiceField(label=_("Aspect"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or "zh-hans"
        self.fields["dimension"].choices = [("", _("Any"))] + [(d.key, d.name(language)) for d in TEN]
