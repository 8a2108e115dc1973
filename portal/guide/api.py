"""The resident API of the service guide: GET /api/v1/me/estates/<estate>/service-guide/ (404 for an estate the
resident does not live in, or one without a published guide)."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from committee.disclosures.models import Disclosure
from committee.disclosures.services import PRICE_HOTLINE
from portal.estate_pages import page_for_resident
from residents.permissions import HasPerson

from .models import ServiceGuidePage
from .selectors import guide_of


class GuideHoursSerializer(serializers.Serializer):
    service = serializers.CharField(help_text="desk, office, repair_line, emergency or other")
    name = serializers.CharField()
    around_the_clock = serializers.BooleanField()
    days = serializers.ListField(child=serializers.IntegerField(), help_text="ISO weekdays, 1 = Monday.")
    opens = serializers.TimeField(allow_null=True)
    closes = serializers.TimeField(allow_null=True)
    when = serializers.CharField(help_text="The hours in words, in the request's language.")
    note = serializers.CharField()


class GuideContactSerializer(serializers.Serializer):
    name = serializers.CharField()
    phone = serializers.CharField()
    place = serializers.CharField()
    note = serializers.CharField()


class GuideFeeStandardSerializer(serializers.ModelSerializer):
    """A published fee standard in force today, as the company disclosed it."""

    price_hotline = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text="The entry in the resident API, with attachments and questions.")

    class Meta:
        model = Disclosure
        fields = ["id", "title", "period_start", "period_end", "body", "published_at", "price_hotline", "url"]
        read_only_fields = fields

    def get_price_hotline(self, entry) -> str:
        return PRICE_HOTLINE

    def get_url(self, entry) -> str:
        return reverse("api-my-disclosure", kwargs={"estate": self.context["estate"].slug, "pk": entry.pk})


class GuidePromiseSerializer(serializers.Serializer):
    """The estate's repair service level for a priority (or a trade at a priority)."""

    key = serializers.CharField(help_text="The priority, or <trade>:<priority> for a trade's own targets.")
    label = serializers.CharField()
    response_minutes = serializers.IntegerField(source="targets.response_minutes")
    arrival_minutes = serializers.IntegerField(source="targets.arrival_minutes")
    resolution_minutes = serializers.IntegerField(source="targets.resolution_minutes")
    around_the_clock = serializers.BooleanField(source="targets.around_the_clock")
    words = serializers.CharField()
    clock = serializers.CharField()


class ServiceGuideSerializer(serializers.Serializer):
    estate = serializers.CharField(source="page.estate.slug")
    title = serializers.CharField(source="page.title")
    url = serializers.CharField(help_text="The guide's page on the website.")
    commitments = serializers.CharField(source="guide.commitments", help_text="Whitelisted HTML.")
    hours = GuideHoursSerializer(source="guide.hours", many=True)
    contacts = GuideContactSerializer(source="guide.contacts", many=True)
    fee_standards = GuideFeeStandardSerializer(source="guide.fee_standards", many=True)
    repair_promises = GuidePromiseSerializer(source="guide.promises", many=True)


class MyServiceGuideView(APIView):
    """The service guide of one of my estates: hours, contacts, commitments, and live from their sources the fee
    standards in force and the repair response times."""

    permission_classes = [HasPerson]

    @extend_schema(responses=ServiceGuideSerializer)
    def get(self, request, estate):
        page = page_for_resident(user=request.user, slug=estate, page_type=ServiceGuidePage)
        shown = {"page": page, "guide": guide_of(page), "url": page.get_url(request=request) or ""}
        return Response(ServiceGuideSerializer(shown, context={"request": request, "estate": page.estate}).data)
