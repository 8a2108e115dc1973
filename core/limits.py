"""Per-user abuse limits on what residents file (SECURITY.md §5.16), one mechanism for the API and the web forms.

The rates are DRF throttle rates (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], env-overridable); the counting is
DRF's own sliding window (SimpleRateThrottle) in the default cache, under one key per scope and user, so a
resident who files 15 repairs on the website and 5 through the app has used 20 of the same allowance.

- API: a view names its scope in `write_limit`; `WriteLimit` (in DEFAULT_THROTTLE_CLASSES) counts its POSTs
  only, so the list on the same URL stays free, and the exception handler answers 429 {"code","detail"} with
  Retry-After.
- Web: `@limit_posts(scope, when=...)` counts the same way before the view runs, and answers a translated 429
  page with Retry-After; the view never ran, so nothing is half-saved.

Every attempt counts, valid or not (DRF throttles run before validation): the allowances are far above what an
honest household needs, so a few mistyped forms never reach them.
"""

import math
from datetime import timedelta
from functools import wraps

from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from rest_framework.exceptions import Throttled
from rest_framework.permissions import SAFE_METHODS
from rest_framework.throttling import SimpleRateThrottle


def limit_message(wait: float) -> str:
    again = timezone.localtime() + timedelta(seconds=math.ceil(wait))
    return _("You have sent this too many times in a short while. Please try again after %(time)s.") % {
        "time": time_format(again, "H:i")
    }


class WriteLimit(SimpleRateThrottle):
    """Counts a user's writes under the view's `write_limit` scope; views without one are not limited here."""

    cache_format = "limit_%(scope)s_%(ident)s"

    def __init__(self):
        pass  # the rate depends on the view's scope (set in allow_request), as in ScopedRateThrottle

    def allow_request(self, request, view):
        scope = getattr(view, "write_limit", None)
        if scope is None or request.method in SAFE_METHODS:
            return True
        return self.take(request, scope)

    def take(self, request, scope: str) -> bool:
        """Count one attempt of `scope` by this user; False when the allowance is used up."""
        self.scope = scope
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, None)

    def get_cache_key(self, request, view):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None  # these views require sign-in; anonymous callers are refused before throttles run
        return self.cache_format % {"scope": self.scope, "ident": user.pk}


def throttled(wait: float) -> Throttled:
    """The API's 429 (Retry-After is set by DRF from `wait`) with Linli's message."""
    return Throttled(wait=wait, detail=limit_message(wait))


class LimitedThrottleMixin:
    """For API views with `write_limit`: raise Throttled with Linli's translated message instead of DRF's."""

    def throttled(self, request, wait):
        raise throttled(wait or 0)


def limit_posts(scope: str, *, when=None):
    """Decorate a web view: each POST (or each request `when(request)` is true for) counts against `scope` for
    the signed-in user, in the same counter as the API; over the allowance the view does not run and the user
    gets a 429 page with Retry-After."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            counted = when(request) if when is not None else request.method == "POST"
            if counted:
                limit = WriteLimit()
                if not limit.take(request, scope):
                    wait = limit.wait() or 0
                    response = render(request, "core/limited.html", {"message": limit_message(wait)}, status=429)
                    response["Retry-After"] = str(max(1, math.ceil(wait)))
                    return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
