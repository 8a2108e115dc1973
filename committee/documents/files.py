"""Files the company and the committee publish (disclosure attachments, library documents): PDF, JPEG/PNG photos
or scans, and XLSX sheets. Pure checks, bytes in and bytes out, no ORM (SECURITY.md V5, item 10).

The type is taken from the magic bytes and must agree with the file name's extension; photos are re-encoded
(EXIF and anything appended are dropped); a sheet must be a real OOXML workbook without macros and must not
unpack to more than a bounded size (a zip bomb is refused before anything is stored).
"""

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from repairs import images

MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED = 100 * 1024 * 1024  # a workbook that unpacks past this is refused as a likely zip bomb
MAX_MEMBERS = 2000
EXTENSIONS = {"pdf": "pdf", "jpg": "jpeg", "jpeg": "jpeg", "png": "png", "xlsx": "xlsx"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpeg": "image/jpeg",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
REFUSALS = {
    "empty": _("The file is empty."),
    "too_large": _("The file is larger than 20 MB."),
    "bad_type": _(
        "Only PDF, JPEG, PNG and XLSX files can be uploaded, and the name must end in .pdf, .jpg, .png or .xlsx."
    ),
    "mismatch": _("The file's contents do not match its name: a file named .%(ext)s must really be one."),
    "damaged": _("The file is damaged or is not what its name says."),
    "macros": _("Workbooks with macros cannot be uploaded; save it as a plain .xlsx."),
    "too_many_pixels": _("The picture has too many pixels (more than 60 megapixels)."),
    "picture_too_large": _("A picture may be at most 10 MB; save it smaller or as a PDF."),
}


class BadFile(ValueError):
    """The upload is refused; `message` says why, translated."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.message = REFUSALS[code] % params if params else REFUSALS[code]


@dataclass(frozen=True)
class CleanFile:
    """What may be stored: the bytes, the kind (pdf, jpeg, xlsx), and a safe display name."""

    data: bytes
    kind: str
    name: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]

    @property
    def extension(self) -> str:
        return "jpg" if self.kind == "jpeg" else self.kind


def sniff(head: bytes) -> str | None:
    """The type the first bytes announce: pdf, jpeg, png or zip (an XLSX is a zip), else None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    return images.sniff(head) if images.sniff(head) in ("jpeg", "png") else None


def safe_name(name: str) -> str:
    """The base name without folders, control or direction characters, at most 120 characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    kept = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")  # Cc, Cf (U+202E), Co, Cn
    return kept.strip(" .")[-120:] or "file"


def clean(name: str, data: bytes) -> CleanFile:
    """Validate an upload and return what to store; raises BadFile."""
    if not data:
        raise BadFile("empty")
    if len(data) > MAX_BYTES:
        raise BadFile("too_large")
    display = safe_name(name)
    extension = display.rsplit(".", 1)[-1].lower() if "." in display else ""
    if extension not in EXTENSIONS:
        raise BadFile("bad_type")
    announced, claimed = sniff(data[:16]), EXTENSIONS[extension]
    if {"zip": "xlsx"}.get(announced, announced) != claimed:
        raise BadFile("mismatch", ext=extension)
    if claimed == "pdf":
        return CleanFile(_pdf(data), "pdf", display)
    if claimed == "xlsx":
        return CleanFile(_workbook(data), "xlsx", display)
    return CleanFile(_picture(data), "jpeg", display.rsplit(".", 1)[0] + ".jpg")


def _pdf(data: bytes) -> bytes:
    # a PDF ends with %%EOF (incremental saves may leave a little whitespace after it)
    if b"%%EOF" not in data[-1024:]:
        raise BadFile("damaged")
    return data


def _workbook(data: bytes) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            if len(members) > MAX_MEMBERS or sum(member.file_size for member in members) > MAX_UNPACKED:
                raise BadFile("damaged")
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise BadFile("damaged")
            if any(member.lower().endswith("vbaproject.bin") for member in names):
                raise BadFile("macros")
            if archive.testzip() is not None:
                raise BadFile("damaged")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        if isinstance(exc, BadFile):
            raise
        raise BadFile("damaged") from exc
    return data


def _picture(data: bytes) -> bytes:
    try:
        return images.clean(data).data
    except images.BadImage as exc:
        raise BadFile(
            {"too_many_pixels": "too_many_pixels", "too_large": "picture_too_large"}.get(exc.code, "damaged")
        ) from exc
