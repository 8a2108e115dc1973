"""Campaign and instrument API for survey managers (feedback.manage), estate-scoped: another estate's
campaign or instrument is a 404. One view per workflow action (launch, close, publish, new version)."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from feedback.instruments import services as instruments
from feedback.models import Instrument
from residents.permissions import HasCapability

from .. import selectors, services
from ..models import Campaign
from . import serializers as s


class _Managers:
    permission_classes = [HasCapability]
    capability = selectors.CAPABILITY


def _estate_id(user, slug: str) -> int:
    estate = selectors.managed_estates(user=user).filter(slug=slug).first()
    if estate is None:
        raise ValidationError({"estate": [_("Choose an estate where you run surveys.")]})
    return estate.pk


# --- campaigns ------------------------------------------------------------------------------------------------


class _CampaignView(_Managers):
    serializer_class = s.CampaignSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Campaign.objects.none()
        return selectors.campaigns_for_manager(user=self.request.user)

    def _answer(self, campaign_id: int, code=status.HTTP_200_OK) -> Response:
        return Response(s.CampaignSerializer(self.get_queryset().get(pk=campaign_id)).data, status=code)


def _campaign_input(data) -> services.CampaignInput:
    return services.CampaignInput(**{k: v for k, v in data.validated_data.items() if k != "estate"})


class StaffCampaignListView(_CampaignView, generics.ListAPIView):
    """Campaigns of the estates where you run surveys, newest first, with invited and answered counts."""

    filterset_fields = {"estate__slug": ["exact"], "status": ["exact"]}

    @extend_schema(request=s.CampaignCreateInputSerializer, responses={201: s.CampaignSerializer})
    def post(self, request):
        """Draft a campaign; nothing is sent until it is launched."""
        data = s.CampaignCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        estate_id = _estate_id(request.user, data.validated_data["estate"])
        campaign = services.campaign_create(actor=request.user, estate_id=estate_id, data=_campaign_input(data))
        return self._answer(campaign.pk, status.HTTP_201_CREATED)


class StaffCampaignDetailView(_CampaignView, generics.RetrieveAPIView):
    @extend_schema(request=s.CampaignInputSerializer, responses=s.CampaignSerializer)
    def put(self, request, pk):
        """Replace a draft's settings (409 once launched)."""
        campaign = self.get_object()
        data = s.CampaignInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.campaign_update(actor=request.user, campaign_id=campaign.pk, data=_campaign_input(data))
        return self._answer(campaign.pk)


class StaffCampaignLaunchView(_CampaignView, APIView):
    """Freeze the households, draw the sample and start the invitations (409 if already launched)."""

    @extend_schema(request=None, responses=s.CampaignSerializer)
    def post(self, request, pk):
        campaign = get_object_or_404(self.get_queryset(), pk=pk)
        services.campaign_launch(actor=request.user, campaign_id=campaign.pk)
        return self._answer(campaign.pk)


class StaffCampaignCloseView(_CampaignView, APIView):
    """Close a running campaign: unanswered invitations expire (409 unless running)."""

    @extend_schema(request=None, responses=s.CampaignSerializer)
    def post(self, request, pk):
        campaign = get_object_or_404(self.get_queryset(), pk=pk)
        services.campaign_close(actor=request.user, campaign_id=campaign.pk)
        return self._answer(campaign.pk)


class StaffCampaignResponseRatesView(_CampaignView, APIView):
    """Live response rate per building and overall, with 满意率 (withheld below five answers) against the
    level-1 target."""

    @extend_schema(responses=s.CampaignResponseRatesSerializer)
    def get(self, request, pk):
        campaign = get_object_or_404(self.get_queryset().select_related("instrument"), pk=pk)
        rates = selectors.response_rates(campaign=campaign)
        return Response(s.CampaignResponseRatesSerializer(s.rates_data(campaign, rates)).data)


# --- instruments ----------------------------------------------------------------------------------------------


class _InstrumentView(_Managers):
    serializer_class = s.InstrumentSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Instrument.objects.none()
        return selectors.instruments_for_manager(user=self.request.user)

    def _answer(self, instrument_id: int, code=status.HTTP_200_OK) -> Response:
        instrument = self.get_queryset().prefetch_related("items").get(pk=instrument_id)
        drafted = instrument.status == Instrument.Status.DRAFT
        instrument.publish_problems = instruments.publish_problems(instrument) if drafted else []
        return Response(s.InstrumentDetailSerializer(instrument).data, status=code)


class StaffInstrumentListView(_InstrumentView, generics.ListAPIView):
    """Questionnaires you may use: the shared ones and your estates' own, every version."""

    filterset_fields = {"estate__slug": ["exact"], "purpose": ["exact"], "status": ["exact"], "key": ["exact"]}

    @extend_schema(request=s.InstrumentCreateInputSerializer, responses={201: s.InstrumentDetailSerializer})
    def post(self, request):
        """Start an estate's own questionnaire (version 1, a draft without statements)."""
        data = s.InstrumentCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        estate_id = _estate_id(request.user, values.pop("estate"))
        instrument = instruments.instrument_draft_create(actor=request.user, estate_id=estate_id,
                                                         spec=instruments.InstrumentSpec(**values))  # fmt: skip
        return self._answer(instrument.pk, status.HTTP_201_CREATED)


class StaffInstrumentDetailView(_InstrumentView, APIView):
    """One questionnaire with its statements (both languages) and, for a draft, what blocks publishing."""

    @extend_schema(responses=s.InstrumentDetailSerializer)
    def get(self, request, pk):
        return self._answer(get_object_or_404(self.get_queryset(), pk=pk).pk)


class StaffInstrumentItemsView(_InstrumentView, APIView):
    """Replace a draft's statements (409 once published: make a new version)."""

    @extend_schema(request=s.InstrumentItemsInputSerializer, responses=s.InstrumentDetailSerializer)
    def put(self, request, pk):
        instrument = get_object_or_404(self.get_queryset(), pk=pk)
        data = s.InstrumentItemsInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        items = [instruments.ItemText(**item) for item in data.validated_data["items"]]
        instruments.instrument_items_replace(instrument_id=instrument.pk, actor=request.user, items=items)
        return self._answer(instrument.pk)


class StaffInstrumentPublishView(_InstrumentView, APIView):
    """Publish a draft: it never changes again and earlier versions of its key retire (400 names the problems)."""

    @extend_schema(request=None, responses=s.InstrumentDetailSerializer)
    def post(self, request, pk):
        instrument = get_object_or_404(self.get_queryset(), pk=pk)
        instruments.instrument_publish(instrument_id=instrument.pk, actor=request.user)
        return self._answer(instrument.pk)


class StaffInstrumentNewVersionView(_InstrumentView, APIView):
    """A draft copy with the next version number (an open draft of the key is returned instead)."""

    @extend_schema(request=None, responses={201: s.InstrumentDetailSerializer})
    def post(self, request, pk):
        instrument = get_object_or_404(self.get_queryset(), pk=pk)
        draft = instruments.instrument_new_version(instrument_id=instrument.pk, actor=request.user)
        return self._answer(draft.pk, status.HTTP_201_CREATED)
