"""Forms of the disclosure pages: parse and label only; the rules are in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kind
from .services import DisclosureInput

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DisclosureForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    period_start = forms.DateField(label=_("Period from"), widget=DATE)
    period_end = forms.DateField(label=_("Period to"), widget=DATE)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Fee standards must show the 12358 price hotline (明码标价)."),
    )

    def input(self) -> DisclosureInput:
        return DisclosureInput(**self.cleaned_data)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("PDF, JPEG, PNG or XLSX, at most 20 MB."))


class QuestionForm(forms.Form):
    body = forms.CharField(
        label=_("Your question"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Other residents see your question and the answer, but not who asked."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Public answer"), widget=forms.Textarea(attrs={"rows": 4}))


class KindFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds")), *Kind.choices], required=False)
