"""API shapes for work orders. Residents and staff get different output serializers (staff see internal
events and the assignee); inputs are plain Serializers, so no protected column can be written."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.phones import mask_phone

from ..models import Channel, Incident, Priority, WorkOrder, WorkOrderEvent


class WorkOrderEventSerializer(serializers.ModelSerializer):
    # `action` and `to_status` are codes for programs; the labels are for people, in the request's language
    action_label = serializers.CharField(read_only=True)
    to_status_label = serializers.CharField(read_only=True)

    class Meta:
        model = WorkOrderEvent
        fields = ["id", "at", "action", "action_label", "from_status", "to_status", "to_status_label", "note"]
        read_only_fields = fields


class StaffWorkOrderEventSerializer(WorkOrderEventSerializer):
    actor = serializers.CharField(source="actor.username", read_only=True, default=None, allow_null=True)

    class Meta(WorkOrderEventSerializer.Meta):
        fields = [*WorkOrderEventSerializer.Meta.fields, "actor", "visibility"]
        read_only_fields = fields


class PhotoSerializer(serializers.Serializer):
    """A photo's links: they answer only to someone who may see the order."""

    id = serializers.IntegerField()
    kind = serializers.CharField()
    url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()

    def get_url(self, photo) -> str:
        return f"/repairs/photos/{photo.pk}/"

    def get_thumbnail_url(self, photo) -> str:
        return f"/repairs/photos/{photo.pk}/?size=thumb"


class QuoteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    labour = serializers.DecimalField(max_digits=9, decimal_places=2)
    materials = serializers.DecimalField(max_digits=9, decimal_places=2)
    total = serializers.DecimalField(max_digits=10, decimal_places=2)
    note = serializers.CharField()
    status = serializers.CharField()
    sent_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)
    paid_at = serializers.DateTimeField(allow_null=True)


class JoinedIncidentSerializer(serializers.Serializer):
    """The outage a report joined (status "joined"): what residents are told, and whether it is over."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=Incident.Kind.choices)
    status = serializers.ChoiceField(choices=Incident.STATUSES)
    expected_end = serializers.DateTimeField(allow_null=True)
    ended_at = serializers.DateTimeField(allow_null=True)
    resolution_note = serializers.CharField()


class WorkOrderChecklistItemSerializer(serializers.Serializer):
    """One line of a planned order's checklist, as ticked."""

    id = serializers.IntegerField()
    position = serializers.IntegerField()
    text = serializers.CharField()
    requires_value = serializers.BooleanField(help_text="A reading must be entered when the line is ticked.")
    done = serializers.BooleanField()
    value = serializers.CharField()
    note = serializers.CharField()
    done_by = serializers.CharField(source="done_by.username", default=None, allow_null=True)
    done_at = serializers.DateTimeField(allow_null=True)


class _PlaceMixin(serializers.Serializer):
    estate = serializers.CharField(source="estate.slug", read_only=True)
    unit = serializers.SerializerMethodField()
    common_area = serializers.CharField(source="common_area.name", read_only=True, default=None, allow_null=True)
    trade = serializers.CharField(source="trade.key", read_only=True)
    incident = JoinedIncidentSerializer(read_only=True, allow_null=True)

    def get_unit(self, order) -> str | None:
        return f"{order.unit.building.name}-{order.unit.number}" if order.unit_id else None


RESIDENT_FIELDS = [
    "id", "estate", "unit", "common_area", "trade", "priority", "description", "location_detail",
    "permission_to_enter", "preferred_windows", "status", "version", "scheduled_for", "response_due", "arrival_due",
    "resolution_due", "on_hold_since", "hold_reason", "accepted_at", "arrived_at", "completed_at", "confirmed_at",
    "rating", "auto_confirmed", "reopen_count", "incident", "created_at",
]  # fmt: skip


class ResidentWorkOrderSerializer(_PlaceMixin, serializers.ModelSerializer):
    """A request as its household sees it: promised times, status, rating; no staff-only data."""

    class Meta:
        model = WorkOrder
        fields = RESIDENT_FIELDS
        read_only_fields = fields


class ResidentWorkOrderDetailSerializer(ResidentWorkOrderSerializer):
    timeline = WorkOrderEventSerializer(many=True, read_only=True)
    actions = serializers.ListField(child=serializers.CharField(), read_only=True)
    photos = PhotoSerializer(many=True, read_only=True)
    quotes = QuoteSerializer(many=True, read_only=True)

    class Meta(ResidentWorkOrderSerializer.Meta):
        fields = [*RESIDENT_FIELDS, "timeline", "actions", "photos", "quotes"]
        read_only_fields = fields


class StaffWorkOrderSerializer(_PlaceMixin, serializers.ModelSerializer):
    assignee = serializers.CharField(source="assignee.username", read_only=True, default=None, allow_null=True)
    reporter_name = serializers.CharField(source="reporter.full_name", read_only=True, default=None, allow_null=True)
    reporter_phone = serializers.SerializerMethodField()
    master = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    # the contact an Open311 caller gave (no resident matched): masked; reveal-contact-phone/ shows it, audited
    contact_phone = serializers.SerializerMethodField()
    # an address or "" (none given): the model's EmailField would promise an address in every response
    contact_email = serializers.CharField(read_only=True)

    class Meta:
        model = WorkOrder
        fields = [*RESIDENT_FIELDS, "channel", "assignee", "reporter_name", "reporter_phone", "master",
                  "escalation_level", "contact_name", "contact_phone", "contact_email"]  # fmt: skip
        read_only_fields = fields

    def get_reporter_phone(self, order) -> str:
        return mask_phone(order.reporter.user.phone) if order.reporter_id else ""

    def get_contact_phone(self, order) -> str:
        return mask_phone(order.contact_phone)


