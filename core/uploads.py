"""Refusals of a request's uploads as a whole, named for the user. Django raises these while it parses the
body (before any form or serializer sees a file): more files than DATA_UPLOAD_MAX_NUMBER_FILES, more fields
than DATA_UPLOAD_MAX_NUMBER_FIELDS, or more non-file data than DATA_UPLOAD_MAX_MEMORY_SIZE. Rendered as JSON
by the API exception handler and as a page by handler400 (core.views.bad_request); an oversized single file
is refused by each field's own validation (repairs.images, committee.documents.files, residents.importer).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Refusal:
    status: int
    code: str
    message: str


def request_refusal(exc: Exception) -> Refusal | None:
    """What to tell the user when Django refused the request body; None for any other exception."""
    if isinstance(exc, TooManyFilesSent):
        message = _("Too many files in one upload: send at most %(n)s at a time.")
        return Refusal(400, "too_many_files", message % {"n": settings.DATA_UPLOAD_MAX_NUMBER_FILES})
    if isinstance(exc, TooManyFieldsSent):
        message = _("The form sent too many fields (at most %(n)s).")
        return Refusal(400, "too_many_fields", message % {"n": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS})
    if isinstance(exc, RequestDataTooBig):
        message = _("The form sent too much text (at most %(size)s besides its files).")
        return Refusal(413, "too_large", message % {"size": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)})
    return None
