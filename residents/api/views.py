"""Thin API views: parse, call one selector or service, render. Scoping is in selectors; rules in services."""

from django.contrib.auth import authenticate
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed, NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.audit import audit_record

from .. import access, selectors, services
from ..permissions import HasCapability, HasPerson
from . import serializers as s


class ResidentListMixin:
    """Schema generation calls get_queryset() without a signed-in user."""

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.serializer_class.Meta.model.objects.none()
        return self.resident_queryset()


# --- authentication -----------------------------------------------------------------------------


class TokenCreateView(APIView):
    """Exchange a phone/email and password (plus a TOTP code for staff) for an API token."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_scope = "auth"

    @extend_schema(request=s.TokenInputSerializer, responses={200: s.TokenOutputSerializer})
    def post(self, request):
        data = s.TokenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(
            request._request, username=data.validated_data["username"], password=data.validated_data["password"]
        )
        if user is None:
            raise AuthenticationFailed(_("Wrong phone, email or password."))
        if access.needs_two_factor(user):
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None or not device.verify_token(data.validated_data["otp"]):
                audit_record(action="auth.totp_failed", actor=user, obj=user, request=request)
                raise AuthenticationFailed(_("This account needs a valid two-factor code in “otp”."))
        token, _created = Token.objects.get_or_create(user=user)
        audit_record(action="auth.token_issued", actor=user, obj=user, request=request)
        return Response({"token": token.key})


class SignupView(APIView):
    """Register a resident with a phone number or an email address; answers with an API token."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_scope = "auth"

    @extend_schema(request=s.SignupInputSerializer, responses={201: s.TokenOutputSerializer})
    def post(self, request):
        data = s.SignupInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_signup(data=services.SignupData(**data.validated_data), request=request)
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key}, status=status.HTTP_201_CREATED)


# --- the resident's own data ------------------------------------------------------------------


class MeView(APIView):
    permission_classes = [HasPerson]

    @extend_schema(responses=s.MeSerializer)
    def get(self, request):
        return Response(s.MeSerializer(request.user.person).data)


class MePreferencesView(APIView):
    permission_classes = [HasPerson]

    @extend_schema(request=s.PreferencesInputSerializer, responses=s.MeSerializer)
    def put(self, request):
        data = s.PreferencesInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        person = services.person_update_preferences(person=request.user.person, request=request, **data.validated_data)
        return Response(s.MeSerializer(person).data)


class MyUnitsView(ResidentListMixin, generics.ListAPIView):
    permission_classes = [HasPerson]
    serializer_class = s.UnitSerializer

    def resident_queryset(self):
        return selectors.units_for_resident(user=self.request.user).order_by("id")


