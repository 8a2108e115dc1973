from django import forms
from django.utils.translation import gettext_lazy as _

from .models import BODY_MAX


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Public reply"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The resident sees it with their answers; it shows your role, not your name. It cannot be changed."
        ),
    )
