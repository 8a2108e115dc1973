"""Spot checks in the REST API (committee members): an estate's draws with their anonymised orders, drawing a
month's sample, recording a verdict. Another estate answers 404."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from residents.permissions import HasCapability

from ..periods import previous_month
from ..reports.selectors import committee_estates
from . import selectors, services
from .models import Method, SpotCheckDraw, Verdict


class SpotCheckOrderSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    trade = serializers.CharField()
    priority = serializers.CharField()
    place = serializers.ChoiceField(choices=["unit", "common_area"])
    location = serializers.CharField(help_text="Building and a masked unit number, or the common area.")
    technician = serializers.CharField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()
    completed_at = serializers.DateTimeField(allow_null=True)
    confirmed_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)


class SpotCheckSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    order = SpotCheckOrderSerializer(source="summary")
    verdict = serializers.CharField(help_text="fixed_well, fixed_poorly, not_fixed; empty until checked.")
    method = serializers.CharField(help_text="phone or visit; empty until checked.")
    notes = serializers.CharField()
    checked_at = serializers.DateTimeField(allow_null=True)


class SpotCheckDrawSerializer(serializers.ModelSerializer):
    month = serializers.DateField(format="%Y-%m")
    candidates = serializers.SerializerMethodField(help_text="Ids of every finished order the sample was drawn from.")
    checks = serializers.SerializerMethodField()

    class Meta:
        model = SpotCheckDraw
        fields = ["id", "month", "size", "seed", "candidates", "drawn_at", "checks"]
        read_only_fields = fields

    def get_candidates(self, draw) -> list[int]:
        return list(draw.population)

    @extend_schema(responses=SpotCheckSerializer(many=True))
    def get_checks(self, draw) -> list[dict]:
        checks = list(draw.checks.all())
        for check in checks:
            check.summary = selectors.order_summary(check.work_order)
        return SpotCheckSerializer(checks, many=True).data


class SpotCheckDrawInputSerializer(serializers.Serializer):
    month = serializers.DateField(required=False, input_formats=["%Y-%m"],
                                  help_text="YYYY-MM, a month that is over; last month when left out.")  # fmt: skip


class SpotCheckVerdictInputSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=Verdict.choices)
    method = serializers.ChoiceField(choices=Method.choices)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


def _estate(request, slug):
    return get_object_or_404(committee_estates(user=request.user), slug=slug)


class SpotCheckDrawListView(generics.ListAPIView):
    """The estate's draws, newest month first; POST draws a month's sample (201), or returns the one made (200)."""

    permission_classes = [HasCapability]
    capability = "committee.view"
    serializer_class = SpotCheckDrawSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SpotCheckDraw.objects.none()
        return selectors.draws_of_estate(estate_id=_estate(self.request, self.kwargs["estate"]).pk)

    @extend_schema(request=SpotCheckDrawInputSerializer, responses={200: SpotCheckDrawSerializer,
                                                                    201: SpotCheckDrawSerializer})  # fmt: skip
    def post(self, request, estate):
        estate = _estate(request, estate)
        data = SpotCheckDrawInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        month = data.validated_data.get("month") or previous_month()
        draw, created = services.spot_check_draw(estate_id=estate.pk, month=month, actor=request.user)
        found = selectors.draws_of_estate(estate_id=estate.pk).get(pk=draw.pk)
        return Response(SpotCheckDrawSerializer(found).data, status=status.HTTP_201_CREATED if created else 200)


class SpotCheckVerdictView(APIView):
    """Record the verdict on one drawn order, once; "not fixed" (with notes) reopens the work order."""

    permission_classes = [HasCapability]
    capability = "committee.view"

    @extend_schema(request=SpotCheckVerdictInputSerializer, responses={200: SpotCheckSerializer})
    def post(self, request, estate, pk):
        estate = _estate(request, estate)
        check = get_object_or_404(selectors.checks_for_committee(user=request.user), pk=pk, draw__estate=estate)
        data = SpotCheckVerdictInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.spot_check_record(check_id=check.pk, actor=request.user, **data.validated_data)
        check = selectors.checks_for_committee(user=request.user).get(pk=pk)
        check.summary = selectors.order_summary(check.work_order)
        return Response(SpotCheckSerializer(check).data)
