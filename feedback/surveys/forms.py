"""The survey page's form: one radio group per statement and column, the 100 points, CSAT, NPS and a comment.

Every field is optional here, so a half-answered page can be kept as a draft; completeness and ranges are the
service's rules (survey_submit), whose errors come back keyed answers.<item>.<column>, weights.<dim>, … and
are placed next to the matching field by `add_service_errors`.
"""

import calendar
from datetime import datetime, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback.models.instruments import CSAT_MAX, NPS_MAX, SCALE_MAX

from .presenting import (
    CSAT_LABELS,
    EXPECTATION_STEM,
    NPS_ENDS,
    PERCEPTION_STEM,
    SCALE_ENDS,
    asked_dimensions,
    column_question,
    columns,
)


def answer_field(item_id, column: str) -> str:
    return f"a{item_id}_{column}"


def _scale(low: int, high: int, labels: dict, label) -> forms.TypedChoiceField:
    choices = [(n, labels.get(n, str(n))) for n in range(low, high + 1)]
    return forms.TypedChoiceField(label=label, choices=choices, coerce=int, empty_value=None, required=False,
                                  widget=forms.RadioSelect)  # fmt: skip


class SurveyForm(forms.Form):
    def __init__(self, *args, instrument, items, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument, self.items, self.columns = instrument, list(items), columns(instrument)
        self.language = language
        self.group_errors = {}  # "item:<id>" or "weights" → messages about the group, not one field
        for item in self.items:
            for column in self.columns:
                self.fields[answer_field(item.pk, column)] = _scale(1, SCALE_MAX, SCALE_ENDS, item.text(language))
        self.dimensions = asked_dimensions(self.items, language) if instrument.asks_weights else []
        for dimension in self.dimensions:
            self.fields[f"w_{dimension.key}"] = forms.IntegerField(
                label=dimension.name, help_text=dimension.definition, min_value=0, max_value=100, required=False,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "points"}),
            )  # fmt: skip
        if instrument.asks_csat:
            self.fields["csat"] = _scale(1, CSAT_MAX, CSAT_LABELS, _("Overall, how satisfied are you?"))
        if instrument.asks_nps:
            label = _("How likely are you to recommend our property service to a friend or neighbour?")
            self.fields["nps"] = _scale(0, NPS_MAX, NPS_ENDS, label)
        self.fields["comment"] = forms.CharField(label=_("Anything else you would like to tell us?"), required=False,
                                                 max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip

    # --- reading and prefilling ---------------------------------------------------------------------------

    def payload(self) -> dict:
        """What was answered, in the service's shape (fields with errors are left out)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        answers = {}
        for item in self.items:
            given = {c: data.get(answer_field(item.pk, c)) for c in self.columns}
            given = {c: v for c, v in given.items() if v is not None}
            if given:
                answers[str(item.pk)] = given
        payload = {"answers": answers, "comment": data.get("comment") or ""}
        if self.dimensions:
            weights = {d.key: data.get(f"w_{d.key}") for d in self.dimensions}
            payload["weights"] = {key: points for key, points in weights.items() if points is not None}
        for name in ("csat", "nps"):
            if name in self.fields:
                payload[name] = data.get(name)
        return payload

    @staticmethod
    def initial_from(data: dict | None) -> dict:
        """Field values from a saved draft (the payload shape), so the page opens where the resident left it."""
        data = data if isinstance(data, dict) else {}
        initial = {"comment": data.get("comment", ""), "csat": data.get("csat"), "nps": data.get("nps")}
        for item_id, given in (data.get("answers") or {}).items():
            for column, value in (given if isinstance(given, dict) else {}).items():
                initial[answer_field(item_id, column)] = value
        for key, points in (data.get("weights") or {}).items():
            initial[f"w_{key}"] = points
        return initial

    # --- errors from the service ----------------------------------------------------------------------

    def _field_for(self, key: str) -> str | None:
        parts = key.split(".")
        if parts[0] == "answers" and len(parts) == 3:
            return answer_field(parts[1], parts[2])
        if parts[0] == "weights" and len(parts) == 2:
            return f"w_{parts[1]}"
        return key

    def add_service_errors(self, error: ValidationError) -> None:
        """Place each of the service's errors next to its field, or on its statement or points box."""
        for key, messages in error.message_dict.items():
            field = self._field_for(key)
            if field in self.fields:
                if field not in self.errors:  # the field's own (parsing) error already says it
                    self.add_error(field, messages)
            elif key == "weights" or key.startswith("answers."):
                group = "weights" if key == "weights" else f"item:{key.split('.')[1]}"
                self.group_errors.setdefault(group, []).extend(messages)
            else:
                self.add_error(None, messages)

    # --- layout --------------------------------------------------------------------------------------

    def sections(self) -> list[dict]:
        """The statements as the resident answers them: two-column instruments ask the whole expectation
        battery, then the perception battery (PZB 1988); three-column ones ask all three ratings per statement."""
        if self.instrument.asks_expected:
            return [self._section(EXPECTATION_STEM, ("expected",)), self._section(PERCEPTION_STEM, ("perceived",))]
        if self.instrument.asks_zone:
            return [self._section(None, self.columns, per_column=True)]
        return [self._section(PERCEPTION_STEM, ("perceived",))]

    def _section(self, stem, section_columns, per_column=False) -> dict:
        rows = []
        for item in self.items:
            fields = [
                (column_question(self.instrument, c) if per_column else None, self[answer_field(item.pk, c)])
                for c in section_columns
            ]
            errors = self.group_errors.get(f"item:{item.pk}", [])
            rows.append({"item": item, "text": item.text(self.language), "fields": fields, "errors": errors})
        return {"stem": stem, "rows": rows}

    def extra_questions(self) -> list:
        """CSAT and NPS, where the instrument asks them."""
        return [self[name] for name in ("csat", "nps") if name in self.fields]

    def weight_fields(self) -> list:
        return [self[f"w_{d.key}"] for d in self.dimensions]


class SurveyFiguresForm(forms.Form):
    """Which month the staff page reports on."""

    month = forms.RegexField(label=_("Month"), regex=r"^\d{4}-(0[1-9]|1[0-2])$",
                             widget=forms.TextInput(attrs={"type": "month"}),
                             error_messages={"invalid": _("Give the month as YYYY-MM.")})  # fmt: skip

    def period(self) -> tuple[datetime, datetime]:
        """[first moment of the month, first moment of the next) in local time."""
        year, month = map(int, self.cleaned_data["month"].split("-"))
        start = datetime(year, month, 1)
        end = start + timedelta(days=calendar.monthrange(year, month)[1])
        return timezone.make_aware(start), timezone.make_aware(end)
