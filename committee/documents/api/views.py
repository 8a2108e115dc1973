"""Document library API: managers under /staff/committee/<estate>/documents/, the committee under
/committee/<estate>/documents/ (both list, upload, remove), readers under /me/committee/<estate>/documents/."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from residents import access
from residents.permissions import HasCapability

from .. import files, selectors, services
from ..models import Document
from . import serializers as s


class _Manage:
    """documents.manage in the estate, seen from the company's side (`gate` committee.answer) or the committee's
    (committee.view)."""

    permission_classes = [HasCapability]
    capability = selectors.MANAGE
    gate = ""

    def estate(self):
        if not access.can(self.request.user, self.gate):  # the other side's path: the company's or the committee's
            raise PermissionDenied
        estate = selectors.managed_estate(user=self.request.user, slug=self.kwargs["estate"])
        if not access.can(self.request.user, self.gate, estate.pk):
            raise Http404
        return estate

    def _list(self):
        query = s.DocumentQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return selectors.documents_for(user=self.request.user, estate=self.estate(),
                                       category=query.validated_data.get("category", ""))  # fmt: skip

    def _upload(self, request):
        data = s.DocumentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        upload.seek(0)
        document = services.document_upload(actor=request.user, estate_id=self.estate().pk, data=services.DocumentInput(
            title=data.validated_data["title"], category=data.validated_data["category"],
            access=data.validated_data["access"], name=upload.name, data=upload.read(files.MAX_BYTES + 1)))  # fmt: skip
        return Response(s.DocumentSerializer(document).data, status=status.HTTP_201_CREATED)

    def _remove(self, request, pk):
        document = selectors.document_for(user=request.user, estate=self.estate(), pk=pk)
        services.document_delete(actor=request.user, document_id=document.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class StaffDocumentListView(_Manage, generics.ListAPIView):
    """The estate's documents, both levels; POST (multipart) adds one."""

    gate = "committee.answer"
    serializer_class = s.DocumentSerializer
    parser_classes = [MultiPartParser]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Document.objects.none()
        return self._list()

    @extend_schema(parameters=[s.DocumentQuerySerializer], operation_id="staff_committee_documents_list")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(request=s.DocumentInputSerializer, responses={201: s.DocumentSerializer},
                   operation_id="staff_committee_documents_create")  # fmt: skip
    def post(self, request, estate):
        return self._upload(request)


class StaffDocumentDetailView(_Manage, APIView):
    gate = "committee.answer"

    @extend_schema(responses=s.DocumentSerializer, operation_id="staff_committee_documents_retrieve")
    def get(self, request, estate, pk):
        return Response(
            s.DocumentSerializer(selectors.document_for(user=request.user, estate=self.estate(), pk=pk)).data
        )

    @extend_schema(responses={204: None}, operation_id="staff_committee_documents_destroy")
    def delete(self, request, estate, pk):
        return self._remove(request, pk)


class CommitteeDocumentListView(StaffDocumentListView):
    gate = "committee.view"

    @extend_schema(parameters=[s.DocumentQuerySerializer], operation_id="committee_documents_list")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(request=s.DocumentInputSerializer, responses={201: s.DocumentSerializer},
                   operation_id="committee_documents_create")  # fmt: skip
    def post(self, request, estate):
        return self._upload(request)


class CommitteeDocumentDetailView(StaffDocumentDetailView):
    gate = "committee.view"

    @extend_schema(responses=s.DocumentSerializer, operation_id="committee_documents_retrieve")
    def get(self, request, estate, pk):
        return super().get(request, estate, pk)

    @extend_schema(responses={204: None}, operation_id="committee_documents_destroy")
    def delete(self, request, estate, pk):
        return self._remove(request, pk)


class MyDocumentListView(generics.ListAPIView):
    """Documents of one of the caller's estates they may read (resident level; both levels for its committee)."""

    permission_classes = [IsAuthenticated]
    serializer_class = s.DocumentSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Document.objects.none()
        estate = get_object_or_404(selectors.estates_for_reader(user=self.request.user), slug=self.kwargs["estate"])
        query = s.DocumentQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return selectors.documents_for(user=self.request.user, estate=estate,
                                       category=query.validated_data.get("category", ""))  # fmt: skip

    @extend_schema(parameters=[s.DocumentQuerySerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
