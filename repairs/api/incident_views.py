"""Incident (outage) API: staff under /staff/incidents/ (dispatchers and managers, estate-scoped), residents'
open outages under /me/incidents/."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from residents.permissions import HasCapability, HasPerson

from ..incidents import selectors, services
from ..models import Incident
from . import incident_serializers as s

DETAIL_FIELDS = ("title", "description", "kind", "priority", "expected_end", "master_order_id")


class _StaffScoped:
    permission_classes = [HasCapability]
    capability = "repairs.dispatch"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Incident.objects.none()
        return selectors.incidents_for_staff(user=self.request.user)

    def _answer(self, incident, code=status.HTTP_200_OK):
        # read back through the selector: the output carries its count of joined reports
        return Response(s.StaffIncidentSerializer(self.get_queryset().get(pk=incident.pk)).data, status=code)


class StaffIncidentListView(_StaffScoped, generics.ListAPIView):
    """The outages of your estates, open ones first; filter open ones with ended_at__isnull=true."""

    serializer_class = s.StaffIncidentSerializer
    filterset_fields = {"estate__slug": ["exact"], "kind": ["exact"], "ended_at": ["isnull"]}

    @extend_schema(request=s.IncidentDeclareInputSerializer, responses={201: s.StaffIncidentSerializer})
    def post(self, request):
        """Declare an outage; the households affected are told after commit."""
        data = s.IncidentDeclareInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        scope = services.IncidentScope(
            estate=values["estate"], building_ids=tuple(values["building_ids"]),
            common_area_ids=tuple(values["common_area_ids"]), trade=values["trade"], started_at=values["started_at"],
        )  # fmt: skip
        details = services.IncidentDetails(**{name: values[name] for name in DETAIL_FIELDS})
        incident = services.incident_declare(actor=request.user, scope=scope, details=details, request=request)
        return self._answer(incident, status.HTTP_201_CREATED)


class StaffIncidentDetailView(_StaffScoped, generics.RetrieveAPIView):
    serializer_class = s.StaffIncidentSerializer

    @extend_schema(request=s.IncidentUpdateInputSerializer, responses=s.StaffIncidentSerializer)
    def patch(self, request, pk):
        """Change what residents are told (a change to the title, description, kind or expected end is sent to them
        after commit) or the work order for the fix (an open outage only: else 409)."""
        incident = self.get_object()
        data = s.IncidentUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        current = {name: getattr(incident, name) for name in DETAIL_FIELDS}
        details = services.IncidentDetails(**{**current, **data.validated_data})
        incident = services.incident_update(incident_id=incident.pk, actor=request.user, details=details,
                                            request=request)  # fmt: skip
        return self._answer(incident)


class StaffIncidentEndView(_StaffScoped, APIView):
    @extend_schema(request=s.IncidentEndInputSerializer, responses=s.StaffIncidentSerializer)
    def post(self, request, pk):
        """End the outage; everyone affected, and everyone whose report joined it, is told (409 if ended)."""
        incident = get_object_or_404(self.get_queryset(), pk=pk)
        data = s.IncidentEndInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        incident = services.incident_end(incident_id=incident.pk, actor=request.user,
                                         resolution_note=data.validated_data["resolution_note"],
                                         request=request)  # fmt: skip
        return self._answer(incident)


class MyIncidentListView(generics.ListAPIView):
    """Open outages affecting your homes (also those announced ahead), most urgent first: check here before
    reporting."""

    permission_classes = [HasPerson]
    serializer_class = s.ResidentIncidentSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Incident.objects.none()
        return selectors.incidents_for_resident(user=self.request.user)
