"""HTML forms: parse and show errors next to fields; the rules are in services."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from core.models import Channel

from .models import UnitClaim


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Phone, email or username"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )


class SignupForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=100)
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(label=_("Email"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters. A long phrase is easy to remember."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, initial="zh-hans")
    accept_privacy_notice = forms.BooleanField(label=_("I have read and accept the privacy notice"), required=False)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ClaimForm(forms.Form):
    estate = forms.SlugField(label=_("Estate code"), max_length=32)
    building = forms.CharField(label=_("Building"), max_length=50)
    number = forms.CharField(label=_("Unit number"), max_length=20)
    relation = forms.ChoiceField(label=_("I am the unit's"), choices=UnitClaim.Relation.choices)
    note = forms.CharField(
        label=_("Note for the property office"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PreferencesForm(forms.Form):
    channels = forms.MultipleChoiceField(
        label=_("Reach me by"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    marketing = forms.BooleanField(
        label=_("Also send me news and offers from the property company (optional)"),
        required=False,
        help_text=_(
            "You can withdraw this at any time. Messages about your repairs, notices and votes do not depend on it."
        ),
    )


class RejectClaimForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason given to the resident"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
