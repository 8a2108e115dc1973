"""Session limits and the two-factor gate, both decided by the user's role class (residents.access)."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from core.audit import audit_record

from .access import may_enter_admin_sites, needs_two_factor


def _limits(user):
    # A Wagtail editor holds no estate role, but once past the TOTP step their session can reach /cms/: staff
    # limits. (The permission query runs for verified sessions only, so residents' requests do not pay it.)
    privileged = needs_two_factor(user) or (user.is_verified() and may_enter_admin_sites(user))
    return settings.LINLI_SESSION_LIMITS["staff" if privileged else "resident"]


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
    # Whoever can enter an admin site needs the code there, however the access was granted (is_staff, a
    # Wagtail group): checked on these paths only, so other requests pay no permission query.
    ADMIN_PREFIXES = ("/cms/", "/django-admin/")

    def __init__(self, get_response):
        self.get_response = get_response

    def _must_verify(self, request) -> bool:
        user, path = request.user, request.path
        if not user.is_authenticated or user.is_verified() or path.startswith(self.OPEN_PREFIXES):
            return False
        return needs_two_factor(user) or (path.startswith(self.ADMIN_PREFIXES) and may_enter_admin_sites(user))

    def __call__(self, request):
        if self._must_verify(request):
            if request.path.startswith("/api/"):
                message = _("Two-factor sign-in is required for this account.")
                return JsonResponse({"code": "two_factor_required", "detail": message}, status=403)
            return redirect(f"{reverse('account-two-factor')}?next={request.path}")
        return self.get_response(request)
