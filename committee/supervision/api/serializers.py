"""API shapes of supervision items. Linked complaints and repair orders appear by number only; residents get
neither who raised nor who answered an item."""

from rest_framework import serializers

from ..models import Subject, SupervisionEvent, SupervisionItem


class SupervisionEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = SupervisionEvent
        fields = ["id", "at", "by", "action", "from_status", "to_status", "note"]
        read_only_fields = fields


class SupervisionItemSerializer(serializers.ModelSerializer):
    """An item as the committee and the company see it; `overdue` is open past its deadline."""

    estate = serializers.CharField(source="estate.slug", read_only=True)
    overdue = serializers.BooleanField(read_only=True)
    escalated = serializers.SerializerMethodField()

    class Meta:
        model = SupervisionItem
        fields = [
            "id", "estate", "about", "complaint", "work_order", "subject", "details", "status", "answer_due",
            "answer", "answered_at", "closed_at", "published_at", "overdue", "escalated", "created_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_escalated(self, item) -> bool:
        return item.escalated_due is not None and item.escalated_due == item.answer_due


class SupervisionItemDetailSerializer(SupervisionItemSerializer):
    timeline = SupervisionEventSerializer(many=True, read_only=True)
    actions = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta(SupervisionItemSerializer.Meta):
        fields = [*SupervisionItemSerializer.Meta.fields, "timeline", "actions"]
        read_only_fields = fields


class PublishedSupervisionSerializer(serializers.ModelSerializer):
    """A published item as residents see it: the matter and the company's answer."""

    class Meta:
        model = SupervisionItem
        fields = ["id", "about", "complaint", "work_order", "subject", "details", "status", "answer", "answered_at",
                  "published_at"]  # fmt: skip
        read_only_fields = fields


class SupervisionRaiseInputSerializer(serializers.Serializer):
    subject = serializers.CharField(max_length=120)
    details = serializers.CharField(max_length=4000)
    about = serializers.ChoiceField(choices=Subject.choices, default=Subject.PATTERN)
    complaint_id = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)
    work_order_id = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)
    answer_due = serializers.DateField(
        required=False, allow_null=True, default=None,
        help_text="Local date; default: the estate's supervision answer days.",
    )  # fmt: skip


class SupervisionAnswerInputSerializer(serializers.Serializer):
    answer = serializers.CharField(max_length=4000)


class SupervisionCloseInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class SupervisionReopenInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=4000)
    answer_due = serializers.DateField(required=False, allow_null=True, default=None)


class SupervisionPublishInputSerializer(serializers.Serializer):
    pass