class RevealedContactPhoneSerializer(serializers.Serializer):
    phone = serializers.CharField(help_text="The full number, in E.164 form.")


class StaffWorkOrderDetailSerializer(StaffWorkOrderSerializer):
    timeline = StaffWorkOrderEventSerializer(many=True, read_only=True)
    actions = serializers.ListField(child=serializers.CharField(), read_only=True)
    photos = PhotoSerializer(many=True, read_only=True)
    quotes = QuoteSerializer(many=True, read_only=True)
    # planned maintenance: the lines to tick before completing (empty for other orders)
    checklist = WorkOrderChecklistItemSerializer(source="checklist_rows", many=True, read_only=True)

    class Meta(StaffWorkOrderSerializer.Meta):
        fields = [*StaffWorkOrderSerializer.Meta.fields, "timeline", "actions", "photos", "quotes", "checklist"]
        read_only_fields = fields


class ReportInputSerializer(serializers.Serializer):
    trade = serializers.SlugField(max_length=32)
    priority = serializers.ChoiceField(choices=Priority.choices, default=Priority.ROUTINE)
    description = serializers.CharField(max_length=2000)
    unit_id = serializers.IntegerField(required=False, allow_null=True, default=None)
    common_area_id = serializers.IntegerField(required=False, allow_null=True, default=None)
    location_detail = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    permission_to_enter = serializers.BooleanField(required=False, default=False)
    preferred_windows = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class StaffReportInputSerializer(ReportInputSerializer):
    # planned-maintenance orders are generated from plans, never taken
    channel = serializers.ChoiceField(choices=[c for c in Channel.choices if c[0] != Channel.PLANNED],
                                      default=Channel.PHONE)  # fmt: skip
    reporter_id = serializers.IntegerField(required=False, allow_null=True, default=None)


class _VersionedInput(serializers.Serializer):
    expected_version = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="The version you saw; a stale one answers 409."
    )


class EmptyActionInputSerializer(_VersionedInput):
    pass


class NoteActionInputSerializer(_VersionedInput):
    note = serializers.CharField(max_length=2000)


class OptionalNoteActionInputSerializer(_VersionedInput):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class AssignInputSerializer(OptionalNoteActionInputSerializer):
    technician_id = serializers.IntegerField()


class BulkPickSerializer(serializers.Serializer):
    id = serializers.IntegerField(min_value=1)
    version = serializers.IntegerField(
        min_value=1,
        required=False,
        allow_null=True,
        help_text=_("The version you saw; a changed order refuses the batch."),
    )


class BulkAssignInputSerializer(serializers.Serializer):
    orders = BulkPickSerializer(many=True, allow_empty=False)
    technician_id = serializers.IntegerField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")


class ScheduleInputSerializer(_VersionedInput):
    scheduled_for = serializers.DateTimeField()


class MergeInputSerializer(_VersionedInput):
    master_id = serializers.IntegerField()


class ConfirmInputSerializer(_VersionedInput):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class DispatchSuggestionSerializer(serializers.Serializer):
    """A technician who could take the order, with the factors that ranked them."""

    user_id = serializers.IntegerField()
    name = serializers.CharField()
    on_duty = serializers.BooleanField()
    open_orders = serializers.IntegerField()
    rating = serializers.FloatField(help_text="Mean of residents' ratings of their jobs; 3.0 when none yet.")
    rated_jobs = serializers.IntegerField()
    service_score = serializers.FloatField(
        allow_null=True,
        help_text="Service score (服务分值, 1–5) from the surveys after repairs, shrunk toward the estate mean; "
        "null when there are not enough surveys (fewer than 5), which ranks as a neutral 3.0.",
    )
    service_surveys = serializers.IntegerField(help_text="Surveys after repairs counted in the service score.")


class PhotoInputSerializer(serializers.Serializer):
    photo = serializers.FileField(help_text="JPEG, PNG, WebP or HEIC, at most 10 MB; re-encoded, EXIF removed.")


class StaffPhotoInputSerializer(PhotoInputSerializer):
    kind = serializers.ChoiceField(choices=[("report", "report"), ("after", "after")], default="after")


class QuoteInputSerializer(serializers.Serializer):
    labour = serializers.DecimalField(max_digits=9, decimal_places=2, min_value=0)
    materials = serializers.DecimalField(max_digits=9, decimal_places=2, min_value=0)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class RepairReportQuerySerializer(serializers.Serializer):
    estate = serializers.SlugField(max_length=32)
    month = serializers.RegexField(
        r"^\d{4}-(0[1-9]|1[0-2])$", error_messages={"invalid": _("Give the month as YYYY-MM.")}
    )


class _SpreadSerializer(serializers.Serializer):
    median = serializers.FloatField(allow_null=True)
    p90 = serializers.FloatField(allow_null=True)


class RepairReportSerializer(serializers.Serializer):
    estate = serializers.CharField()
    month = serializers.CharField()
    volume = serializers.IntegerField()
    by_trade = serializers.DictField(child=serializers.IntegerField())
    by_priority = serializers.DictField(child=serializers.IntegerField())
    response_minutes = _SpreadSerializer()
    resolution_minutes = _SpreadSerializer()
    completed = serializers.IntegerField()
    on_time_rate = serializers.FloatField(allow_null=True, help_text="Percent completed by the resolution deadline.")
    first_time_fix_rate = serializers.FloatField(allow_null=True)
    reopen_rate = serializers.FloatField(allow_null=True)
    backlog = serializers.DictField(child=serializers.IntegerField())
