"""Forms of the supervision pages: raising an item, and the text of a step."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Subject
from .services import Draft


class RaiseForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=120)
    details = forms.CharField(label=_("Details"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    about = forms.ChoiceField(label=_("About"), choices=Subject.choices, initial=Subject.PATTERN)
    complaint_id = forms.IntegerField(label=_("Complaint number"), required=False, min_value=1)
    work_order_id = forms.IntegerField(label=_("Repair order number"), required=False, min_value=1)
    answer_due = forms.DateField(
        label=_("Answer by"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for the estate's usual answer time."),
    )  # fmt: skip

    def draft(self) -> Draft:
        return Draft(**self.cleaned_data)


class StepForm(forms.Form):
    note = forms.CharField(label=_("Text"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    answer_due = forms.DateField(
        label=_("New deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
