"""Who is calling: an Open311 client named by its `api_key` (query string, or the POST body as the spec has
it), throttled per key; callers without a key are throttled per address. Every caller is also throttled per
address before its key is looked at, so guessing keys is rate-limited too."""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import BasePermission
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle

from ...models import Open311Client
from ..keys import open311_client_for_key


def _given_key(request) -> str:
    key = request.query_params.get("api_key", "")
    if not key and request.method == "POST" and hasattr(request.data, "get"):
        key = request.data.get("api_key", "")
    return key if isinstance(key, str) else ""


class Open311KeyAuthentication(BaseAuthentication):
    """request.auth becomes the client; request.user stays anonymous (a client is not a person)."""

    def authenticate(self, request):
        key = _given_key(request)
        if not key:
            return None
        client = open311_client_for_key(key)
        if client is None:  # unknown and deactivated keys get the same answer
            raise AuthenticationFailed(_("The api_key is not valid."))
        return AnonymousUser(), client


class HasOpen311Key(BasePermission):
    message = _("The api_key is not valid.")

    def has_permission(self, request, view):
        return isinstance(request.auth, Open311Client)


class Open311Throttle(ScopedRateThrottle):
    """The `open311` rate, counted per client (or per address for callers without a key)."""

    def get_cache_key(self, request, view):
        client = request.auth if isinstance(request.auth, Open311Client) else None
        ident = f"client-{client.pk}" if client else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class Open311AddressThrottle(SimpleRateThrottle):
    """The `open311_address` rate, counted per caller address whatever key it sends (checked before the key)."""

    scope = "open311_address"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class Open311KeyScheme(OpenApiAuthenticationExtension):
    target_class = Open311KeyAuthentication
    name = "open311ApiKey"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "query", "name": "api_key"}
