"""One API exception handler: domain errors, Django validation errors and DRF's own, in one JSON shape.

Shape: {"code": "...", "detail": "translated message", "errors": {field: [messages]}} (errors only for
validation). Denials are written to the audit log.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from ..audit import audit_record
from ..errors import LinliError
from ..uploads import request_refusal


def _validation_payload(errors):
    return {"code": "invalid", "detail": _("Some fields are not valid."), "errors": errors}


def exception_handler(exc, context):
    request = context.get("request")
    refusal = request_refusal(exc)
    if refusal is not None:
        response = Response({"code": refusal.code, "detail": refusal.message}, status=refusal.status)
    elif isinstance(exc, LinliError):
        response = Response({"code": exc.code, "detail": exc.message}, status=exc.status_code)
    elif isinstance(exc, DjangoValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        response = Response(_validation_payload(errors), status=status.HTTP_400_BAD_REQUEST)
    else:
        if isinstance(exc, Http404):
            exc = exceptions.NotFound()
        elif isinstance(exc, PermissionDenied):
            exc = exceptions.PermissionDenied()
        response = drf_exception_handler(exc, context)
        if response is None:
            return None
        if isinstance(exc, exceptions.ValidationError):
            data = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
            response.data = _validation_payload(data)
        else:
            response.data = {"code": getattr(exc, "default_code", "error"), "detail": response.data.get("detail")}
    if response.status_code in (401, 403) and request is not None:
        audit_record(
            action="access.denied",
            actor=getattr(request, "user", None),
            request=request,
            path=request.path[:200],
            method=request.method,
            status=response.status_code,
        )
    return response
