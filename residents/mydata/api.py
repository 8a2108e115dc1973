"""API of the data-subject rights: /api/v1/me/data/ for residents, /api/v1/staff/deletion-requests/ for staff."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.phones import mask_phone

from ..permissions import HasCapability, HasPerson
from . import selectors, services
from .exports import export_for
from .models import DeletionRequest


class DeletionRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = DeletionRequest
        fields = ["id", "status", "refusal_reason", "created_at", "decided_at"]
        read_only_fields = fields


class StaffDeletionRequestSerializer(serializers.ModelSerializer):
    """What staff see of the person: name and masked phone, enough to recognise them."""

    full_name = serializers.CharField(source="person.full_name", read_only=True)
    phone = serializers.SerializerMethodField()

    class Meta:
        model = DeletionRequest
        fields = ["id", "full_name", "phone", "status", "created_at"]
        read_only_fields = fields

    def get_phone(self, found) -> str:
        return mask_phone(found.person.user.phone)


class PasswordInputSerializer(serializers.Serializer):
    password = serializers.CharField(max_length=4096, trim_whitespace=False)


class RefuseInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class MyDataView(APIView):
    """All the personal data the portal holds about the signed-in resident (audited)."""

    permission_classes = [HasPerson]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        response = Response(export_for(user=request.user, request=request))
        response["Cache-Control"] = "no-store"
        return response


class MyDataDeletionView(APIView):
    """Ask for the erasure of the account; the password is asked again."""

    permission_classes = [HasPerson]
    throttle_scope = "auth"

    @extend_schema(request=PasswordInputSerializer, responses={201: DeletionRequestSerializer})
    def post(self, request):
        data = PasswordInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        created = services.deletion_request_create(
            user=request.user, password=data.validated_data["password"], request=request
        )
        return Response(DeletionRequestSerializer(created).data, status=status.HTTP_201_CREATED)


class StaffDeletionRequestListView(generics.ListAPIView):
    permission_classes = [HasCapability]
    capability = "people.erase"
    serializer_class = StaffDeletionRequestSerializer

    def get_queryset(self):
        return selectors.deletion_requests_for_staff(user=self.request.user)


class _DecisionView(APIView):
    permission_classes = [HasCapability]
    capability = "people.erase"

    def _open(self, request, pk):
        return get_object_or_404(selectors.deletion_requests_for_staff(user=request.user), pk=pk)


class StaffDeletionRequestEraseView(_DecisionView):
    @extend_schema(request=None, responses=DeletionRequestSerializer)
    def post(self, request, pk):
        found = self._open(request, pk)
        found = services.deletion_request_erase(request_id=found.pk, actor=request.user, request=request)
        return Response(DeletionRequestSerializer(found).data)


class StaffDeletionRequestRefuseView(_DecisionView):
    @extend_schema(request=RefuseInputSerializer, responses=DeletionRequestSerializer)
    def post(self, request, pk):
        found = self._open(request, pk)
        data = RefuseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        found = services.deletion_request_refuse(
            request_id=found.pk, actor=request.user, reason=data.validated_data["reason"], request=request
        )
        return Response(DeletionRequestSerializer(found).data)
