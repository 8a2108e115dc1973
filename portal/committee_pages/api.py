"""The resident API of the committee page: GET /api/v1/me/estates/<estate>/committee-page/ (404 for an estate
the resident does not live in, or one without a published committee page)."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from committee.disclosures.models import Disclosure
from committee.meetings.models import Meeting
from committee.members.models import Committee, Member
from committee.votes.models import Motion
from portal.estate_pages import page_for_resident
from residents.permissions import HasPerson

from .models import CommitteePage
from .selectors import board_of


class _Linked(serializers.ModelSerializer):
    """`url`: the entry in the resident API (its detail endpoint in the committee app)."""

    url = serializers.SerializerMethodField()

    def get_url(self, entry) -> str:
        name, kwargs = self.link(entry)
        return reverse(name, kwargs=kwargs)


class CommitteePageTermSerializer(serializers.ModelSerializer):
    class Meta:
        model = Committee
        fields = ["elected_on", "term_start", "term_end"]
        read_only_fields = fields


class CommitteePageMemberSerializer(serializers.ModelSerializer):
    """A member: name and role only (public within the estate, 业主委员会公示)."""

    full_name = serializers.CharField(source="person.full_name")
    role_label = serializers.CharField(source="get_role_display")

    class Meta:
        model = Member
        fields = ["full_name", "role", "role_label"]
        read_only_fields = fields


class CommitteePageMinutesSerializer(_Linked):
    class Meta:
        model = Meeting
        fields = ["id", "title", "held_on", "published_at", "url"]
        read_only_fields = fields

    def link(self, meeting):
        return "api-my-committee-minute", {"estate": self.context["estate"].slug, "pk": meeting.pk}


class CommitteePageVoteResultSerializer(_Linked):
    matter_label = serializers.CharField(source="get_matter_display")
    quorate = serializers.BooleanField(source="tally.quorate", help_text="Both participation thresholds met.")
    passed = serializers.BooleanField(source="tally.passed")

    class Meta:
        model = Motion
        fields = ["id", "title", "matter", "matter_label", "closed_at", "quorate", "passed", "url"]
        read_only_fields = fields

    def link(self, motion):
        return "api-my-vote", {"pk": motion.pk}


class CommitteePageDisclosureSerializer(_Linked):
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = Disclosure
        fields = ["id", "kind", "kind_label", "title", "period_start", "period_end", "status", "published_at", "url"]
        read_only_fields = fields

    def link(self, entry):
        return "api-my-disclosure", {"estate": self.context["estate"].slug, "pk": entry.pk}


class CommitteePageSerializer(serializers.Serializer):
    estate = serializers.CharField(source="page.estate.slug")
    title = serializers.CharField(source="page.title")
    url = serializers.CharField(help_text="The committee page on the website.")
    intro = serializers.CharField(source="board.intro", help_text="Whitelisted HTML.")
    committee = CommitteePageTermSerializer(source="board.committee", allow_null=True)
    members = CommitteePageMemberSerializer(source="board.seats", many=True)
    minutes = CommitteePageMinutesSerializer(source="board.minutes", many=True)
    vote_results = CommitteePageVoteResultSerializer(source="board.results", many=True)
    disclosures = CommitteePageDisclosureSerializer(source="board.disclosures", many=True)


class MyCommitteePageView(APIView):
    """The owners' committee of one of my estates: its members, and the latest minutes, vote results and
    disclosures it has published (each with its endpoint for the full entry)."""

    permission_classes = [HasPerson]

    @extend_schema(responses=CommitteePageSerializer)
    def get(self, request, estate):
        page = page_for_resident(user=request.user, slug=estate, page_type=CommitteePage)
        shown = {"page": page, "board": board_of(page), "url": page.get_url(request=request) or ""}
        return Response(CommitteePageSerializer(shown, context={"request": request, "estate": page.estate}).data)
