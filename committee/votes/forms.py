"""Forms for owners' votes: the committee's draft, an owner's ballot, staff's paper ballot."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Ballot, ChoiceField, Matter

PAPER_CHANNELS = [(c.value, c.label) for c in (Ballot.Channel.PAPER, Ballot.Channel.PROXY)]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MotionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    matter = forms.TypedChoiceField(
        label=_("Matter (Civil Code art. 278)"),
        choices=Matter.choices,
        coerce=int,
        help_text=_("Items 6-8 need three quarters of the area and headcount taking part; the others more than half."),
    )
    agenda = forms.CharField(label=_("Agenda and proposal"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8}))
    opens_at = forms.DateTimeField(label=_("Voting opens"), widget=DateTimeInput())
    closes_at = forms.DateTimeField(label=_("Voting closes"), widget=DateTimeInput())


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Why the vote is cancelled"), max_length=500)


class BallotForm(forms.Form):
    choice = forms.ChoiceField(label=_("My vote"), choices=ChoiceField.choices, widget=forms.RadioSelect)
    password = forms.CharField(
        label=_("My password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Enter your password again to confirm it is you casting the vote."),
    )


class PaperBallotForm(forms.Form):
    voter = forms.ChoiceField(label=_("Voter on the roll"))
    choice = forms.ChoiceField(label=_("Choice on the ballot"), choices=ChoiceField.choices)
    channel = forms.ChoiceField(label=_("Kind of ballot"), choices=PAPER_CHANNELS)
    proxy_name = forms.CharField(label=_("Proxy's name"), max_length=100, required=False)
    scan = forms.FileField(label=_("Scan of the signed ballot"), help_text=_("PDF or photo, 10 MB at most."))
    note = forms.CharField(label=_("Why a ballot already entered is corrected"), max_length=500, required=False)

    def __init__(self, *args, voters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voter"].choices = voters
