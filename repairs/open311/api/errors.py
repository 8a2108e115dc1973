"""Errors in the spec's shape, [{"code": <HTTP status>, "description": "…"}] (XML: <errors><error>…),
built on Linli's one exception handler so statuses, translations, Retry-After and denial audits stay the same."""

from django.utils.translation import gettext as _
from rest_framework import exceptions

from core.api.exceptions import exception_handler


def _descriptions(data) -> list[str]:
    errors = data.get("errors")
    if not errors:
        return [str(data.get("detail") or _("The request could not be completed."))]
    if not isinstance(errors, dict):
        return [str(message) for message in errors]
    return [
        str(message) if field == "non_field_errors" else f"{field}: {message}"
        for field, messages in errors.items()
        for message in (messages if isinstance(messages, list) else [messages])
    ]


def open311_exception_handler(exc, context):
    if isinstance(exc, exceptions.NotAuthenticated):  # no key at all: the spec answers 403 with a reason
        exc = exceptions.PermissionDenied(_("Send your api_key with the request."))
    response = exception_handler(exc, context)
    if response is not None:
        response.data = [{"code": response.status_code, "description": text} for text in _descriptions(response.data)]
    return response