class MyClaimsView(ResidentListMixin, generics.ListAPIView):
    permission_classes = [HasPerson]
    serializer_class = s.ClaimSerializer
    throttle_scope = "claims"

    def resident_queryset(self):
        return selectors.claims_for_resident(user=self.request.user).order_by("-created_at", "-id")

    @extend_schema(request=s.ClaimInputSerializer, responses={201: s.ClaimSerializer})
    def post(self, request):
        data = s.ClaimInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        unit = selectors.unit_find(estate_slug=v["estate"], building=v["building"], number=v["number"])
        if unit is None:
            return Response(
                {
                    "code": "invalid",
                    "detail": _("Some fields are not valid."),
                    "errors": {"number": [_("No such unit in that estate and building.")]},
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        claim = services.unit_claim_create(
            person=request.user.person, unit=unit, relation=v["relation"], note=v["note"], request=request
        )
        return Response(s.ClaimSerializer(claim).data, status=status.HTTP_201_CREATED)


class MyClaimDetailView(ResidentListMixin, generics.RetrieveAPIView):
    permission_classes = [HasPerson]
    serializer_class = s.ClaimSerializer

    def resident_queryset(self):
        return selectors.claims_for_resident(user=self.request.user)


# --- staff: the registry ----------------------------------------------------------------------


class StaffEstateListView(generics.ListAPIView):
    permission_classes = [HasCapability]
    capability = "registry.view"
    serializer_class = s.EstateSerializer

    def get_queryset(self):
        return selectors.estates_for_staff(user=self.request.user).order_by("id")


class StaffEstateDetailView(generics.RetrieveAPIView):
    permission_classes = [HasCapability]
    capability = "registry.view"
    serializer_class = s.EstateSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.estates_for_staff(user=self.request.user)


class StaffBuildingListView(generics.ListAPIView):
    permission_classes = [HasCapability]
    capability = "registry.view"
    serializer_class = s.BuildingSerializer
    filterset_fields = {"estate__slug": ["exact"]}

    def get_queryset(self):
        return selectors.buildings_for_staff(user=self.request.user).order_by("id")


class StaffUnitListView(generics.ListAPIView):
    permission_classes = [HasCapability]
    capability = "registry.view"
    serializer_class = s.UnitSerializer
    filterset_fields = {"estate__slug": ["exact"], "building__name": ["exact"], "use": ["exact"]}

    def get_queryset(self):
        return selectors.units_for_staff(user=self.request.user).order_by("id")


class StaffUnitDetailView(generics.RetrieveAPIView):
    permission_classes = [HasCapability]
    capability = "registry.view"
    serializer_class = s.UnitSerializer

    def get_queryset(self):
        return selectors.units_for_staff(user=self.request.user)


class StaffCommonAreaListView(generics.ListAPIView):
    permission_classes = [HasCapability]
    capability = "registry.view"
    serializer_class = s.CommonAreaSerializer
    filterset_fields = {"estate__slug": ["exact"], "kind": ["exact"]}

    def get_queryset(self):
        return selectors.common_areas_for_staff(user=self.request.user).order_by("id")


# --- staff: people and claims ------------------------------------------------------------------


class StaffPersonListView(generics.ListAPIView):
    permission_classes = [HasCapability]
    capability = "people.view"
    serializer_class = s.StaffPersonSerializer

    def get_queryset(self):
        return selectors.people_for_staff(user=self.request.user).order_by("id")


class StaffPersonRevealPhoneView(APIView):
    """Show one person's full phone number; every reveal is audited."""

    permission_classes = [HasCapability]
    capability = "people.reveal_phone"

    @extend_schema(request=None, responses=s.RevealedPhoneSerializer)
    def post(self, request, pk):
        person = get_object_or_404(selectors.people_for_staff(user=request.user), pk=pk)
        estate_ids = selectors.person_estate_ids(person=person)
        allowed = access.estate_ids_with(request.user, "people.reveal_phone")
        estate_id = min(estate_ids if allowed is None else estate_ids & allowed, default=None)
        if estate_id is None:
            raise NotFound()
        phone = services.person_reveal_phone(actor=request.user, person=person, estate_id=estate_id, request=request)
        return Response({"phone": phone})


class StaffClaimListView(generics.ListAPIView):
    permission_classes = [HasCapability]
    capability = "claims.decide"
    serializer_class = s.StaffClaimSerializer
    filterset_fields = {"status": ["exact"], "unit__estate__slug": ["exact"]}

    def get_queryset(self):
        return selectors.claims_for_staff(user=self.request.user).order_by("created_at", "id")


class _ClaimDecisionView(APIView):
    permission_classes = [HasCapability]
    capability = "claims.decide"

    def _claim(self, request, pk):
        return get_object_or_404(selectors.claims_for_staff(user=request.user), pk=pk)


class StaffClaimApproveView(_ClaimDecisionView):
    @extend_schema(request=None, responses=s.StaffClaimSerializer)
    def post(self, request, pk):
        claim = services.unit_claim_approve(claim_id=self._claim(request, pk).pk, actor=request.user, request=request)
        return Response(s.StaffClaimSerializer(claim).data)


class StaffClaimRejectView(_ClaimDecisionView):
    @extend_schema(request=s.RejectInputSerializer, responses=s.StaffClaimSerializer)
    def post(self, request, pk):
        claim = self._claim(request, pk)
        data = s.RejectInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        claim = services.unit_claim_reject(
            claim_id=claim.pk, actor=request.user, reason=data.validated_data["reason"], request=request
        )
        return Response(s.StaffClaimSerializer(claim).data)
