"""Shapes of the campaign and instrument API; plain Serializers for input, read-only ones for output."""

from rest_framework import serializers

from feedback import scoring
from feedback.models import Instrument, Item

from ..models import MAX_MARGIN, MIN_MARGIN, Campaign

# --- campaigns ------------------------------------------------------------------------------------------------


class CampaignInputSerializer(serializers.Serializer):
    """A draft campaign's full contents: PUT replaces them all."""

    name = serializers.CharField(max_length=120)
    instrument_id = serializers.IntegerField(help_text="A published estate-wide questionnaire usable by the estate.")
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField(help_text="Unanswered invitations expire then.")
    mode = serializers.ChoiceField(choices=Campaign.Mode.choices, default=Campaign.Mode.SAMPLE)
    margin = serializers.DecimalField(max_digits=4, decimal_places=1, min_value=MIN_MARGIN, max_value=MAX_MARGIN,
                                      default=5, help_text="Margin of error in percent (±).")  # fmt: skip
    confidence = serializers.ChoiceField(choices=Campaign.Confidence.choices, default=95)


class CampaignCreateInputSerializer(CampaignInputSerializer):
    estate = serializers.SlugField(max_length=32, help_text="Slug of an estate where you run surveys.")


class CampaignSerializer(serializers.ModelSerializer):
    estate = serializers.CharField(source="estate.slug")
    instrument_name = serializers.CharField(source="instrument.name_zh")
    created_by = serializers.CharField(source="created_by.username")
    invited = serializers.IntegerField(help_text="Invitations sent so far.")
    answered = serializers.IntegerField(help_text="Complete responses so far.")

    class Meta:
        model = Campaign
        fields = ["id", "estate", "name", "instrument_id", "instrument_name", "opens_at", "closes_at", "mode",
                  "margin", "confidence", "status", "population", "sample_size", "seed", "launched_at", "closed_at",
                  "invited", "answered", "created_by", "created_at", "updated_at"]  # fmt: skip
        read_only_fields = fields


class _Figure(serializers.Serializer):
    satisfaction = serializers.FloatField(allow_null=True, help_text="满意率 in percent; null when withheld.")
    satisfaction_n = serializers.IntegerField(help_text="Valid overall-satisfaction answers.")
    satisfaction_withheld = serializers.CharField(allow_null=True, help_text="Why no figure is shown, if so.")


class BuildingResponseRateSerializer(_Figure):
    building_id = serializers.IntegerField(allow_null=True, help_text="Null on the campaign's overall row.")
    building = serializers.CharField()
    households = serializers.IntegerField(help_text="Households frozen at launch.")
    drawn = serializers.IntegerField(help_text="Households in the sample (all of them in a census).")
    invited = serializers.IntegerField()
    answered = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True, help_text="Answered ÷ invited × 100; null before invitations.")


class CampaignResponseRatesSerializer(serializers.Serializer):
    campaign_id = serializers.IntegerField()
    status = serializers.CharField()
    buildings = BuildingResponseRateSerializer(many=True)
    overall = BuildingResponseRateSerializer()
    asks_satisfaction = serializers.BooleanField(help_text="False: the questionnaire has no 1–5 satisfaction item.")
    level_1_target = serializers.FloatField(help_text="满意率 the level-1 standard asks for, in percent.")
    meets_level_1 = serializers.BooleanField(allow_null=True, help_text="Null when there is no figure to judge.")


def rate_data(rate) -> dict:
    figure = rate.satisfaction
    shown = figure if figure else None
    withheld = figure.reason if isinstance(figure, scoring.Suppressed) else None
    return {"building_id": rate.building_id, "building": rate.name, "households": rate.households,
            "drawn": rate.drawn, "invited": rate.invited, "answered": rate.answered, "rate": rate.rate,
            "satisfaction": shown.percent if shown else None, "satisfaction_n": figure.n if figure is not None else 0,
            "satisfaction_withheld": withheld}  # fmt: skip


def rates_data(campaign, rates) -> dict:
    return {"campaign_id": campaign.pk, "status": campaign.status,
            "buildings": [rate_data(r) for r in rates.buildings], "overall": rate_data(rates.overall),
            "asks_satisfaction": rates.asks_satisfaction, "level_1_target": scoring.LEVEL_1_SATISFACTION,
            "meets_level_1": rates.meets_level_1}  # fmt: skip


# --- instruments ----------------------------------------------------------------------------------------------


class InstrumentCreateInputSerializer(serializers.Serializer):
    estate = serializers.SlugField(max_length=32, help_text="Slug of an estate where you run surveys.")
    key = serializers.SlugField(max_length=50, help_text="Stays the same across versions.")
    name_zh = serializers.CharField(max_length=120)
    name_en = serializers.CharField(max_length=120)
    purpose = serializers.ChoiceField(choices=Instrument.Purpose.choices)
    format = serializers.ChoiceField(choices=Instrument.Format.choices, default=Instrument.Format.TWO_COLUMN)
    asks_weights = serializers.BooleanField(default=False)
    asks_csat = serializers.BooleanField(default=False)
    asks_nps = serializers.BooleanField(default=False)


class InstrumentItemInputSerializer(serializers.Serializer):
    dimension = serializers.CharField(max_length=16, help_text="One of the ten dimension keys.")
    text_zh = serializers.CharField(max_length=200)
    text_en = serializers.CharField(max_length=200)


class InstrumentItemsInputSerializer(serializers.Serializer):
    items = InstrumentItemInputSerializer(many=True, help_text="All statements, in order; replaces the draft's.")


class InstrumentItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = Item
        fields = ["id", "position", "dimension", "text_zh", "text_en"]
        read_only_fields = fields


class InstrumentSerializer(serializers.ModelSerializer):
    estate = serializers.CharField(source="estate.slug", allow_null=True, default=None,
                                   help_text="Null: shared by every estate.")  # fmt: skip

    class Meta:
        model = Instrument
        fields = ["id", "key", "version", "estate", "name_zh", "name_en", "purpose", "format", "asks_weights",
                  "asks_csat", "asks_nps", "status", "published_at", "created_at", "updated_at"]  # fmt: skip
        read_only_fields = fields


class InstrumentDetailSerializer(InstrumentSerializer):
    items = InstrumentItemSerializer(many=True)
    publish_problems = serializers.ListField(
        child=serializers.CharField(), help_text="Why a draft cannot be published yet (empty when it can)."
    )

    class Meta(InstrumentSerializer.Meta):
        fields = [*InstrumentSerializer.Meta.fields, "items", "publish_problems"]
        read_only_fields = fields
