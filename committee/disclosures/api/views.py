"""Disclosure API: the company under /staff/committee/<estate>/disclosures/ (drafts, files, publication, answers,
what is due), readers under /me/committee/<estate>/disclosures/ (list, detail, ask). Another estate is a 404."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from residents.permissions import HasCapability

from ...documents import files
from .. import selectors, services
from ..models import Disclosure
from . import serializers as s


def _input(serializer) -> services.DisclosureInput:
    data = serializer.validated_data
    return services.DisclosureInput(kind=data["kind"], title=data["title"], period_start=data["period_start"],
                                    period_end=data["period_end"], body=data["body"])  # fmt: skip


class _Company:
    permission_classes = [HasCapability]
    capability = selectors.PUBLISH

    def estate(self):
        return selectors.company_estate(user=self.request.user, slug=self.kwargs["estate"])

    def entry(self, pk):
        return selectors.disclosure_for_company(estate=self.estate(), pk=pk)

    def detail(self, pk):
        return Response(s.DisclosureDetailSerializer(self.entry(pk), context={"request": self.request}).data)


class StaffDisclosureListView(_Company, generics.ListAPIView):
    """Every entry of the estate, drafts first; POST writes a draft (with `supersedes`, a correction)."""

    serializer_class = s.DisclosureSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Disclosure.objects.none()
        return selectors.disclosures_for_company(estate=self.estate())

    @extend_schema(request=s.DisclosureCreateSerializer, responses={201: s.DisclosureDetailSerializer})
    def post(self, request, estate):
        data = s.DisclosureCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = services.disclosure_draft_create(actor=request.user, estate_id=self.estate().pk, data=_input(data),
                                                 supersedes_id=data.validated_data.get("supersedes"))  # fmt: skip
        response = self.detail(entry.pk)
        response.status_code = status.HTTP_201_CREATED
        return response


class StaffDisclosureDetailView(_Company, APIView):
    @extend_schema(responses=s.DisclosureDetailSerializer)
    def get(self, request, estate, pk):
        return self.detail(pk)

    @extend_schema(request=s.DisclosureInputSerializer, responses=s.DisclosureDetailSerializer)
    def put(self, request, estate, pk):
        """Rewrite a draft (a published entry answers 409)."""
        data = s.DisclosureInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.disclosure_draft_update(actor=request.user, disclosure_id=self.entry(pk).pk, data=_input(data))
        return self.detail(pk)

    @extend_schema(responses={204: None})
    def delete(self, request, estate, pk):
        """Throw a draft away (a published entry answers 409)."""
        services.disclosure_draft_delete(actor=request.user, disclosure_id=self.entry(pk).pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class StaffDisclosureAttachView(_Company, APIView):
    """Attach a PDF, JPEG, PNG or XLSX file (at most 20 MB) to a draft."""

    parser_classes = [MultiPartParser]

    @extend_schema(request=s.DisclosureAttachmentInputSerializer, responses={201: s.DisclosureAttachmentSerializer})
    def post(self, request, estate, pk):
        entry = self.entry(pk)
        data = s.DisclosureAttachmentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        upload.seek(0)
        attachment = services.disclosure_attach(actor=request.user, disclosure_id=entry.pk, name=upload.name,
                                                data=upload.read(files.MAX_BYTES + 1))  # fmt: skip
        return Response(s.DisclosureAttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)


class StaffDisclosurePublishView(_Company, APIView):
    """Publish a draft; a correction marks the entry it corrects superseded."""

    @extend_schema(request=None, responses=s.DisclosureDetailSerializer)
    def post(self, request, estate, pk):
        services.disclosure_publish(actor=request.user, disclosure_id=self.entry(pk).pk)
        return self.detail(pk)


class StaffDisclosureAnswerView(_Company, APIView):
    """Answer a resident's question publicly (once)."""

    @extend_schema(request=s.DisclosureAnswerInputSerializer, responses=s.DisclosureQuestionSerializer)
    def post(self, request, estate, pk):
        question = selectors.question_for_company(estate=self.estate(), pk=pk)
        data = s.DisclosureAnswerInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        answered = services.disclosure_question_answer(actor=request.user, question_id=question.pk,
                                                       answer=data.validated_data["answer"])  # fmt: skip
        return Response(s.DisclosureQuestionSerializer(answered, context={"request": request}).data)


class StaffDisclosureDueView(_Company, APIView):
    """Each scheduled kind's standing today: overdue since when, or when it is next due."""

    pagination_class = None

    @extend_schema(responses=s.DisclosureDueSerializer(many=True))
    def get(self, request, estate):
        return Response(s.DisclosureDueSerializer(selectors.standings(estate_id=self.estate().pk), many=True).data)


# --- readers: residents of the estate and its committee --------------------------------------------------


class _Reader:
    permission_classes = [IsAuthenticated]

    def estate(self):
        return selectors.reader_estate(user=self.request.user, slug=self.kwargs["estate"])


class MyDisclosureListView(_Reader, generics.ListAPIView):
    """Published entries of the estate (and the corrected ones), by kind, newest period first."""

    serializer_class = s.DisclosureSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Disclosure.objects.none()
        query = s.DisclosureKindQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return selectors.disclosures_published(estate=self.estate(), kind=query.validated_data.get("kind", ""))

    @extend_schema(parameters=[s.DisclosureKindQuerySerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class MyDisclosureDetailView(_Reader, APIView):
    @extend_schema(responses=s.DisclosureDetailSerializer)
    def get(self, request, estate, pk):
        entry = selectors.disclosure_for_reader(estate=self.estate(), pk=pk)
        return Response(s.DisclosureDetailSerializer(entry, context={"request": request}).data)


class MyDisclosureAskView(_Reader, APIView):
    """Ask a question on a published entry (residents of the estate; a few a day)."""

    @extend_schema(request=s.DisclosureQuestionInputSerializer, responses={201: s.DisclosureQuestionSerializer})
    def post(self, request, estate, pk):
        entry = selectors.disclosure_for_reader(estate=self.estate(), pk=pk)
        data = s.DisclosureQuestionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        question = services.disclosure_question_ask(actor=request.user, disclosure_id=entry.pk,
                                                    body=data.validated_data["body"])  # fmt: skip
        return Response(s.DisclosureQuestionSerializer(question, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)  # fmt: skip
