"""The bad-file corpus, built in the test run (Pillow, zlib, zipfile): each entry is a name and the bytes a
client sends under it, and what each kind of upload field must do with it (SECURITY.md §2e).

Outcomes: "refused" (a 400 or the form's error naming the problem; nothing stored) or "cleaned" (accepted,
and what is stored is re-encoded, so the hostile part does not survive). A photo field ignores the name (it
stores a UUID name), a document field must see the name and the contents agree.
"""

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import cache

from PIL import Image

from tests.committee.files_helpers import PDF

GPS_IFD, EXIF_IFD, MAKER_NOTE, ORIENTATION = 0x8825, 0x8769, 0x927C, 0x0112
SCRIPT = b"<html><body><script>alert(document.cookie)</script></body></html>"
REFUSED, CLEANED = "refused", "cleaned"
XMP_GPS = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="39,54.45N" '
           b'exif:GPSLongitude="116,23.28E"/></rdf:RDF></x:xmpmeta>')  # fmt: skip


@dataclass(frozen=True)
class Bad:
    """One corpus entry. `outcome` maps a field kind (photo, scan, document, registry) to what it must do;
    `says` is a word the refusal must contain (in English), so the message names the problem."""

    id: str
    name: str
    make: object  # () -> bytes, so the corpus costs nothing until an entry is used
    outcome: dict = field(default_factory=dict)
    says: dict = field(default_factory=dict)
    poison: bytes = b""  # for "cleaned": bytes that must not be in what is stored


def photo(size=(64, 48), fmt="JPEG", **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(out, format=fmt, **save)
    return out.getvalue()


def phone_jpeg() -> bytes:
    """A phone's portrait shot: stored sideways (640×480) with Orientation 6 (turn 90° clockwise to view),
    GPS position (in EXIF and in XMP), camera model, a maker note and a comment. Its left half is blue, so the
    turn is visible in the pixels."""
    image = Image.new("RGB", (640, 480), (230, 230, 230))
    image.paste((0, 0, 255), (0, 0, 320, 480))
    exif = image.getexif()
    exif[ORIENTATION] = 6
    exif[0x0110] = "Phone X"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 17.0)})
    exif.get_ifd(EXIF_IFD)[MAKER_NOTE] = b"Apple iOS\x00\x00\x01MM" + b"\x00" * 32
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, xmp=XMP_GPS, comment=b"Phone X, 39.907N 116.388E")
    return out.getvalue()


def jpeg_with_comment(comment: bytes) -> bytes:
    """A JPEG whose COM segment (0xFFFE), right after SOI, holds `comment`."""
    data = photo()
    return data[:2] + b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment + data[2:]


def heic() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(out, format="HEIF")
    return out.getvalue()


def elf() -> bytes:
    return b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + struct.pack("<HHI", 2, 0x3E, 1) + b"\x00" * 200


def pe() -> bytes:
    return b"MZ\x90\x00\x03" + b"\x00" * 55 + struct.pack("<I", 64) + b"PE\x00\x00" + b"\x00" * 200


