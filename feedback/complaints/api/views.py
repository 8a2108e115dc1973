"""Complaint API: residents under /me/complaints/, staff under /staff/complaints/, the owners' committee under
/committee/complaints/; one view per step. Rows out of the caller's scope answer 404."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core.limits import LimitedThrottleMixin
from residents.permissions import HasCapability, HasPerson

from .. import selectors, services
from ..actions import COMMITTEE_ACTIONS, NOTE_REQUIRED, RESIDENT_ACTIONS, STAFF_ACTIONS, available_actions, run_action
from ..models import Complaint
from . import serializers as s

# audience → (permission classes, capability, scope, list output, detail output, actions, operation prefix)
AUDIENCES = {
    "resident": ([HasPerson], "", selectors.complaints_for_resident, s.ResidentComplaintSerializer,
                 s.ResidentComplaintDetailSerializer, RESIDENT_ACTIONS, "me_complaints"),
    "staff": ([HasCapability], "complaints.handle", selectors.complaints_for_staff, s.HandlerComplaintSerializer,
              s.HandlerComplaintDetailSerializer, STAFF_ACTIONS, "staff_complaints"),
    "committee": ([HasCapability], "complaints.committee", selectors.complaints_for_committee,
                  s.HandlerComplaintSerializer, s.HandlerComplaintDetailSerializer, COMMITTEE_ACTIONS,
                  "committee_complaints"),
}  # fmt: skip


def _detailed(complaint, user, audience: str):
    """The item with its timeline and the steps open to this caller here."""
    complaint.timeline = list(selectors.timeline(complaint=complaint, handler=audience != "resident"))
    complaint.actions = available_actions(complaint, user, AUDIENCES[audience][5])
    return complaint


class _Scoped:
    audience = "resident"

    def scoped(self):
        if getattr(self, "swagger_fake_view", False):
            return Complaint.objects.none()
        return AUDIENCES[self.audience][2](user=self.request.user)


class _List(_Scoped, generics.ListAPIView):
    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False) or self.audience == "resident":
            return self.scoped().prefetch_related("dimension_tags").order_by("-received_at", "-id")
        query = s.ComplaintQueueQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return selectors.queue(self.scoped(), **query.validated_data)


class _Detail(_Scoped, generics.RetrieveAPIView):
    def get_queryset(self):
        return selectors.with_details(self.scoped())

    def get_object(self):
        return _detailed(super().get_object(), self.request.user, self.audience)


# --- residents --------------------------------------------------------------------------------------------


class MyComplaintListView(LimitedThrottleMixin, _List):
    """What I filed, newest first; POST files a complaint, suggestion or praise."""

    permission_classes = [HasPerson]
    write_limit = "feedback"  # counted with the web form (core/limits.py)
    serializer_class = s.ResidentComplaintSerializer

    @extend_schema(request=s.ComplaintInputSerializer, responses={201: s.ResidentComplaintSerializer})
    def post(self, request):
        data = s.ComplaintInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        submission = services.Submission(
            **{**data.validated_data, "dimensions": tuple(data.validated_data["dimensions"])}
        )
        complaint = services.complaint_submit(actor=request.user, submission=submission, request=request)
        found = selectors.with_details(selectors.complaints_for_resident(user=request.user)).get(pk=complaint.pk)
        return Response(s.ResidentComplaintSerializer(found).data, status=status.HTTP_201_CREATED)


class MyComplaintDetailView(_Detail):
    permission_classes = [HasPerson]
    serializer_class = s.ResidentComplaintDetailSerializer


# --- staff and the committee ------------------------------------------------------------------------------


class StaffComplaintListView(_List):
    """The estates' items on the company's route: open ones by default, oldest answer deadline first."""

    audience, capability = "staff", "complaints.handle"
    permission_classes = [HasCapability]
    serializer_class = s.HandlerComplaintSerializer

    @extend_schema(parameters=[s.ComplaintQueueQuerySerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class StaffComplaintDetailView(_Detail):
    audience, capability = "staff", "complaints.handle"
    permission_classes = [HasCapability]
    serializer_class = s.HandlerComplaintDetailSerializer


class CommitteeComplaintListView(_List):
    """Items addressed to the committee, and the company's once rejected twice or overdue with the manager."""

    audience, capability = "committee", "complaints.committee"
    permission_classes = [HasCapability]
    serializer_class = s.HandlerComplaintSerializer

    @extend_schema(parameters=[s.ComplaintQueueQuerySerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class CommitteeComplaintDetailView(_Detail):
    audience, capability = "committee", "complaints.committee"
    permission_classes = [HasCapability]
    serializer_class = s.HandlerComplaintDetailSerializer


# --- one view per step ------------------------------------------------------------------------------------


class _ActionView(_Scoped, APIView):
    action_name = ""

    def post(self, request, pk):
        complaint = get_object_or_404(self.scoped(), pk=pk)
        data = self.input_class(data=request.data)
        data.is_valid(raise_exception=True)
        run_action(self.action_name, complaint_id=complaint.pk, actor=request.user, **data.validated_data)
        found = selectors.with_details(self.scoped()).filter(pk=pk).first()
        if found is None:  # forwarded or concluded out of this caller's scope: the step still happened
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(AUDIENCES[self.audience][3](found).data)


def _action_view(name: str, audience: str):
    """A view class for one step of one audience, with its own schema entry."""
    permissions, capability, _scope, output, _detail, _actions, prefix = AUDIENCES[audience]
    input_class = s.ComplaintNoteInputSerializer if name in NOTE_REQUIRED else s.ComplaintOptionalNoteInputSerializer

    def post(self, request, pk):
        return _ActionView.post(self, request, pk)

    decorated = extend_schema(request=input_class, responses={200: output, 204: None},
                              operation_id=f"{prefix}_{name}")(post)  # fmt: skip
    attrs = {"action_name": name, "audience": audience, "permission_classes": permissions, "capability": capability,
             "input_class": input_class, "post": decorated}  # fmt: skip
    return type(f"{prefix.title().replace('_', '')}{name.title().replace('_', '')}View", (_ActionView,), attrs)


ACTION_VIEWS = {
    audience: {name: _action_view(name, audience) for name in AUDIENCES[audience][5]} for audience in AUDIENCES
}
