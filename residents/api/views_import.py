"""POST /api/v1/staff/imports/: check (dry run) or import a registry file; the rules are in residents.importer."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from ..importer import read_upload, registry_import
from ..permissions import HasCapability


class RegistryImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=_("A .csv (UTF-8 or GBK) or .xlsx file; the first row names the columns."))
    dry_run = serializers.BooleanField(default=False, help_text=_("Only check the file; change nothing."))


class RegistryImportErrorSerializer(serializers.Serializer):
    line = serializers.IntegerField(help_text=_("Line in the file; the header is line 1."))
    field = serializers.CharField(help_text=_("Column name, or empty for the whole row."))
    message = serializers.CharField()


class RegistryImportCountsSerializer(serializers.Serializer):
    estates = serializers.IntegerField()
    buildings = serializers.IntegerField()
    units = serializers.IntegerField()
    unchanged_units = serializers.IntegerField()
    people = serializers.IntegerField()
    ownerships = serializers.IntegerField()


class RegistryImportReportSerializer(serializers.Serializer):
    ok = serializers.BooleanField(help_text=_("No bad rows."))
    dry_run = serializers.BooleanField()
    imported = serializers.BooleanField(help_text=_("The rows were written."))
    rows = serializers.IntegerField(help_text=_("Data rows read (blank lines skipped)."))
    rows_ok = serializers.IntegerField()
    counts = RegistryImportCountsSerializer(help_text=_("Created, or in a dry run to be created."))
    errors = RegistryImportErrorSerializer(many=True)


class StaffRegistryImportView(APIView):
    """Check or import estates, buildings, units and owners from a CSV or XLSX file: all rows or none."""

    permission_classes = [HasCapability]
    capability = "registry.import"
    parser_classes = [MultiPartParser]
    throttle_scope = "imports"

    @extend_schema(
        request=RegistryImportInputSerializer,
        responses={
            200: RegistryImportReportSerializer,
            400: OpenApiResponse(
                RegistryImportReportSerializer,
                description=_(
                    "Bad rows: nothing was imported (the report). An unreadable file or a missing field "
                    "answers with the standard error shape instead."
                ),
            ),
        },
    )
    def post(self, request):
        data = RegistryImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload, dry_run = data.validated_data["file"], data.validated_data["dry_run"]
        report = registry_import(
            actor=request.user, file_name=upload.name, content=read_upload(upload), dry_run=dry_run, request=request
        )
        refused = not report.ok and not dry_run
        body = RegistryImportReportSerializer(report).data
        return Response(body, status=status.HTTP_400_BAD_REQUEST if refused else status.HTTP_200_OK)
