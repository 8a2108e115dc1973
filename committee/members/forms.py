"""HTML forms for the committee's rules, its term and its seats; they parse, the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import CommitteeRules
from .estate_rules import EDITABLE
from .models import MemberRole
from .services import SeatInput, TermInput

DATE = forms.DateInput(attrs={"type": "date"})


class RulesForm(forms.Form):
    """The editable rules with the model's labels and validators; how they fit together is the service's
    check (a ModelForm would answer a broken database constraint with a generic message first)."""

    def __init__(self, *args, rules: CommitteeRules, **kwargs):
        super().__init__(*args, initial=forms.model_to_dict(rules, fields=EDITABLE), **kwargs)
        self.fields.update(forms.fields_for_model(CommitteeRules, fields=EDITABLE))


class TermForm(forms.Form):
    elected_on = forms.DateField(label=_("Elected on"), widget=DATE)
    filed_on = forms.DateField(label=_("Filed with the authorities on (备案)"), widget=DATE, required=False)
    term_start = forms.DateField(label=_("Term starts"), widget=DATE)
    term_end = forms.DateField(label=_("Term ends"), widget=DATE)

    def term_input(self) -> TermInput:
        return TermInput(**self.cleaned_data)


class SeatForm(forms.Form):
    building = forms.CharField(label=_("Building"), max_length=50)
    unit = forms.CharField(label=_("Unit number"), max_length=20)
    full_name = forms.CharField(label=_("Full name as registered"), max_length=100)
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.MEMBER)
    start = forms.DateField(label=_("From"), widget=DATE, required=False, help_text=_("Empty: the term's start."))
    end = forms.DateField(label=_("To"), widget=DATE, required=False, help_text=_("Empty: the term's end."))

    def seat_input(self) -> SeatInput:
        return SeatInput(**self.cleaned_data)


def show_errors(form, exc) -> None:
    """Each service error next to its field; the others above the form."""
    for name, errors in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)
