"""Replies to ratings in the API: staff list the ratings worth answering under /staff/survey-responses/ and reply
to one; residents read the reply inside their survey (feedback.surveys.api uses ReplySerializer)."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from feedback.models import Response as SurveyResponse
from residents.permissions import HasCapability

from .models import BODY_MAX
from .selectors import CAPABILITY, responses_to_answer
from .services import reply_to_response


class ReplySerializer(serializers.Serializer):
    """A public reply: who wrote it is given by role only."""

    body = serializers.CharField()
    created_at = serializers.DateTimeField()
    author_role = serializers.CharField()
    author_role_label = serializers.CharField(source="get_author_role_display")


def reply_of(response) -> dict | None:
    """The serialized reply of a response, or None (a missing reverse one-to-one raises instead of None)."""
    reply = getattr(response, "reply", None) if response is not None else None
    return ReplySerializer(reply).data if reply is not None else None


class StaffSurveyResponseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    survey = serializers.IntegerField(source="survey_id")
    estate = serializers.SlugField(source="estate.slug")
    estate_name = serializers.CharField(source="estate.name")
    kind = serializers.CharField()
    submitted_at = serializers.DateTimeField()
    csat = serializers.IntegerField(allow_null=True)
    nps = serializers.IntegerField(allow_null=True)
    comment = serializers.CharField()
    work_order = serializers.IntegerField(source="survey.work_order_id", allow_null=True)
    reply = serializers.SerializerMethodField()

    @extend_schema_field(ReplySerializer(allow_null=True))
    def get_reply(self, response):
        return reply_of(response)


class ReplyInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=BODY_MAX)


class StaffSurveyResponseListView(generics.ListAPIView):
    """Ratings worth answering in my estates (a comment, or satisfaction 3 or less), newest first, with any reply."""

    permission_classes = [HasCapability]
    capability = CAPABILITY
    serializer_class = StaffSurveyResponseSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SurveyResponse.objects.none()
        return responses_to_answer(user=self.request.user)


class StaffSurveyResponseReplyView(APIView):
    """Reply publicly to a rating: once, never edited; the resident is told and sees it with their survey."""

    permission_classes = [HasCapability]
    capability = CAPABILITY

    @extend_schema(
        request=ReplyInputSerializer,
        responses={
            201: ReplySerializer,
            400: OpenApiResponse(description="body: empty or too long"),
            404: OpenApiResponse(description="No such rating in your estates"),
            409: OpenApiResponse(description="The rating already has a reply"),
        },
        operation_id="staff_survey_responses_reply_create",
    )
    def post(self, request, pk):
        data = ReplyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        reply = reply_to_response(response_id=pk, actor=request.user, body=data.validated_data["body"],
                                  request=request)  # fmt: skip
        return Response(ReplySerializer(reply).data, status=status.HTTP_201_CREATED)
