"""GeoReport v2 endpoints. Each view is made once per format (views_for), since the URL suffix (.json,
.xml) is the content negotiation; XML has the spec's root and item tags."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.serializers import ListSerializer
from rest_framework.views import APIView

from .. import present, selectors
from ..intake import Open311Report, open311_request_submit
from . import serializers as s
from .auth import HasOpen311Key, Open311AddressThrottle, Open311KeyAuthentication, Open311Throttle
from .errors import open311_exception_handler
from .renderers import Open311XMLRenderer

# drf-spectacular wraps list answers in an array for 2xx only; one ListSerializer level more makes errors one too
ERRORS = ListSerializer(child=s.Open311ErrorSerializer(many=True))


class _Open311View(APIView):
    authentication_classes = [Open311KeyAuthentication]
    permission_classes = [HasOpen311Key]
    throttle_classes = [Open311Throttle]
    throttle_scope = "open311"
    parser_classes = [FormParser, MultiPartParser, JSONParser]  # the spec posts form fields
    renderer_classes = [JSONRenderer]
    xml_root = xml_item = ""

    def get_exception_handler(self):
        return open311_exception_handler

    def perform_authentication(self, request):
        # DRF throttles after authenticating, and an unknown key fails authentication: count the address
        # first, so a flood of guessed keys is answered 429 without a key lookup each time.
        throttle = Open311AddressThrottle()
        if not throttle.allow_request(request, self):
            self.throttled(request, throttle.wait())
        super().perform_authentication(request)

    def check_jurisdiction(self, data):
        given = data.get("jurisdiction_id")
        if given and given != self.request.auth.estate.slug:
            raise ValidationError({"jurisdiction_id": [_("This api_key belongs to another jurisdiction.")]})


class ServiceListView(_Open311View):
    """The services (repair trades) requests can be filed for. Public: the list holds nothing private."""

    authentication_classes = []
    permission_classes = [AllowAny]
    xml_root, xml_item = "services", "service"

    @extend_schema(responses={200: s.Open311ServiceSerializer(many=True)}, auth=[])
    def get(self, request, **kwargs):
        return Response([present.service_fields(trade) for trade in selectors.open311_services()])


class ServiceDefinitionView(_Open311View):
    """A service's extra attributes: none in Linli (metadata is false), so a known code has an empty list."""

    authentication_classes = []
    permission_classes = [AllowAny]
    xml_root = "service_definition"

    @extend_schema(responses={200: s.Open311ServiceDefinitionSerializer, 404: ERRORS}, auth=[])
    def get(self, request, service_code, **kwargs):
        trade = selectors.open311_service(code=service_code)
        if trade is None:
            raise NotFound(_("No service has the code “%(code)s”.") % {"code": service_code})
        return Response({"service_code": trade.key, "attributes": []})


class RequestListView(_Open311View):
    """GET: the key's estate's requests it may see (its own, and common areas'). POST: file a request."""

    xml_root, xml_item = "service_requests", "request"

    @extend_schema(parameters=[s.Open311RequestQuerySerializer],
                   responses={200: s.Open311RequestSerializer(many=True), 400: ERRORS, 403: ERRORS})  # fmt: skip
    def get(self, request, **kwargs):
        params = s.Open311RequestQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        self.check_jurisdiction(params.validated_data)
        orders = selectors.open311_requests(client=request.auth, query=params.query())
        return Response([present.request_fields(order) for order in orders])

    @extend_schema(request=s.Open311RequestInputSerializer,
                   responses={201: s.Open311RequestCreatedSerializer(many=True), 400: ERRORS, 403: ERRORS})  # fmt: skip
    def post(self, request, **kwargs):
        data = s.Open311RequestInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        self.check_jurisdiction(data.validated_data)
        fields = {name: data.validated_data[name] for name in (
            "service_code", "description", "address_id", "address_string", "email", "phone", "first_name",
            "last_name")}  # fmt: skip
        report = Open311Report(**fields, priority=data.validated_data["linli_priority"])
        order = open311_request_submit(client=request.auth, report=report, request=request)
        return Response([present.created_fields(order)], status=status.HTTP_201_CREATED)


class RequestDetailView(_Open311View):
    """One request, as a list of one (the spec's shape); 404 when the key may not see it."""

    xml_root, xml_item = "service_requests", "request"

    @extend_schema(
        parameters=[s.Open311JurisdictionSerializer],
        responses={200: s.Open311RequestSerializer(many=True), 403: ERRORS, 404: ERRORS},
    )
    def get(self, request, pk, **kwargs):
        self.check_jurisdiction(request.query_params)
        order = selectors.open311_visible_requests(client=request.auth).filter(pk=pk).first()
        if order is None:
            raise NotFound(_("No such service request."))
        return Response([present.request_fields(order)])


def views_for(view, name: str) -> dict:
    """{"json": view, "xml": view} classes for one endpoint, each with one renderer and its own operation ids."""
    made = {}
    for fmt, renderer in (("json", JSONRenderer), ("xml", Open311XMLRenderer)):
        methods = [method for method in ("get", "post") if hasattr(view, method)]
        schema = {method: extend_schema(operation_id=f"open311_{name}_{method}_{fmt}", tags=["open311"])
                  for method in methods}  # fmt: skip
        made[fmt] = extend_schema_view(**schema)(
            type(f"{view.__name__}{fmt.upper()}", (view,), {"renderer_classes": [renderer]})
        )
    return made


SERVICES = views_for(ServiceListView, "services")
SERVICE = views_for(ServiceDefinitionView, "service")
REQUESTS = views_for(RequestListView, "requests")
REQUEST = views_for(RequestDetailView, "request")
