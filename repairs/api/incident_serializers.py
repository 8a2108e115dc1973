"""API shapes for incidents (outages). Residents see what they are told; staff also see the scope's rules,
the work order for the fix and how many reports joined. Inputs are plain Serializers."""

from rest_framework import serializers

from ..models import Incident, Priority


class IncidentPlaceSerializer(serializers.Serializer):
    """A building or common area in an outage's scope."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


RESIDENT_INCIDENT_FIELDS = [
    "id", "estate", "title", "description", "kind", "priority", "buildings", "common_areas", "started_at",
    "expected_end", "ended_at", "status",
]  # fmt: skip


class ResidentIncidentSerializer(serializers.ModelSerializer):
    """An outage as the households it affects see it."""

    estate = serializers.CharField(source="estate.slug", read_only=True)
    buildings = IncidentPlaceSerializer(many=True, read_only=True)
    common_areas = IncidentPlaceSerializer(many=True, read_only=True)
    status = serializers.ChoiceField(choices=Incident.STATUSES, read_only=True, help_text="From ended_at.")

    class Meta:
        model = Incident
        fields = RESIDENT_INCIDENT_FIELDS
        read_only_fields = fields


class StaffIncidentSerializer(ResidentIncidentSerializer):
    trade = serializers.CharField(source="trade.key", read_only=True, default=None,
                                  help_text="Reports of this trade join it; null: any trade.")  # fmt: skip
    master_order = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True,
                                                      help_text="The work order for the fix.")  # fmt: skip
    joined_orders = serializers.IntegerField(source="joined_count", read_only=True,
                                             help_text="How many reports joined it.")  # fmt: skip

    class Meta(ResidentIncidentSerializer.Meta):
        fields = [*RESIDENT_INCIDENT_FIELDS, "trade", "resolution_note", "master_order", "joined_orders",
                  "created_at"]  # fmt: skip
        read_only_fields = fields


class IncidentDetailsInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=120)
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="",
                                        help_text="What residents are told.")  # fmt: skip
    kind = serializers.ChoiceField(choices=Incident.Kind.choices, default=Incident.Kind.OTHER)
    priority = serializers.ChoiceField(choices=Priority.choices, default=Priority.URGENT)
    expected_end = serializers.DateTimeField(required=False, allow_null=True, default=None)
    master_order_id = serializers.IntegerField(required=False, allow_null=True, default=None,
                                               help_text="The work order for the fix (same estate).")  # fmt: skip


class IncidentDeclareInputSerializer(IncidentDetailsInputSerializer):
    estate = serializers.SlugField(max_length=32, help_text="Slug of an estate where you dispatch repairs.")
    building_ids = serializers.ListField(child=serializers.IntegerField(), required=False, default=list,
                                         max_length=1000)  # fmt: skip
    common_area_ids = serializers.ListField(child=serializers.IntegerField(), required=False, default=list,
                                            max_length=1000)  # fmt: skip
    trade = serializers.SlugField(max_length=32, required=False, allow_blank=True, default="",
                                  help_text="Trade key of the reports that join it; empty: any trade.")  # fmt: skip
    started_at = serializers.DateTimeField(required=False, allow_null=True, default=None,
                                           help_text="Empty: now. A later time announces it ahead.")  # fmt: skip


class IncidentUpdateInputSerializer(serializers.Serializer):
    """Only the fields sent change (the scope and trade are fixed once declared)."""

    title = serializers.CharField(max_length=120, required=False)
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=Incident.Kind.choices, required=False)
    priority = serializers.ChoiceField(choices=Priority.choices, required=False)
    expected_end = serializers.DateTimeField(required=False, allow_null=True)
    master_order_id = serializers.IntegerField(required=False, allow_null=True)


class IncidentEndInputSerializer(serializers.Serializer):
    resolution_note = serializers.CharField(max_length=2000, help_text="What was done; residents read it.")
