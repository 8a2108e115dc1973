"""GeoReport v2 shapes. Inputs are plain Serializers (only these fields are read); outputs document what
repairs.open311.present builds, for the OpenAPI schema."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ...models import Priority
from ..present import CLOSED, OPEN
from ..selectors import DEFAULT_SPAN, RequestQuery


class Open311JurisdictionSerializer(serializers.Serializer):
    jurisdiction_id = serializers.CharField(
        required=False, allow_blank=True, help_text="Optional; if given, the slug of the key's estate."
    )


class Open311RequestInputSerializer(Open311JurisdictionSerializer):
    """POST requests: spec fields Linli reads, plus the documented extension `linli_priority`."""

    api_key = serializers.CharField(required=False, help_text="The key from `manage.py create_open311_key` "
                                    "(here, as the spec has it, or in the query string).")  # fmt: skip
    service_code = serializers.CharField(max_length=32)
    description = serializers.CharField(max_length=2000)
    address_id = serializers.CharField(max_length=200, required=False, allow_blank=True, default="",
                                       help_text="A unit or common-area code from the estate registry.")  # fmt: skip
    address_string = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    lat = serializers.FloatField(required=False, allow_null=True, help_text="Accepted and not used.")
    long = serializers.FloatField(required=False, allow_null=True, help_text="Accepted and not used.")
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True, default="")  # the column's size
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    first_name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    last_name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    device_id = serializers.CharField(max_length=200, required=False, allow_blank=True, help_text="Not kept.")
    account_id = serializers.CharField(max_length=200, required=False, allow_blank=True, help_text="Not kept.")
    media_url = serializers.CharField(max_length=500, required=False, allow_blank=True, help_text="Not kept.")
    linli_priority = serializers.ChoiceField(choices=Priority.choices, required=False, default=Priority.ROUTINE)


def _comma_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


class Open311RequestQuerySerializer(Open311JurisdictionSerializer):
    """GET requests filters. `service_request_id` overrides all others; the window spans at most 90 days."""

    service_request_id = serializers.CharField(required=False, help_text="Comma-separated ids.")
    service_code = serializers.CharField(required=False, help_text="Comma-separated service codes.")
    start_date = serializers.DateTimeField(required=False, help_text="ISO 8601, e.g. 2026-03-01T00:00:00+08:00.")
    end_date = serializers.DateTimeField(required=False)
    status = serializers.CharField(required=False, help_text="open, closed, or both comma-separated.")

    def validate_service_request_id(self, value):
        ids = _comma_list(value)
        if not all(part.isascii() and part.isdigit() for part in ids):  # "²".isdigit() is True; int("²") fails
            raise serializers.ValidationError(_("Give service request ids as numbers separated by commas."))
        return tuple(int(part) for part in ids)

    def validate_status(self, value):
        statuses = _comma_list(value)
        if not set(statuses) <= {OPEN, CLOSED}:
            raise serializers.ValidationError(_("Status is “open”, “closed” or both."))
        return tuple(statuses)

    def validate(self, attrs):
        start: datetime | None = attrs.get("start_date")
        end: datetime | None = attrs.get("end_date")
        if start and end and end < start:
            raise serializers.ValidationError({"end_date": [_("end_date is before start_date.")]})
        if start and end and end - start > DEFAULT_SPAN:
            raise serializers.ValidationError({"end_date": [_("The dates may not span more than 90 days.")]})
        return attrs

    def query(self) -> RequestQuery:
        data = self.validated_data
        return RequestQuery(
            ids=data.get("service_request_id", ()), service_codes=tuple(_comma_list(data.get("service_code", ""))),
            start=data.get("start_date"), end=data.get("end_date"), statuses=data.get("status", ()),
        )  # fmt: skip


class Open311ServiceSerializer(serializers.Serializer):
    service_code = serializers.CharField()
    service_name = serializers.CharField()
    description = serializers.CharField()
    metadata = serializers.BooleanField()
    type = serializers.CharField()
    keywords = serializers.CharField()
    group = serializers.CharField()


class Open311ServiceDefinitionSerializer(serializers.Serializer):
    service_code = serializers.CharField()
    attributes = serializers.ListField(child=serializers.DictField(), help_text="Always empty: metadata is false.")


class Open311RequestSerializer(serializers.Serializer):
    """One service request: the spec's fields, then Linli's extensions (see docs/open311.md)."""

    service_request_id = serializers.CharField()
    status = serializers.CharField(help_text="open or closed.")
    status_notes = serializers.CharField()
    service_name = serializers.CharField()
    service_code = serializers.CharField()
    description = serializers.CharField()
    agency_responsible = serializers.CharField()
    service_notice = serializers.CharField()
    requested_datetime = serializers.CharField()
    updated_datetime = serializers.CharField()
    expected_datetime = serializers.CharField(allow_null=True)
    address = serializers.CharField()
    address_id = serializers.CharField()
    zipcode = serializers.CharField(allow_null=True)
    lat = serializers.FloatField(allow_null=True)
    long = serializers.FloatField(allow_null=True)
    media_url = serializers.CharField(allow_null=True)
    linli_status = serializers.CharField(help_text="Linli's own status (submitted … closed).")
    linli_priority = serializers.ChoiceField(choices=Priority.choices)
    linli_response_due = serializers.CharField(allow_null=True, help_text="Promised acceptance time.")
    linli_arrival_due = serializers.CharField(allow_null=True, help_text="Promised arrival time.")
    linli_resolution_due = serializers.CharField(allow_null=True, help_text="Promised completion time.")
    linli_rating = serializers.IntegerField(allow_null=True, help_text="The resident's rating, 1–5.")


class Open311RequestCreatedSerializer(serializers.Serializer):
    service_request_id = serializers.CharField()
    service_notice = serializers.CharField()
    account_id = serializers.CharField(allow_null=True)


class Open311ErrorSerializer(serializers.Serializer):
    code = serializers.IntegerField(help_text="The HTTP status.")
    description = serializers.CharField()
