"""API shapes for complaints. Residents and handlers (staff, committee) get different output serializers: the
handlers' never carry an anonymous submitter's name, unit or user id. Inputs are plain Serializers."""

from rest_framework import serializers

from feedback.dimensions import TEN_KEYS

from .. import present
from ..models import Addressee, Complaint, ComplaintEvent, Kind
from ..workflow import STATUS_CHOICES

DIMENSIONS_HELP = "Keys of the ten SERVQUAL dimensions: " + ", ".join(TEN_KEYS)


class ComplaintEventSerializer(serializers.ModelSerializer):
    """A public step as the resident sees it: the role that acted, never a name."""

    class Meta:
        model = ComplaintEvent
        fields = ["id", "at", "by", "action", "from_status", "to_status", "note"]
        read_only_fields = fields


class HandlerComplaintEventSerializer(serializers.ModelSerializer):
    """A step as handlers see it: staff and committee members are named, the resident never is."""

    actor = serializers.SerializerMethodField()

    class Meta:
        model = ComplaintEvent
        fields = ["id", "at", "by", "actor", "action", "from_status", "to_status", "note", "visibility"]
        read_only_fields = fields

    def get_actor(self, event) -> str | None:
        return None if event.by == "resident" or event.actor is None else event.actor.username


class _Common(serializers.ModelSerializer):
    estate = serializers.CharField(source="estate.slug", read_only=True)
    dimensions = serializers.SerializerMethodField()
    staff_member = serializers.CharField(source="staff_member.username", read_only=True, default=None, allow_null=True)

    def get_dimensions(self, complaint) -> list[str]:
        return present.dimension_keys(complaint)


COMMON_FIELDS = [
    "id", "kind", "estate", "addressee", "route", "title", "body", "dimensions", "work_order", "staff_member",
    "anonymous_to_staff", "status", "version", "received_at", "acknowledge_due", "answer_due", "manager_answer_due",
    "acknowledged_at", "answered_at", "manager_answered_at", "closed_at", "created_at",
]  # fmt: skip


class ResidentComplaintSerializer(_Common):
    """An item as its submitter sees it."""

    unit = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = [*COMMON_FIELDS, "unit"]
        read_only_fields = fields

    def get_unit(self, complaint) -> str | None:
        return f"{complaint.unit.building.name} {complaint.unit.number}" if complaint.unit_id else None


class ResidentComplaintDetailSerializer(ResidentComplaintSerializer):
    timeline = ComplaintEventSerializer(many=True, read_only=True)
    actions = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta(ResidentComplaintSerializer.Meta):
        fields = [*ResidentComplaintSerializer.Meta.fields, "timeline", "actions"]
        read_only_fields = fields


class HandlerComplaintSerializer(_Common):
    """An item as staff or the committee see it: who filed it and their home only when not anonymous."""

    submitter = serializers.SerializerMethodField()
    unit = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = [*COMMON_FIELDS, "submitter", "unit", "acknowledge_breached_at", "answer_breached_at",
                  "manager_breached_at", "forwarded_at"]  # fmt: skip
        read_only_fields = fields

    def get_submitter(self, complaint) -> str:
        return present.submitter_name(complaint)

    def get_unit(self, complaint) -> str | None:
        return present.unit_label(complaint)


class HandlerComplaintDetailSerializer(HandlerComplaintSerializer):
    timeline = HandlerComplaintEventSerializer(many=True, read_only=True)
    actions = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta(HandlerComplaintSerializer.Meta):
        fields = [*HandlerComplaintSerializer.Meta.fields, "timeline", "actions"]
        read_only_fields = fields


class ComplaintInputSerializer(serializers.Serializer):
    """What a resident files; the service checks estate, unit, links, dimensions and duplicates."""

    kind = serializers.ChoiceField(choices=Kind.choices)
    estate = serializers.CharField(required=False, default="", allow_blank=True, help_text="Estate slug")
    unit_id = serializers.IntegerField(required=False, allow_null=True, default=None)
    addressee = serializers.ChoiceField(choices=Addressee.choices, default=Addressee.COMPANY)
    title = serializers.CharField(max_length=120, allow_blank=True, trim_whitespace=False)
    body = serializers.CharField(max_length=4000, allow_blank=True, trim_whitespace=False)
    dimensions = serializers.ListField(child=serializers.CharField(max_length=40), required=False, default=list,
                                       max_length=10, help_text=DIMENSIONS_HELP)  # fmt: skip
    work_order_id = serializers.IntegerField(required=False, allow_null=True, default=None)
    staff_member_id = serializers.IntegerField(required=False, allow_null=True, default=None)
    anonymous_to_staff = serializers.BooleanField(required=False, default=False)


class ComplaintNoteInputSerializer(serializers.Serializer):
    """A step that needs text: an answer, a reply, a reason, a conclusion."""

    note = serializers.CharField(max_length=4000)
    expected_version = serializers.IntegerField(required=False, allow_null=True, default=None)


class ComplaintOptionalNoteInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    expected_version = serializers.IntegerField(required=False, allow_null=True, default=None)


class ComplaintQueueQuerySerializer(serializers.Serializer):
    """Filters of the handlers' lists; without `status` only open items are listed ("all": every one)."""

    status = serializers.ChoiceField(choices=[("all", "all"), *STATUS_CHOICES], required=False, default="")
    kind = serializers.ChoiceField(choices=Kind.choices, required=False, default="")
    dimension = serializers.ChoiceField(choices=[(k, k) for k in TEN_KEYS], required=False, default="")
    estate = serializers.CharField(required=False, default="", help_text="Estate slug")
    overdue = serializers.BooleanField(required=False, default=False)