def zip_of(members: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def svg() -> bytes:
    return b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'><script>alert(2)</script></svg>"


def gif_js() -> bytes:
    """A GIF header that is also valid JavaScript (GIF89a=… sets a variable, then the script runs)."""
    return b"GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=1;alert(document.domain);/*" + b"\x00" * 16 + b"*/;"


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@cache
def png_bomb(side: int = 30000) -> bytes:
    """A real 1-bit PNG of side×side pixels (900 MP): ~110 KB on the wire, ~112 MB of rows once inflated."""
    row = b"\x00" * (1 + (side + 7) // 8)  # filter byte + packed pixels
    packer, parts = zlib.compressobj(9), []
    for _ in range(side):
        parts.append(packer.compress(row))
    parts.append(packer.flush())
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    idat = b"".join(parts)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")


@cache
def xlsx_bomb() -> bytes:
    """A zip named like a workbook whose sheet unpacks to 200 MB (200 KB compressed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/workbook.xml", "w", force_zip64=True) as member:
            chunk = b"\x00" * (1 << 20)
            for _ in range(200):
                member.write(chunk)
    return out.getvalue()


def _all(outcome: str) -> dict:
    return dict.fromkeys(("photo", "scan", "document", "registry"), outcome)


# What a refusal must say, per field kind, unless an entry says more precisely (a regex, matched in English).
SAYS = {"photo": r"JPEG", "scan": r"JPEG", "document": r"\.jpg|\.pdf|\.xlsx|PDF, JPEG|damaged",
        "registry": r"(?i)\.csv|\.xlsx|CSV"}  # fmt: skip
CORPUS = [
    Bad("elf-as-jpg", "photo.jpg", elf, _all(REFUSED)),
    Bad("pe-as-jpg", "photo.jpg", pe, _all(REFUSED)),
    Bad("pe-as-csv", "units.csv", pe, _all(REFUSED)),
    Bad("zip-as-jpg", "photo.jpg", lambda: zip_of({"a.txt": b"hi"}), _all(REFUSED)),
    Bad("zip-as-xlsx", "units.xlsx", lambda: zip_of({"a.txt": b"hi"}), _all(REFUSED)),
    Bad("html-as-jpg", "photo.jpg", lambda: SCRIPT, _all(REFUSED)),
    Bad("html", "page.html", lambda: SCRIPT, _all(REFUSED)),
    Bad("svg-script", "drawing.svg", svg, _all(REFUSED)),
    Bad("svg-as-jpg", "drawing.jpg", svg, _all(REFUSED)),
    Bad("gif-js-polyglot", "anim.jpg", gif_js, _all(REFUSED)),
    Bad("html-after-eoi", "photo.jpg", lambda: photo() + SCRIPT, {**_all(CLEANED), "registry": REFUSED},
        poison=b"<script"),
    Bad("html-in-com", "photo.jpg", lambda: jpeg_with_comment(SCRIPT), {**_all(CLEANED), "registry": REFUSED},
        poison=b"<script"),
    Bad("pdf-as-jpg", "photo.jpg", lambda: PDF, {**_all(REFUSED), "scan": CLEANED}),  # a ballot scan may be a PDF
    Bad("jpeg-as-pdf", "minutes.pdf", photo, {**_all(REFUSED), "photo": CLEANED, "scan": CLEANED}),
    Bad("png-bomb", "photo.png", png_bomb, _all(REFUSED), says={"photo": "60", "scan": "60", "document": "60"}),
    Bad("xlsx-bomb", "units.xlsx", xlsx_bomb, _all(REFUSED), says={"registry": "too large"}),
    Bad("truncated-jpeg", "photo.jpg", lambda: photo((400, 300))[:600], _all(REFUSED)),
    Bad("truncated-png", "photo.png", lambda: photo((400, 300), "PNG")[:300], _all(REFUSED)),
    Bad("truncated-heic", "photo.heic", lambda: heic()[:300], _all(REFUSED)),
    Bad("empty", "photo.jpg", lambda: b"", _all(REFUSED), says=dict.fromkeys(("photo", "scan", "document", "registry"),
                                                                          "empty")),
]  # fmt: skip
# Hostile names on good contents: stored under a UUID name with a harmless display name, or refused by its
# real extension (U+202E shows "invoicexe.pdf" for a name that ends in .exe).
HOSTILE_NAMES = {"dot-dot": "../../x{ext}", "nul": "x\x00{ext}", "rtl-override": "invoice\u202efdp.exe",
                 "very-long": "长" * 300 + "{ext}"}  # fmt: skip
REGISTRY_CSV = (
    "estate_slug,estate_name,building,unit,floor,area,use,owner_name,owner_phone,owner_email,share\n"
    "alpha,甲小区,9号楼,0101,1,88.5,residential,王芳,13800138001,,\n"
).encode()
GOOD = {"photo": (".jpg", photo), "scan": (".jpg", photo), "document": (".pdf", lambda: PDF),
        "registry": (".csv", lambda: REGISTRY_CSV)}  # fmt: skip


def hostile(kind: str, key: str) -> tuple[str, bytes]:
    ext, make = GOOD[kind]
    return HOSTILE_NAMES[key].format(ext=ext), make()
