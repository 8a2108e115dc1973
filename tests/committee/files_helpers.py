"""Upload bodies built in the test: a minimal PDF, a real XLSX (openpyxl), a PNG and a JPEG (Pillow)."""

import io

from openpyxl import Workbook
from PIL import Image

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def xlsx() -> bytes:
    book = Workbook()
    book.active["A1"] = "公共收益"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def picture(fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, format=fmt)
    return out.getvalue()
