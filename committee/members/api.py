"""Committee rules, term and members in the REST API: the committee under /committee/<estate>/..., residents
under /me/committee/<estate>/members/. Another estate answers 404."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.pagination import StandardPagination
from residents.permissions import HasCapability, HasPerson

from ..models import CommitteeRules
from ..selectors import rules_for
from . import selectors, services
from .estate_rules import EDITABLE, committee_rules_update
from .models import Committee, Member, MemberRole

# --- serializers ---------------------------------------------------------------------------------------------


class CommitteeRulesSerializer(serializers.ModelSerializer):
    class Meta:
        model = CommitteeRules
        fields = EDITABLE
        validators = []  # the service checks how the numbers fit together, with its own messages


class CommitteeTermInputSerializer(serializers.Serializer):
    elected_on = serializers.DateField()
    filed_on = serializers.DateField(required=False, allow_null=True, default=None)
    term_start = serializers.DateField()
    term_end = serializers.DateField()


class CommitteeSeatSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = Member
        fields = ("id", "full_name", "role", "start", "end", "ended_on")
        read_only_fields = fields


class CommitteeTermSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="committee.pk")
    elected_on = serializers.DateField(source="committee.elected_on")
    filed_on = serializers.DateField(source="committee.filed_on", allow_null=True)
    term_start = serializers.DateField(source="committee.term_start")
    term_end = serializers.DateField(source="committee.term_end")
    voting_members = serializers.IntegerField(source="voting", help_text="Chair, vice-chairs and members.")
    warnings = serializers.ListField(child=serializers.CharField(), help_text="Breaches of the estate's rules.")


class CommitteeSeatInputSerializer(serializers.Serializer):
    building = serializers.CharField(max_length=50)
    unit = serializers.CharField(max_length=20)
    full_name = serializers.CharField(max_length=100, help_text="As registered with the estate.")
    role = serializers.ChoiceField(choices=MemberRole.choices)
    start = serializers.DateField(required=False, allow_null=True, default=None)
    end = serializers.DateField(required=False, allow_null=True, default=None)


class PublicCommitteeSeatSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = Member
        fields = ("full_name", "role")
        read_only_fields = fields


# --- the committee's endpoints -------------------------------------------------------------------------------


class _CommitteeView:
    permission_classes = [HasCapability]
    capability = "committee.view"

    def estate(self):
        capability = "committee.view" if self.request.method == "GET" else "committee.manage"
        return selectors.committee_estate(user=self.request.user, slug=self.kwargs["estate"], capability=capability)


class CommitteeRulesView(_CommitteeView, APIView):
    """The estate's committee rules (the national defaults until first saved); PUT replaces them."""

    @extend_schema(responses=CommitteeRulesSerializer)
    def get(self, request, estate):
        return Response(CommitteeRulesSerializer(rules_for(estate_id=self.estate().pk)).data)

    @extend_schema(request=CommitteeRulesSerializer, responses=CommitteeRulesSerializer)
    def put(self, request, estate):
        estate = self.estate()
        data = CommitteeRulesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rules = committee_rules_update(actor=request.user, estate_id=estate.pk, values=data.validated_data,
                                       request=request)  # fmt: skip
        return Response(CommitteeRulesSerializer(rules).data)


def _term_response(estate, code=status.HTTP_200_OK):
    overview = selectors.committee_overview(estate_id=estate.pk)
    if overview.committee is None:
        raise Http404
    return Response(CommitteeTermSerializer(overview).data, status=code)


class CommitteeTermView(_CommitteeView, APIView):
    """The current committee's election, filing and term, with warnings against the estate's rules (404 when none
    is recorded); POST records a new one, PUT corrects the current one."""

    @extend_schema(responses=CommitteeTermSerializer)
    def get(self, request, estate):
        return _term_response(self.estate())

    def _input(self):
        data = CommitteeTermInputSerializer(data=self.request.data)
        data.is_valid(raise_exception=True)
        return services.TermInput(**data.validated_data)

    @extend_schema(request=CommitteeTermInputSerializer, responses={201: CommitteeTermSerializer})
    def post(self, request, estate):
        estate = self.estate()
        services.committee_create(actor=request.user, estate_id=estate.pk, data=self._input(), request=request)
        return _term_response(estate, status.HTTP_201_CREATED)

    @extend_schema(request=CommitteeTermInputSerializer, responses=CommitteeTermSerializer)
    def put(self, request, estate):
        estate = self.estate()
        committee = get_object_or_404(Committee, estate=estate, ended_on__isnull=True)
        services.committee_update(actor=request.user, committee_id=committee.pk, data=self._input(), request=request)
        return _term_response(estate)


class CommitteeTermEndView(_CommitteeView, APIView):
    """End the current committee today: every member leaves and loses the committee role."""

    @extend_schema(request=None, responses={204: None})
    def post(self, request, estate):
        committee = get_object_or_404(Committee, estate=self.estate(), ended_on__isnull=True)
        services.committee_end(actor=request.user, committee_id=committee.pk, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CommitteeMemberListView(_CommitteeView, generics.ListAPIView):
    """The current committee's members (chair first); POST seats a person of the estate."""

    serializer_class = CommitteeSeatSerializer
    pagination_class = StandardPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Member.objects.none()
        committee = selectors.current_committee(estate_id=self.estate().pk)
        return selectors.open_seats(committee_id=committee.pk) if committee else Member.objects.none()

    @extend_schema(request=CommitteeSeatInputSerializer, responses={201: CommitteeSeatSerializer})
    def post(self, request, estate):
        committee = get_object_or_404(Committee, estate=self.estate(), ended_on__isnull=True)
        data = CommitteeSeatInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        seat = services.member_add(actor=request.user, committee_id=committee.pk,
                                   data=services.SeatInput(**data.validated_data), request=request)  # fmt: skip
        return Response(CommitteeSeatSerializer(seat).data, status=status.HTTP_201_CREATED)


class CommitteeMemberEndView(_CommitteeView, APIView):
    """The member leaves today and loses the committee role in the estate."""

    @extend_schema(request=None, responses=CommitteeSeatSerializer)
    def post(self, request, estate, pk):
        seat = selectors.seat_in_estate(estate_id=self.estate().pk, member_id=pk)
        seat = services.member_end(actor=request.user, member_id=seat.pk, request=request)
        return Response(CommitteeSeatSerializer(seat).data)


# --- residents -----------------------------------------------------------------------------------------------


class PublicCommitteeMemberListView(generics.ListAPIView):
    """For residents of the estate: the current committee's members, names and roles only."""

    permission_classes = [HasPerson]
    serializer_class = PublicCommitteeSeatSerializer
    pagination_class = StandardPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Member.objects.none()
        estate = selectors.resident_estate(user=self.request.user, slug=self.kwargs["estate"])
        committee = selectors.current_committee(estate_id=estate.pk)
        return selectors.open_seats(committee_id=committee.pk) if committee else Member.objects.none()
