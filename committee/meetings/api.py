"""Committee meetings in the REST API: the committee plans, records, approves and publishes under
/committee/<estate>/meetings/ (one view per step); residents read published minutes under
/me/committee/<estate>/minutes/. Another estate answers 404; a step not possible now answers 409."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.pagination import StandardPagination
from residents.permissions import HasCapability, HasPerson

from ..members.selectors import committee_estate, resident_estate
from ..selectors import rules_for
from . import selectors, services
from .models import AgendaItem, Choice, Meeting
from .workflow import actions_for

# --- serializers ---------------------------------------------------------------------------------------------


class MeetingListSerializer(serializers.ModelSerializer):
    class Meta:
        model = Meeting
        fields = ("id", "title", "scheduled_at", "place", "status", "held_on", "published_at")
        read_only_fields = fields


class MeetingVoteSerializer(serializers.Serializer):
    member_id = serializers.IntegerField()
    full_name = serializers.CharField(source="member.person.full_name")
    choice = serializers.ChoiceField(choices=Choice.choices)


class MeetingAgendaItemSerializer(serializers.ModelSerializer):
    votes_for = serializers.IntegerField(read_only=True)
    votes_against = serializers.IntegerField(read_only=True)
    votes_abstain = serializers.IntegerField(read_only=True)
    votes = MeetingVoteSerializer(many=True, read_only=True)

    class Meta:
        model = AgendaItem
        fields = ("id", "position", "title", "needs_decision", "resolution", "passed", "votes_for", "votes_against",
                  "votes_abstain", "votes")  # fmt: skip
        read_only_fields = fields


class MeetingDetailSerializer(serializers.ModelSerializer):
    agenda = MeetingAgendaItemSerializer(many=True, read_only=True)
    present = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()
    publish_by = serializers.SerializerMethodField(help_text="Held on + the estate's publish_days.")

    class Meta:
        model = Meeting
        fields = ("id", "title", "scheduled_at", "place", "status", "held_on", "voting_members", "quorate",
                  "minutes", "approved_at", "published_at", "version", "agenda", "present", "publish_by",
                  "actions")  # fmt: skip
        read_only_fields = fields

    def get_present(self, meeting) -> list[int]:
        return [a.member_id for a in meeting.attendance.all()]

    def get_actions(self, meeting) -> list[str]:
        return actions_for(meeting.status)

    def get_publish_by(self, meeting) -> str | None:
        day = selectors.publish_deadline(meeting, rules_for(estate_id=meeting.estate_id).publish_days)
        return day.isoformat() if day else None


class PublicAgendaItemSerializer(serializers.ModelSerializer):
    votes_for = serializers.IntegerField(read_only=True)
    votes_against = serializers.IntegerField(read_only=True)
    votes_abstain = serializers.IntegerField(read_only=True)

    class Meta:
        model = AgendaItem
        fields = ("position", "title", "needs_decision", "resolution", "passed", "votes_for", "votes_against",
                  "votes_abstain")  # fmt: skip
        read_only_fields = fields


class PublicMinutesSerializer(serializers.ModelSerializer):
    agenda = PublicAgendaItemSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = ("id", "title", "held_on", "voting_members", "quorate", "minutes", "published_at", "agenda")
        read_only_fields = fields


class PublicMinutesListSerializer(serializers.ModelSerializer):
    class Meta:
        model = Meeting
        fields = ("id", "title", "held_on", "published_at")
        read_only_fields = fields


class MeetingAgendaLineInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    needs_decision = serializers.BooleanField(default=True)


class MeetingInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=120)
    scheduled_at = serializers.DateTimeField()
    place = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    agenda = MeetingAgendaLineInputSerializer(many=True)


class MeetingVoteInputSerializer(serializers.Serializer):
    member_id = serializers.IntegerField()
    choice = serializers.ChoiceField(choices=Choice.choices)


class MeetingDecisionInputSerializer(serializers.Serializer):
    item_id = serializers.IntegerField()
    resolution = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    votes = MeetingVoteInputSerializer(many=True, required=False, default=list)


class MeetingHoldInputSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    present = serializers.ListField(child=serializers.IntegerField(), help_text="Seat ids of voting members.")
    decisions = MeetingDecisionInputSerializer(many=True, required=False, default=list)
    minutes = serializers.CharField(required=False, allow_blank=True, default="")


class MeetingMinutesInputSerializer(serializers.Serializer):
    minutes = serializers.CharField(allow_blank=True)
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class MeetingStepInputSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False, allow_null=True, default=None,
                                       help_text="The version you acted on: a newer one answers 409.")  # fmt: skip


# --- the committee's endpoints -------------------------------------------------------------------------------


class _CommitteeView:
    permission_classes = [HasCapability]
    capability = "committee.view"

    def estate(self):
        capability = "committee.view" if self.request.method == "GET" else "committee.manage"
        return committee_estate(user=self.request.user, slug=self.kwargs["estate"], capability=capability)

    def detail(self, estate, pk):
        return MeetingDetailSerializer(selectors.meeting_in_estate(estate_id=estate.pk, meeting_id=pk)).data


class MeetingListView(_CommitteeView, generics.ListAPIView):
    """The estate's meetings, newest first; POST plans one with its agenda."""

    serializer_class = MeetingListSerializer
    pagination_class = StandardPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Meeting.objects.none()
        return selectors.meetings_of_estate(estate_id=self.estate().pk)

    @extend_schema(request=MeetingInputSerializer, responses={201: MeetingDetailSerializer})
    def post(self, request, estate):
        estate = self.estate()
        data = MeetingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        agenda = tuple(services.AgendaLine(**line) for line in data.validated_data["agenda"])
        meeting = services.meeting_create(
            actor=request.user,
            estate_id=estate.pk,
            request=request,
            data=services.MeetingInput(**{**data.validated_data, "agenda": agenda}),
        )
        return Response(self.detail(estate, meeting.pk), status=status.HTTP_201_CREATED)


