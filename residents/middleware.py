"""Session limits and the two-factor gate, both decided by the user's role class (residents.access)."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from core.audit import audit_record

from .access import needs_two_factor


def _limits(user):
    return settings.LINLI_SESSION_LIMITS["staff" if needs_two_factor(user) else "resident"]


class SessionTimeoutMiddleware:
    """Logs out a session idle too long or older than the absolute limit (ASVS 7.3.1/7.3.2)."""

    TOUCH_EVERY = 60  # seconds; avoids a session write on every request

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            now = int(time.time())
            session = request.session
            idle, absolute = _limits(user)
            started = session.setdefault("linli_started", now)
            seen = session.get("linli_seen", now)
            if now - seen > idle or now - started > absolute:
                audit_record(action="auth.session_expired", actor=user, obj=user, request=request)
                logout(request)
            elif now - seen >= self.TOUCH_EVERY or "linli_seen" not in session:
                session["linli_seen"] = now
        return self.get_response(request)


class RequireTwoFactorMiddleware:
    """Staff, committee members and admins must pass a TOTP check before any page but the sign-in flow.

    API requests with a token are checked when the token is issued (residents.api.auth).
    """

    OPEN_PREFIXES = ("/accounts/", "/static/", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and needs_two_factor(user)
            and not request.path.startswith(self.OPEN_PREFIXES)
        ):
            if request.path.startswith("/api/"):
                message = _("Two-factor sign-in is required for this account.")
                return JsonResponse({"code": "two_factor_required", "detail": message}, status=403)
            return redirect(f"{reverse('account-two-factor')}?next={request.path}")
        return self.get_response(request)
