"""Untrusted image uploads → clean JPEG bytes. Pure: bytes in, bytes out, no ORM.

Magic bytes are checked first, then the image is fully decoded (a truncated or polyglot file fails here),
its pixel count capped, orientation applied, and it is re-encoded from pixels: EXIF (GPS included), XMP, ICC
profiles, comments and anything appended after the image data do not survive.
"""

import io
import warnings
from dataclasses import dataclass

import pillow_heif
from PIL import Image, ImageOps, UnidentifiedImageError

pillow_heif.register_heif_opener()

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 60_000_000  # phones shoot 48–200 MP; above this a decode costs too much memory
MAX_SIDE = 2560
THUMB_SIDE = 320
SIGNATURES = {
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "webp": (b"RIFF",),  # plus b"WEBP" at offset 8
    "heic": (b"ftypheic", b"ftypheix", b"ftyphevc", b"ftypmif1", b"ftypmsf1", b"ftypheim", b"ftypheis"),
}
FORMATS = {"JPEG", "PNG", "WEBP", "HEIF"}


class BadImage(ValueError):
    """The upload is not an acceptable image; `code` says why (for a translated message)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    width: int
    height: int


def sniff(head: bytes) -> str | None:
    """The image type the first bytes announce, or None."""
    for kind, signatures in SIGNATURES.items():
        for signature in signatures:
            if kind == "heic" and head[4:12] == signature:
                return kind
            if kind == "webp" and head.startswith(signature) and head[8:12] == b"WEBP":
                return kind
            if kind not in ("heic", "webp") and head.startswith(signature):
                return kind
    return None


def clean(data: bytes, *, max_side: int = MAX_SIDE) -> CleanImage:
    """Validate and re-encode an upload; raises BadImage("too_large" | "not_image" | "too_many_pixels")."""
    if len(data) > MAX_BYTES:
        raise BadImage("too_large")
    if sniff(data[:16]) is None:
        raise BadImage("not_image")
    image = _decode(data)
    image = ImageOps.exif_transpose(image).convert("RGB")
    image.thumbnail((max_side, max_side))
    # Pixels only: Pillow carries a JPEG's comment (COM segment), its XMP and ICC data over in `info` and
    # writes them into the new file, so HTML in a comment or a GPS position in XMP would survive.
    image.info = {}
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True)  # no exif= argument: nothing is carried over
    return CleanImage(out.getvalue(), image.width, image.height)


def thumbnail(data: bytes) -> bytes:
    """A small JPEG of an already clean image."""
    return clean(data, max_side=THUMB_SIDE).data


def _decode(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in FORMATS:
                raise BadImage("not_image")
            if image.width * image.height > MAX_PIXELS:
                raise BadImage("too_many_pixels")
            image.load()  # full decode: truncated and corrupt files fail here, not later
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise BadImage("too_many_pixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        if isinstance(exc, BadImage):
            raise
        raise BadImage("not_image") from exc
    return image
