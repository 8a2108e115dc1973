"""HTML forms for planning a meeting and recording it (attendance, votes, minutes); they parse, the services
decide."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Choice
from .services import MAX_MINUTES, AgendaLine, DecisionRecord, HoldRecord, MeetingInput

LINES = forms.Textarea(attrs={"rows": 4})


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    scheduled_at = forms.DateTimeField(label=_("Date and time"),
                                       widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))  # fmt: skip
    place = forms.CharField(label=_("Place"), max_length=120, required=False)
    decide = forms.CharField(label=_("Matters to decide"), widget=LINES, required=False,
                             help_text=_("One per line."))  # fmt: skip
    inform = forms.CharField(label=_("Matters for information only"), widget=LINES, required=False,
                             help_text=_("One per line; nobody votes on them."))  # fmt: skip

    def meeting_input(self) -> MeetingInput:
        data = self.cleaned_data
        agenda = [AgendaLine(t, True) for t in data["decide"].splitlines() if t.strip()]
        agenda += [AgendaLine(t, False) for t in data["inform"].splitlines() if t.strip()]
        return MeetingInput(title=data["title"], scheduled_at=data["scheduled_at"], place=data["place"],
                            agenda=tuple(agenda))  # fmt: skip


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 12}), max_length=MAX_MINUTES,
                              required=False)  # fmt: skip


VOTE_CHOICES = [("", "—"), *Choice.choices]


class HoldForm(forms.Form):
    """Who of the voting members was present, each matter's resolution and each present member's vote, the
    minutes. Fields per seat and per matter are added for the meeting at hand."""

    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    minutes = MinutesForm.base_fields["minutes"]

    def __init__(self, *args, seats, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.seats, self.items = seats, items
        self.fields["held_on"].initial = timezone.localdate()
        for seat in seats:
            self.fields[f"present_{seat.pk}"] = forms.BooleanField(label=seat.person.full_name, required=False)
        for item in items:
            self.fields[f"resolution_{item.pk}"] = forms.CharField(label=_("Resolution"), required=False,
                                                                   max_length=2000)  # fmt: skip
            for seat in seats if item.needs_decision else ():
                self.fields[f"vote_{item.pk}_{seat.pk}"] = forms.ChoiceField(
                    label=seat.person.full_name, choices=VOTE_CHOICES, required=False)  # fmt: skip

    def present_fields(self):
        return [self[f"present_{seat.pk}"] for seat in self.seats]

    def matters(self):
        """(item, resolution field, vote fields) for the template."""
        return [(item, self[f"resolution_{item.pk}"],
                 [self[f"vote_{item.pk}_{s.pk}"] for s in self.seats] if item.needs_decision else [])
                for item in self.items]  # fmt: skip

    def hold_record(self) -> HoldRecord:
        data = self.cleaned_data
        present = tuple(seat.pk for seat in self.seats if data[f"present_{seat.pk}"])
        decisions = []
        for item in self.items:
            votes = {s.pk: data[f"vote_{item.pk}_{s.pk}"] for s in self.seats
                     if item.needs_decision and data[f"vote_{item.pk}_{s.pk}"]}  # fmt: skip
            resolution = data[f"resolution_{item.pk}"]
            if votes or resolution.strip():
                decisions.append(DecisionRecord(item.pk, resolution, votes))
        return HoldRecord(held_on=data["held_on"], present=present, decisions=tuple(decisions),
                          minutes=data["minutes"])  # fmt: skip
