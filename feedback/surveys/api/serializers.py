"""API shapes for a resident's surveys. Statements, names and definitions come in the caller's language;
inputs are plain Serializers whose answers are checked by the service, so errors name the same fields
(answers.<item>.<column>, weights.<dimension>, weights, csat, nps, comment) as the survey page shows."""

from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from feedback import dimensions
from feedback.replies.api import ReplySerializer
from feedback.replies.selectors import reply_for_survey

from ..presenting import asked_dimensions, columns
from ..selectors import survey_is_open


class SurveyItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    dimension = serializers.CharField()
    dimension_name = serializers.SerializerMethodField()
    text = serializers.SerializerMethodField()

    def get_dimension_name(self, item) -> str:
        return dimensions.BY_KEY[item.dimension].name(get_language())

    def get_text(self, item) -> str:
        return item.text(get_language())


class SurveyDimensionSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    definition = serializers.CharField()


class SurveyInstrumentSerializer(serializers.Serializer):
    """The questionnaire: which ratings each statement takes (1–7), and the optional questions."""

    id = serializers.IntegerField()
    version = serializers.IntegerField()
    name = serializers.SerializerMethodField()
    format = serializers.CharField()
    columns = serializers.SerializerMethodField()
    asks_weights = serializers.BooleanField()
    asks_csat = serializers.BooleanField()
    asks_nps = serializers.BooleanField()
    items = serializers.SerializerMethodField()
    dimensions = serializers.SerializerMethodField()

    def get_name(self, instrument) -> str:
        return instrument.name(get_language())

    def get_columns(self, instrument) -> list[str]:
        return list(columns(instrument))

    @extend_schema_field(SurveyItemSerializer(many=True))
    def get_items(self, instrument):
        return SurveyItemSerializer(instrument.items.all(), many=True).data

    @extend_schema_field(SurveyDimensionSerializer(many=True))
    def get_dimensions(self, instrument):
        return SurveyDimensionSerializer(asked_dimensions(instrument.items.all()), many=True).data


class MySurveySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    status = serializers.CharField()
    is_open = serializers.SerializerMethodField()
    name = serializers.SerializerMethodField()
    work_order = serializers.IntegerField(source="work_order_id", allow_null=True)
    invited_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    answered_at = serializers.DateTimeField(allow_null=True)

    def get_is_open(self, survey) -> bool:
        return survey_is_open(survey)

    def get_name(self, survey) -> str:
        return survey.instrument.name(get_language())


class MySurveyDraftSerializer(serializers.Serializer):
    data = serializers.JSONField()
    saved_at = serializers.DateTimeField()


class MySurveyDetailSerializer(MySurveySerializer):
    instrument = SurveyInstrumentSerializer()
    draft = MySurveyDraftSerializer(source="current_draft", allow_null=True)
    reply = serializers.SerializerMethodField()

    @extend_schema_field(ReplySerializer(allow_null=True))
    def get_reply(self, survey):
        """The staff reply to my answers, by role only; null until there is one."""
        reply = reply_for_survey(survey_id=survey.pk) if survey.status == survey.Status.ANSWERED else None
        return ReplySerializer(reply).data if reply is not None else None


class SurveyAnswersInputSerializer(serializers.Serializer):
    """A response (POST …/response/) or a draft of one (PUT …/draft/, any part may be missing).
    `answers`: {item id: {column: 1–7}}; `weights`: {dimension key: points}, adding up to 100."""

    answers = serializers.DictField(child=serializers.DictField(child=serializers.JSONField()), default=dict)
    weights = serializers.DictField(child=serializers.JSONField(), required=False, allow_null=True)
    csat = serializers.JSONField(required=False, allow_null=True)
    nps = serializers.JSONField(required=False, allow_null=True)
    comment = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False)


class SurveyResponseReceiptSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    survey = serializers.IntegerField(source="survey_id")
    submitted_at = serializers.DateTimeField()
