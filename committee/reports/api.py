"""Service-quality reports in the REST API: committee members list, read, generate, regenerate, approve and
publish an estate's reports; residents read the published ones of their estates. Other estates answer 404."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from residents.permissions import HasCapability, HasPerson

from ..periods import previous_month
from . import selectors, services
from .models import QualityReport
from .workflow import actions_for

FIGURES_HELP = ("The frozen figures (schema version in `schema`): servqual (ten dimensions and overall, from the "
                "feedback scores), sla (response, arrival, resolution), reopen, complaints (six months by kind), "
                "spot_checks. A figure for a group under 5 is null with suppressed = true.")  # fmt: skip


class QualityReportSerializer(serializers.ModelSerializer):
    month = serializers.DateField(format="%Y-%m")

    class Meta:
        model = QualityReport
        fields = ["id", "month", "status", "version", "generated_at", "approved_at", "published_at"]
        read_only_fields = fields


class QualityReportDetailSerializer(QualityReportSerializer):
    figures = serializers.JSONField(help_text=FIGURES_HELP)
    actions = serializers.SerializerMethodField(help_text="Steps open now: regenerate, approve, publish.")

    class Meta(QualityReportSerializer.Meta):
        fields = [*QualityReportSerializer.Meta.fields, "schema_version", "figures", "actions"]
        read_only_fields = fields

    def get_actions(self, report) -> list[str]:
        return actions_for(report.status)


class PublishedReportSerializer(serializers.ModelSerializer):
    month = serializers.DateField(format="%Y-%m")
    figures = serializers.JSONField(help_text=FIGURES_HELP)

    class Meta:
        model = QualityReport
        fields = ["id", "month", "published_at", "schema_version", "figures"]
        read_only_fields = fields


class QualityReportGenerateInputSerializer(serializers.Serializer):
    month = serializers.DateField(required=False, input_formats=["%Y-%m"],
                                  help_text="YYYY-MM, a month that is over; last month when left out.")  # fmt: skip


class QualityReportActionInputSerializer(serializers.Serializer):
    expected_version = serializers.IntegerField(required=False, min_value=1)


def _estate(request, slug):
    return get_object_or_404(selectors.committee_estates(user=request.user), slug=slug)


class _Committee:
    permission_classes = [HasCapability]
    capability = "committee.view"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return QualityReport.objects.none()
        return selectors.reports_for_committee(
            user=self.request.user, estate=_estate(self.request, self.kwargs["estate"])
        )


class QualityReportListView(_Committee, generics.ListAPIView):
    """The estate's reports, newest month first; POST generates a month's report (201), or returns it (200)."""

    serializer_class = QualityReportSerializer

    @extend_schema(request=QualityReportGenerateInputSerializer,
                   responses={200: QualityReportDetailSerializer, 201: QualityReportDetailSerializer})  # fmt: skip
    def post(self, request, estate):
        estate = _estate(request, estate)
        data = QualityReportGenerateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        month = data.validated_data.get("month") or previous_month()
        report, created = services.report_generate(estate_id=estate.pk, month=month, actor=request.user)
        return Response(QualityReportDetailSerializer(report).data, status=status.HTTP_201_CREATED if created else 200)


class QualityReportDetailView(_Committee, generics.RetrieveAPIView):
    serializer_class = QualityReportDetailSerializer


class _ActionView(_Committee, APIView):
    action_name = ""

    def post(self, request, estate, pk):
        report = get_object_or_404(self.get_queryset(), pk=pk)
        data = QualityReportActionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        service = getattr(services, f"report_{self.action_name}")
        done = service(report_id=report.pk, actor=request.user, **data.validated_data)
        return Response(QualityReportDetailSerializer(done).data)


def _action_view(name: str):
    def post(self, request, estate, pk):
        return _ActionView.post(self, request, estate, pk)

    schema = extend_schema(request=QualityReportActionInputSerializer, responses={200: QualityReportDetailSerializer},
                           operation_id=f"committee_reports_{name}")  # fmt: skip
    decorated = schema(post)
    return type(f"QualityReport{name.title()}View", (_ActionView,), {"action_name": name, "post": decorated})


ACTION_VIEWS = {name: _action_view(name) for name in ("regenerate", "approve", "publish")}


class _Published:
    permission_classes = [HasPerson]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return QualityReport.objects.none()
        estate = get_object_or_404(selectors.resident_estates(user=self.request.user), slug=self.kwargs["estate"])
        return selectors.reports_published(estate=estate)


class PublishedReportListView(_Published, generics.ListAPIView):
    """The published reports of one of my estates, newest month first."""

    serializer_class = QualityReportSerializer


class PublishedReportDetailView(_Published, generics.RetrieveAPIView):
    serializer_class = PublishedReportSerializer
