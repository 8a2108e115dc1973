from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_response(request, credentials, *args, **kwargs):
    """django-axes calls this when an identifier is locked: 429, translated, same page for HTML and API."""
    message = _("Too many failed sign-in attempts. Try again in an hour or ask the property office to unlock you.")
    if request.path.startswith("/api/"):
        from django.http import JsonResponse

        return JsonResponse({"code": "locked_out", "detail": message}, status=429)
    return render(request, "core/locked_out.html", {"message": message}, status=429)
