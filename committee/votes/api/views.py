"""Owners' vote API: the committee under /committee/votes/, paper ballots for committee and managers, and
owners under /me/votes/. One view per step; a vote out of the caller's scope is a 404."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import NotPermitted
from residents import access
from residents.models import Estate
from residents.permissions import HasCapability, HasPerson

from .. import exports, selectors, services
from ..models import Motion
from ..scans import MAX_BYTES
from . import serializers as s


def _input(data) -> services.MotionInput:
    return services.MotionInput(**{k: v for k, v in data.validated_data.items() if k != "estate"})


def _with_tally(motion: Motion) -> Motion:
    motion.tally = selectors.live_tally(motion=motion)
    return motion


class _Committee:
    permission_classes = [HasCapability]
    capability = "committee.view"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Motion.objects.none()
        return selectors.motions_for_committee(user=self.request.user).order_by("-created_at", "-id")

    def motion(self, pk: int) -> Motion:
        return get_object_or_404(self.get_queryset(), pk=pk)

    def answer(self, motion: Motion, code=status.HTTP_200_OK) -> Response:
        return Response(s.VoteResultSerializer(_with_tally(self.motion(motion.pk))).data, status=code)


class CommitteeVoteListView(_Committee, generics.ListAPIView):
    """The votes of the estates whose committee the caller sits on; POST drafts a new one."""

    serializer_class = s.VoteSerializer

    @extend_schema(request=s.VoteCreateSerializer, responses={201: s.VoteResultSerializer})
    def post(self, request):
        data = s.VoteCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        estate = Estate.objects.filter(slug=data.validated_data["estate"]).first()
        if estate is None or not access.can(request.user, "committee.view", estate.pk):
            raise ValidationError({"estate": [_("Choose an estate whose committee you sit on.")]})
        motion = services.motion_create(estate_id=estate.pk, actor=request.user, data=_input(data))
        return self.answer(motion, status.HTTP_201_CREATED)


class CommitteeVoteDetailView(_Committee, generics.RetrieveAPIView):
    """One vote with its live tally (its final result once closed); PUT rewrites a draft."""

    serializer_class = s.VoteResultSerializer

    def get_object(self):
        return _with_tally(self.motion(self.kwargs["pk"]))

    @extend_schema(request=s.VoteInputSerializer, responses={200: s.VoteResultSerializer})
    def put(self, request, pk):
        self.motion(pk)
        data = s.VoteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self.answer(services.motion_update(motion_id=pk, actor=request.user, data=_input(data)))


class CommitteeVoteAnnounceView(_Committee, APIView):
    """Announce a draft: the agenda and the roll are frozen; voting opens no sooner than the notice period."""

    @extend_schema(request=None, responses={200: s.VoteResultSerializer})
    def post(self, request, pk):
        self.motion(pk)
        return self.answer(services.motion_announce(motion_id=pk, actor=request.user))


class CommitteeVoteCancelView(_Committee, APIView):
    """Withdraw a draft, or an announced vote before voting opens, with a reason owners will read."""

    @extend_schema(request=s.VoteCancelSerializer, responses={200: s.VoteResultSerializer})
    def post(self, request, pk):
        self.motion(pk)
        data = s.VoteCancelSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self.answer(services.motion_cancel(motion_id=pk, actor=request.user, **data.validated_data))


class CommitteeVoteCloseView(_Committee, APIView):
    """Close a vote whose window has ended (the beat task does this too) and publish its result."""

    @extend_schema(request=None, responses={200: s.VoteResultSerializer})
    def post(self, request, pk):
        motion = self.motion(pk)
        if not access.can(request.user, "committee.manage", motion.estate_id):
            raise NotPermitted(_("Only the estate's committee closes its votes."))
        return self.answer(services.motion_close(motion_id=pk, actor=request.user))


class CommitteeVoteExportView(_Committee, APIView):
    """The frozen roll (one row per unit: voter, developer, owners, unit, area) or the ballots (voter, choice,
    channel, proxy, times) as CSV for an official e-voting platform; UTF-8 with a BOM."""

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR})
    def get(self, request, pk, what):
        motion = self.motion(pk)
        if what not in ("roll", "ballots") or motion.roll_date is None:
            raise Http404
        if not access.can(request.user, "committee.manage", motion.estate_id):
            raise NotPermitted(_("Only the estate's committee exports its votes."))
        return exports.csv_response(motion, what)


class PaperBallotView(APIView):
    """Enter a paper or proxy ballot with its scan (committee members and managers of the estate). A home that
    has voted needs a note saying why its ballot is corrected."""

    permission_classes = [HasCapability]
    capability = "votes.paper"

    @extend_schema(request={"multipart/form-data": s.PaperBallotInputSerializer}, responses={201: s.BallotSerializer})
    def post(self, request, pk):
        get_object_or_404(selectors.motions_for_paper_ballots(user=request.user), pk=pk)
        data = s.PaperBallotInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        upload = values.pop("scan")
        paper = services.PaperBallot(**values, scan=upload.read(MAX_BYTES + 1))
        ballot = services.ballot_record_paper(motion_id=pk, actor=request.user, paper=paper)
        return Response(s.BallotSerializer(ballot).data, status=status.HTTP_201_CREATED)


# --- owners ------------------------------------------------------------------------------------------------


def _mine(motion: Motion, user) -> Motion:
    entry, ballot = selectors.my_ballot(motion=motion, user=user)
    motion.on_roll = entry is not None
    motion.my_choice = ballot.choice if ballot else None
    motion.my_channel = ballot.channel if ballot else None
    motion.tally = selectors.live_tally(motion=motion) if motion.status == Motion.Status.CLOSED else None
    return motion


class _Owner:
    permission_classes = [HasPerson]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Motion.objects.none()
        return selectors.motions_for_resident(user=self.request.user).order_by("-opens_at", "-id")


class MyVoteListView(_Owner, generics.ListAPIView):
    """Votes of my estates (announced, closed or cancelled), newest first; the result once closed."""

    serializer_class = s.VoteSerializer


class MyVoteDetailView(_Owner, generics.RetrieveAPIView):
    """One vote: the agenda, whether I am on its roll, my home's ballot, and the result once closed."""

    serializer_class = s.MyVoteSerializer

    def get_object(self):
        return _mine(super().get_object(), self.request.user)


class MyBallotView(_Owner, APIView):
    """POST casts my home's ballot, PUT changes it while voting is open; both need my password again."""

    def _run(self, request, pk, service, code):
        motion = get_object_or_404(self.get_queryset(), pk=pk)
        data = s.BallotInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        service(motion_id=motion.pk, user=request.user, **data.validated_data)
        return Response(s.MyVoteSerializer(_mine(motion, request.user)).data, status=code)

    @extend_schema(request=s.BallotInputSerializer, responses={201: s.MyVoteSerializer})
    def post(self, request, pk):
        return self._run(request, pk, services.ballot_cast, status.HTTP_201_CREATED)

    @extend_schema(request=s.BallotInputSerializer, responses={200: s.MyVoteSerializer})
    def put(self, request, pk):
        return self._run(request, pk, services.ballot_change, status.HTTP_200_OK)
