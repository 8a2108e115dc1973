"""Supervision API: the committee under /committee/<slug>/supervision/ (list, raise, detail, close, reopen,
publish), the company under /staff/committee/<slug>/supervision/ (list, detail, answer), residents under
/me/committee/<slug>/supervision/ (published items). Another estate's answers 404."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from residents.permissions import HasCapability, HasPerson

from .. import selectors, services
from ..actions import run_action
from ..models import SupervisionItem
from ..workflow import actions_for
from . import serializers as s


class _Scoped:
    capability = "committee.view"
    permission_classes = [HasCapability]

    def estate(self):
        return selectors.estate_for(user=self.request.user, slug=self.kwargs["slug"], capability=self.capability)

    def items(self):
        if getattr(self, "swagger_fake_view", False):
            return SupervisionItem.objects.none()
        return selectors.supervision_items(estate=self.estate())


class _List(_Scoped, generics.ListAPIView):
    serializer_class = s.SupervisionItemSerializer

    def get_queryset(self):
        return self.items()


class _Detail(_Scoped, generics.RetrieveAPIView):
    serializer_class = s.SupervisionItemDetailSerializer
    allowed: tuple = ()

    def get_queryset(self):
        return self.items()

    def get_object(self):
        item = super().get_object()
        item.timeline = list(selectors.timeline(item=item))
        roles = services.actor_roles(self.request.user, item)
        item.actions = [a for a in actions_for(status=item.status, actors=roles) if a in self.allowed]
        return item


class CommitteeSupervisionListView(_List):
    """The estate's supervision items, overdue first; POST raises one (committee.manage)."""

    @extend_schema(request=s.SupervisionRaiseInputSerializer, responses={201: s.SupervisionItemSerializer})
    def post(self, request, slug):
        estate = self.estate()
        data = s.SupervisionRaiseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        draft = services.Draft(**data.validated_data)
        item = services.supervision_raise(actor=request.user, estate_id=estate.pk, draft=draft, request=request)
        return Response(s.SupervisionItemSerializer(self.items().get(pk=item.pk)).data, status=status.HTTP_201_CREATED)


class CommitteeSupervisionDetailView(_Detail):
    allowed = ("close", "reopen", "publish")


class CompanySupervisionListView(_List):
    """What the estate's committee asks of the company, overdue first."""

    capability = "committee.answer"


class CompanySupervisionDetailView(_Detail):
    capability = "committee.answer"
    allowed = ("answer",)


class _Step(_Scoped, APIView):
    action_name = ""
    input_class = s.SupervisionCloseInputSerializer

    def post(self, request, slug, pk):
        item = get_object_or_404(self.items(), pk=pk)
        data = self.input_class(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        note = values.get("answer") or values.get("reason") or values.get("note") or ""
        run_action(self.action_name, item_id=item.pk, actor=request.user, note=note,
                   answer_due=values.get("answer_due"), request=request)  # fmt: skip
        return Response(s.SupervisionItemSerializer(self.items().get(pk=item.pk)).data)


def _step(name: str, capability: str, input_class, operation_id: str):
    """A view class for one step, with its own schema entry."""

    def post(self, request, slug, pk):
        return _Step.post(self, request, slug, pk)

    decorated = extend_schema(request=input_class, responses={200: s.SupervisionItemSerializer},
                              operation_id=operation_id)(post)  # fmt: skip
    attrs = {"action_name": name, "capability": capability, "input_class": input_class, "post": decorated}
    return type(f"Supervision{name.title()}View", (_Step,), attrs)


CommitteeSupervisionCloseView = _step("close", "committee.view", s.SupervisionCloseInputSerializer,
                                      "committee_supervision_close")  # fmt: skip
CommitteeSupervisionReopenView = _step("reopen", "committee.view", s.SupervisionReopenInputSerializer,
                                       "committee_supervision_reopen")  # fmt: skip
CommitteeSupervisionPublishView = _step("publish", "committee.view", s.SupervisionPublishInputSerializer,
                                        "committee_supervision_publish")  # fmt: skip
CompanySupervisionAnswerView = _step("answer", "committee.answer", s.SupervisionAnswerInputSerializer,
                                     "staff_committee_supervision_answer")  # fmt: skip


class PublishedSupervisionListView(generics.ListAPIView):
    """What the committee published to the residents of one of the caller's estates."""

    permission_classes = [HasPerson]
    serializer_class = s.PublishedSupervisionSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SupervisionItem.objects.none()
        estate = selectors.estate_for_resident(user=self.request.user, slug=self.kwargs["slug"])
        return selectors.supervision_published(estate=estate)
