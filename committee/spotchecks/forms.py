from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Method, Verdict


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(label=_("What did you find?"), choices=Verdict.choices, widget=forms.RadioSelect)
    method = forms.ChoiceField(label=_("How was it checked?"), choices=Method.choices, widget=forms.RadioSelect)
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required for “not fixed”: the work order is reopened with these notes."),
    )  # fmt: skip
