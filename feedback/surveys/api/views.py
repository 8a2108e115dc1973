"""A resident's surveys under /api/v1/me/surveys/: list, read, keep a draft, answer. Someone else's is a 404."""

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from feedback.models import Survey
from residents.permissions import HasPerson

from ..selectors import survey_for_resident, surveys_for_resident
from ..services import Submission, survey_draft_save, survey_submit
from . import serializers as s


def _own(request, pk) -> Survey:
    survey = survey_for_resident(user=request.user, survey_id=pk)
    if survey is None:
        raise Http404
    return survey


def _answers(request) -> dict:
    data = s.SurveyAnswersInputSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


class MySurveyListView(generics.ListAPIView):
    """The surveys sent to me, open ones first (soonest closing), then the latest."""

    permission_classes = [HasPerson]
    serializer_class = s.MySurveySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Survey.objects.none()
        return surveys_for_resident(user=self.request.user)


class MySurveyDetailView(APIView):
    """One of my surveys: its statements in my language, my draft if any, and whether it is still open."""

    permission_classes = [HasPerson]

    @extend_schema(responses=s.MySurveyDetailSerializer, operation_id="me_surveys_retrieve")
    def get(self, request, pk):
        return Response(s.MySurveyDetailSerializer(_own(request, pk)).data)


class MySurveyDraftView(APIView):
    """Keep what I have answered so far (replaces the previous draft; never counted)."""

    permission_classes = [HasPerson]

    @extend_schema(
        request=s.SurveyAnswersInputSerializer,
        responses={200: s.MySurveyDraftSerializer, 409: OpenApiResponse(description="Answered or closed")},
        operation_id="me_surveys_draft_update",
    )
    def put(self, request, pk):
        survey = _own(request, pk)
        draft = survey_draft_save(survey_id=survey.pk, actor=request.user, data=_answers(request))
        return Response(s.MySurveyDraftSerializer(draft).data)


class MySurveyResponseView(APIView):
    """Answer the survey: everything at once, or a 400 naming every problem and nothing stored."""

    permission_classes = [HasPerson]

    @extend_schema(
        request=s.SurveyAnswersInputSerializer,
        responses={
            201: s.SurveyResponseReceiptSerializer,
            400: OpenApiResponse(description="Field errors: answers.<item>.<column>, weights…, csat, nps"),
            409: OpenApiResponse(description="Already answered, or the survey has closed"),
        },
        operation_id="me_surveys_response_create",
    )
    def post(self, request, pk):
        survey = _own(request, pk)
        response = survey_submit(survey_id=survey.pk, actor=request.user, submission=Submission(**_answers(request)))
        return Response(s.SurveyResponseReceiptSerializer(response).data, status=status.HTTP_201_CREATED)
