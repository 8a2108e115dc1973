"""The scan of a paper or proxy ballot: a photo (re-encoded, metadata dropped) or a PDF, 10 MB at most."""

import uuid
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from repairs import images

MAX_BYTES = images.MAX_BYTES


class BadScan(ValueError):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Scan:
    name: str
    data: bytes


def _pdf(data: bytes) -> bool:
    # A PDF starts with its header and ends with %%EOF (tolerating trailing whitespace); anything else that
    # claims to be one (an HTML or script polyglot, a truncated upload) is refused.
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]


def scan_clean(data: bytes) -> Scan:
    """The scan ready to store. Raises BadScan with a translated message naming the problem."""
    if not data:
        raise BadScan(_("Attach the scan of the signed ballot."))
    if len(data) > MAX_BYTES:
        raise BadScan(_("The scan is larger than 10 MB."))
    if _pdf(data):
        return Scan(f"{uuid.uuid4().hex}.pdf", data)
    try:
        clean = images.clean(data)
    except images.BadImage as exc:
        if exc.code == "too_many_pixels":
            message = _("The scan has too many pixels (more than 60 megapixels): scan it at a lower resolution.")
            raise BadScan(message) from exc
        raise BadScan(_("The scan must be a PDF or a JPEG, PNG, WebP or HEIC photo, and undamaged.")) from exc
    return Scan(f"{uuid.uuid4().hex}.jpg", clean.data)
