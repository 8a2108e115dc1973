from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_response(request, credentials, *args, **kwargs):
    """django-axes calls this when an identifier is locked: 429, translated, same page for HTML and API."""
    message = _("Too many failed sign-in attempts. Try again in an hour or ask the property office to unlock you.")
    if request.path.startswith("/api/"):
        from django.http import JsonResponse

        return JsonResponse({"code": "locked_out", "detail": message}, status=429)
    return render(request, "core/locked_out.html", {"message": message}, status=429)


def _api_error(request, status: int, code: str, message: str):
    """An unknown or failed API request answers in its API's JSON shape, never with an HTML page."""
    from django.http import JsonResponse

    if request.path.startswith("/open311/"):  # the GeoReport v2 shape, as repairs.open311.api.errors
        if request.path.endswith(".xml"):  # the suffix is the format, for errors too
            return _open311_xml_error(status, message)
        return JsonResponse([{"code": status, "description": message}], status=status, safe=False)
    return JsonResponse({"code": code, "detail": message}, status=status)


def _open311_xml_error(status: int, message: str):
    """<errors><error><code>…</code><description>…</description></error></errors>, as the Open311 XML renderer
    writes errors (repairs.open311.api.renderers; core cannot import it)."""
    import io
    from xml.etree import ElementTree

    from django.http import HttpResponse

    errors = ElementTree.Element("errors")
    error = ElementTree.SubElement(errors, "error")
    ElementTree.SubElement(error, "code").text = str(status)
    ElementTree.SubElement(error, "description").text = message
    out = io.BytesIO()
    ElementTree.ElementTree(errors).write(out, encoding="UTF-8", xml_declaration=True)
    return HttpResponse(out.getvalue(), status=status, content_type="text/xml; charset=utf-8")


def _is_api(request) -> bool:
    return request.path.startswith(("/api/", "/open311/"))


def page_not_found(request, exception=None):
    """handler404: the friendly translated page (with the site's navigation), or JSON under /api/ and /open311/."""
    if _is_api(request):
        from rest_framework.exceptions import NotFound

        return _api_error(request, 404, "not_found", str(NotFound.default_detail))
    return render(request, "404.html", status=404)


def bad_request(request, exception=None):
    """handler400: a request body Django refused (too many files, too much data) is named for the user, as
    JSON under /api/ and /open311/ or as a page; any other bad request gets a short generic answer."""
    from .uploads import request_refusal

    refusal = request_refusal(exception) or _bad_request_refusal()
    if _is_api(request):
        return _api_error(request, refusal.status, refusal.code, refusal.message)
    return render(request, "400.html", {"message": refusal.message}, status=refusal.status)


def _bad_request_refusal():
    from .uploads import Refusal

    return Refusal(400, "bad_request", _("The request could not be understood. Go back and try again."))


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: an unsafe request under /api/ or /open311/ that no API route takes (Wagtail's catch-all
    gets it) is refused in the API's JSON shape, like its 404s, never with Django's HTML page."""
    if _is_api(request):
        return _api_error(request, 403, "csrf_failed", _("The request was refused: it is not a known API operation."))
    from django.views.csrf import csrf_failure as django_csrf_failure

    return django_csrf_failure(request, reason=reason)


def server_error(request):
    """handler500: rendered without the request, so no context processor runs and nothing touches the database
    (which may be what failed)."""
    from django.http import HttpResponseServerError
    from django.template import loader

    if _is_api(request):
        return _api_error(request, 500, "server_error", _("Something went wrong on our side. Please try again later."))
    return HttpResponseServerError(loader.get_template("500.html").render())
