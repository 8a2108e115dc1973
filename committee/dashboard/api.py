"""GET /api/v1/committee/<slug>/dashboard/: the committee's read-only dashboard (committee.view)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from residents.permissions import HasCapability
from residents.selectors import estates_for_staff

from .present import dashboard_data
from .selectors import committee_dashboard

WITHHELD = "null when fewer than feedback.scoring.MIN_GROUP (5) people or items are behind it"


class DashboardDimensionSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    perceived = serializers.FloatField(allow_null=True, help_text=WITHHELD)
    gap = serializers.FloatField(allow_null=True, help_text="P − E (two-column surveys); " + WITHHELD)


class DashboardTrendSerializer(serializers.Serializer):
    month = serializers.CharField()
    respondents = serializers.IntegerField(allow_null=True, help_text=WITHHELD)
    overall = serializers.FloatField(allow_null=True, help_text=WITHHELD)
    dimensions = serializers.DictField(child=serializers.FloatField(allow_null=True))


class DashboardScoresSerializer(serializers.Serializer):
    respondents = serializers.IntegerField(allow_null=True, help_text=WITHHELD)
    overall = serializers.FloatField(allow_null=True)
    overall_gap = serializers.FloatField(allow_null=True)
    dimensions = DashboardDimensionSerializer(many=True)
    trend = DashboardTrendSerializer(many=True)


class DashboardVolumeSerializer(serializers.Serializer):
    month = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    count = serializers.IntegerField(allow_null=True, help_text=WITHHELD)


class DashboardComplaintsSerializer(serializers.Serializer):
    volumes = DashboardVolumeSerializer(many=True)
    escalated_count = serializers.IntegerField(allow_null=True, help_text=WITHHELD)
    escalated = serializers.ListField(child=serializers.IntegerField(), help_text="complaint numbers")


class DashboardOverdueSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    trade = serializers.CharField()
    priority = serializers.CharField()
    priority_label = serializers.CharField()
    where = serializers.CharField(help_text="building and masked unit number, or the common area")
    due = serializers.DateTimeField()


class DashboardBreachSerializer(serializers.Serializer):
    month = serializers.CharField()
    count = serializers.IntegerField(allow_null=True, help_text=WITHHELD)


class DashboardRepairsSerializer(serializers.Serializer):
    overdue_count = serializers.IntegerField(allow_null=True, help_text=WITHHELD)
    overdue = DashboardOverdueSerializer(many=True)
    breaches = DashboardBreachSerializer(many=True)


class CommitteeDashboardSerializer(serializers.Serializer):
    start = serializers.CharField()
    end = serializers.CharField()
    scores = DashboardScoresSerializer()
    complaints = DashboardComplaintsSerializer()
    repairs = DashboardRepairsSerializer()


class CommitteeDashboardView(APIView):
    """The estate's last twelve months: scores and trend, complaint volumes, escalations, overdue repairs."""

    permission_classes = [HasCapability]
    capability = "committee.view"

    @extend_schema(responses=CommitteeDashboardSerializer)
    def get(self, request, slug):
        estate = get_object_or_404(estates_for_staff(user=request.user, capability=self.capability), slug=slug)
        data = dashboard_data(committee_dashboard(estate_id=estate.pk))
        return Response(CommitteeDashboardSerializer(data).data)
