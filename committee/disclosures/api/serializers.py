"""API shapes for disclosures. Inputs are plain Serializers; a question never carries who asked, only whether
an owner or a resident did (and `mine` for the asker)."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Disclosure, DisclosureAttachment, DisclosureQuestion, Kind


class DisclosureAttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = DisclosureAttachment
        fields = ["id", "name", "kind", "size", "url"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_url(self, attachment):
        return reverse("disclosure-attachment", kwargs={"pk": attachment.pk})


class DisclosureQuestionSerializer(serializers.ModelSerializer):
    asked_by = serializers.SerializerMethodField()
    mine = serializers.SerializerMethodField()

    class Meta:
        model = DisclosureQuestion
        fields = ["id", "asked_by", "mine", "body", "asked_at", "answer", "answered_at"]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=["owner", "resident"]))
    def get_asked_by(self, question):
        return "owner" if question.asker_is_owner else "resident"

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_mine(self, question):
        request = self.context.get("request")
        return bool(request and question.asker_id is not None and question.asker_id == request.user.pk)


class DisclosureSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    superseded_by = serializers.SerializerMethodField()

    class Meta:
        model = Disclosure
        fields = ["id", "kind", "kind_label", "title", "period_start", "period_end", "status", "published_at",
                  "supersedes", "superseded_by"]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.INT)
    def get_superseded_by(self, entry):
        found = getattr(entry, "superseded_by", None)
        return found.pk if found is not None else None


class DisclosureDetailSerializer(DisclosureSerializer):
    attachments = DisclosureAttachmentSerializer(many=True, read_only=True)
    questions = DisclosureQuestionSerializer(many=True, read_only=True)

    class Meta(DisclosureSerializer.Meta):
        fields = [*DisclosureSerializer.Meta.fields, "body", "attachments", "questions"]
        read_only_fields = fields


class DisclosureInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices)
    title = serializers.CharField(max_length=200)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    body = serializers.CharField()


class DisclosureCreateSerializer(DisclosureInputSerializer):
    supersedes = serializers.IntegerField(required=False, help_text="A published entry this corrects.")


class DisclosureAttachmentInputSerializer(serializers.Serializer):
    file = serializers.FileField()


class DisclosureQuestionInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=2000)


class DisclosureAnswerInputSerializer(serializers.Serializer):
    answer = serializers.CharField()


class DisclosureKindQuerySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices, required=False)


class DisclosureDueSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    interval_months = serializers.IntegerField(source="interval")
    latest_end = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField()
    due_on = serializers.DateField(allow_null=True)
    next_due = serializers.DateField()
