"""HTML forms for campaigns and questionnaires; they parse, the services decide."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.instruments.services import MAX_ITEMS, InstrumentSpec, ItemText
from feedback.models import Instrument
from feedback.models.instruments import DIMENSION_CHOICES

from .models import MAX_MARGIN, MIN_MARGIN, Campaign
from .services import CampaignInput

_WHEN = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _instrument_label(instrument: Instrument, with_estate: bool) -> str:
    owner = instrument.estate.name if instrument.estate_id else _("shared")
    return (
        f"{instrument.name_zh} v{instrument.version} ({owner})"
        if with_estate
        else f"{instrument.name_zh} v{instrument.version}"
    )


class CampaignForm(forms.Form):
    """A draft campaign. The estate is chosen when creating; editing keeps the campaign's estate."""

    estate = forms.TypedChoiceField(label=_("Estate"), coerce=int)
    name = forms.CharField(label=_("Name"), max_length=120, help_text=_("For example: 2030 年度满意度调查."))
    instrument = forms.TypedChoiceField(label=_("Questionnaire"), coerce=int)
    opens_at = forms.DateTimeField(label=_("Opens at"), widget=_WHEN)
    closes_at = forms.DateTimeField(label=_("Closes at"), widget=_WHEN,
                                    help_text=_("Unanswered invitations expire then."))  # fmt: skip
    mode = forms.ChoiceField(label=_("Who is asked"), choices=Campaign.Mode.choices, initial=Campaign.Mode.SAMPLE)
    margin = forms.DecimalField(
        label=_("Margin of error (± %)"), min_value=MIN_MARGIN, max_value=MAX_MARGIN, decimal_places=1,
        initial=Decimal("5"), help_text=_("For a sample: ±5% at 95% confidence asks about 385 households of a large "
                                          "estate, fewer of a small one (Cochran's formula)."),
    )  # fmt: skip
    confidence = forms.TypedChoiceField(label=_("Confidence"), coerce=int, choices=Campaign.Confidence.choices,
                                        initial=95)  # fmt: skip

    def __init__(self, *args, estates, instruments, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].choices = [(e.pk, e.name) for e in estates]
        several = campaign is None and len(estates) > 1
        self.fields["instrument"].choices = [(i.pk, _instrument_label(i, several)) for i in instruments]
        if campaign is not None:
            del self.fields["estate"]

    def campaign_input(self) -> CampaignInput:
        data = self.cleaned_data
        return CampaignInput(name=data["name"], instrument_id=data["instrument"], opens_at=data["opens_at"],
                             closes_at=data["closes_at"], mode=data["mode"], margin=data["margin"],
                             confidence=data["confidence"])  # fmt: skip


def campaign_initial(campaign: Campaign) -> dict:
    fields = ("name", "opens_at", "closes_at", "mode", "margin", "confidence")
    return {**{name: getattr(campaign, name) for name in fields}, "instrument": campaign.instrument_id}


class InstrumentForm(forms.Form):
    """A new questionnaire of one estate (version 1, a draft)."""

    estate = forms.TypedChoiceField(label=_("Estate"), coerce=int)
    key = forms.SlugField(label=_("Key"), max_length=50, help_text=_("Letters, digits and hyphens; stays the same "
                                                                      "across versions."))  # fmt: skip
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=120)
    name_en = forms.CharField(label=_("Name (English)"), max_length=120)
    purpose = forms.ChoiceField(label=_("Used for"), choices=Instrument.Purpose.choices,
                                initial=Instrument.Purpose.CAMPAIGN)  # fmt: skip
    format = forms.ChoiceField(label=_("Format"), choices=Instrument.Format.choices,
                               initial=Instrument.Format.TWO_COLUMN)  # fmt: skip
    asks_weights = forms.BooleanField(label=_("Ask for importance points (100 over the dimensions)"), required=False)
    asks_csat = forms.BooleanField(label=_("Ask for overall satisfaction (1–5)"), required=False, initial=True)
    asks_nps = forms.BooleanField(label=_("Ask how likely they are to recommend us (0–10)"), required=False)

    def __init__(self, *args, estates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].choices = [(e.pk, e.name) for e in estates]

    def spec(self) -> InstrumentSpec:
        data = {k: v for k, v in self.cleaned_data.items() if k != "estate"}
        return InstrumentSpec(**data)


class ItemForm(forms.Form):
    dimension = forms.ChoiceField(label=_("Dimension"), choices=[("", "—"), *DIMENSION_CHOICES], required=False)
    text_zh = forms.CharField(label=_("Statement (Chinese)"), max_length=200, required=False)
    text_en = forms.CharField(label=_("Statement (English)"), max_length=200, required=False)


ItemFormSet = forms.formset_factory(ItemForm, extra=4, can_delete=True, max_num=MAX_ITEMS, validate_max=True)


def item_rows(formset) -> tuple[list[ItemText], list]:
    """The statements kept (not deleted, not blank), in order, and the form each came from."""
    kept, forms_of = [], []
    for form in formset.forms:
        row = form.cleaned_data
        if not row or row.get("DELETE") or not (row["dimension"] or row["text_zh"] or row["text_en"]):
            continue
        kept.append(ItemText(row["dimension"], row["text_zh"], row["text_en"]))
        forms_of.append(form)
    return kept, forms_of


def add_item_errors(formset, forms_of, exc) -> list[str]:
    """Put 'items.<n>.<field>' errors next to the statement's field; return the others."""
    others = []
    for key, errors in exc.message_dict.items():
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == "items" and parts[1].isdigit() and 0 < int(parts[1]) <= len(forms_of):
            forms_of[int(parts[1]) - 1].add_error(parts[2], errors)
        else:
            others.extend(errors)
    return others
