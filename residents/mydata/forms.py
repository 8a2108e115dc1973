"""Forms of the data-subject rights pages; the rules are in services."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DeletionRequestForm(forms.Form):
    password = forms.CharField(
        label=_("Your password, to confirm it is you"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("Reason given to the resident"), max_length=500, widget=forms.Textarea)