class MeetingDetailView(_CommitteeView, APIView):
    """One meeting: agenda with each decision's votes, attendance, minutes, the steps possible now."""

    @extend_schema(responses=MeetingDetailSerializer)
    def get(self, request, estate, pk):
        return Response(self.detail(self.estate(), pk))


def _hold_record(data) -> services.HoldRecord:
    decisions = tuple(
        services.DecisionRecord(d["item_id"], d["resolution"], {v["member_id"]: v["choice"] for v in d["votes"]})
        for d in data["decisions"]
    )
    return services.HoldRecord(held_on=data["held_on"], present=tuple(data["present"]), decisions=decisions,
                               minutes=data["minutes"])  # fmt: skip


class MeetingHoldView(_CommitteeView, APIView):
    """Record the meeting: voting members present, each decision's votes, the minutes."""

    @extend_schema(request=MeetingHoldInputSerializer, responses=MeetingDetailSerializer)
    def post(self, request, estate, pk):
        estate = self.estate()
        meeting = selectors.meeting_in_estate(estate_id=estate.pk, meeting_id=pk)
        data = MeetingHoldInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.meeting_hold(actor=request.user, meeting_id=meeting.pk, record=_hold_record(data.validated_data),
                              request=request)  # fmt: skip
        return Response(self.detail(estate, pk))


class MeetingMinutesView(_CommitteeView, APIView):
    """Correct the minutes of a held meeting (409 once approved: approved minutes never change)."""

    @extend_schema(request=MeetingMinutesInputSerializer, responses=MeetingDetailSerializer)
    def put(self, request, estate, pk):
        estate = self.estate()
        meeting = selectors.meeting_in_estate(estate_id=estate.pk, meeting_id=pk)
        data = MeetingMinutesInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.meeting_minutes_update(actor=request.user, meeting_id=meeting.pk, request=request,
                                        minutes=data.validated_data["minutes"],
                                        expected_version=data.validated_data["version"])  # fmt: skip
        return Response(self.detail(estate, pk))


STEPS = {"approve": services.meeting_approve, "publish": services.meeting_publish, "cancel": services.meeting_cancel}


class _MeetingStepView(_CommitteeView, APIView):
    step = ""

    def post(self, request, estate, pk):
        estate = self.estate()
        meeting = selectors.meeting_in_estate(estate_id=estate.pk, meeting_id=pk)
        data = MeetingStepInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        STEPS[self.step](actor=request.user, meeting_id=meeting.pk, request=request,
                         expected_version=data.validated_data["version"])  # fmt: skip
        return Response(self.detail(estate, pk))


def _step_view(step: str):
    def post(self, request, estate, pk):
        return _MeetingStepView.post(self, request, estate, pk)

    decorated = extend_schema(request=MeetingStepInputSerializer, responses=MeetingDetailSerializer,
                              operation_id=f"committee_meetings_{step}")(post)  # fmt: skip
    return type(f"Meeting{step.title()}View", (_MeetingStepView,), {"step": step, "post": decorated})


STEP_VIEWS = {step: _step_view(step) for step in STEPS}


# --- residents -----------------------------------------------------------------------------------------------


class _ResidentView:
    permission_classes = [HasPerson]

    def estate(self):
        return resident_estate(user=self.request.user, slug=self.kwargs["estate"])


class PublicMinutesListView(_ResidentView, generics.ListAPIView):
    """For residents of the estate: the committee's published minutes, newest first."""

    serializer_class = PublicMinutesListSerializer
    pagination_class = StandardPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Meeting.objects.none()
        return selectors.published_minutes(estate_id=self.estate().pk)


class PublicMinutesDetailView(_ResidentView, APIView):
    """For residents of the estate: one meeting's published minutes and each decision's vote counts."""

    @extend_schema(responses=PublicMinutesSerializer)
    def get(self, request, estate, pk):
        meeting = selectors.published_meeting(estate_id=self.estate().pk, meeting_id=pk)
        return Response(PublicMinutesSerializer(meeting).data)
