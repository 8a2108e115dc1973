"""Reading a registry file: a .csv (UTF-8, with or without BOM, or GBK) or an .xlsx workbook, as rows of text."""

import csv
import io
import zipfile
from datetime import date, datetime

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

XLSX_MAX_EXPANSION = 10  # an .xlsx unzips to a few times its size; far more is a zip bomb


def read_upload(upload) -> bytes:
    """The bytes of an uploaded or opened file, reading one byte past the limit so a huge file is refused."""
    return upload.read(settings.LINLI_IMPORT_MAX_BYTES + 1)


def _file_error(message, **params) -> ValidationError:
    return ValidationError({"file": [message % params if params else message]})


def read_table(*, file_name: str, content: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the numbered rows (header = line 1) of a .csv or .xlsx file; ValidationError on "file"."""
    if len(content) > settings.LINLI_IMPORT_MAX_BYTES:
        raise _file_error(_("The file is larger than %(size)s."), size=filesizeformat(settings.LINLI_IMPORT_MAX_BYTES))
    readers = {"csv": _csv_table, "xlsx": _xlsx_table}
    reader = readers.get(file_name.rsplit(".", 1)[-1].lower())
    if reader is None:
        raise _file_error(_("Upload a .csv or .xlsx file."))
    header, rows = reader(content)
    if not any(header):
        raise _file_error(_("The file is empty: the first line must name the columns."))
    return header, rows


def _csv_table(content: bytes):
    # The csv module rather than tablib's CSV reader: tablib drops blank lines (shifting line numbers)
    # and refuses a row longer than the header without saying which.
    if b"\x00" in content:
        raise _file_error(_("This is not a CSV text file. In Excel, save it as “CSV UTF-8” or as .xlsx."))
    rows, reader = [], csv.reader(io.StringIO(_decode(content), newline=""))
    try:
        rows.extend(reader)
    except csv.Error as exc:
        raise _file_error(_("The CSV file cannot be read at line %(line)s."), line=len(rows) + 1) from exc
    if not rows:
        raise _file_error(_("The file is empty: the first line must name the columns."))
    return rows[0], list(enumerate(rows[1:], start=2))


def _decode(content: bytes) -> str:
    # Excel's "CSV UTF-8" starts with a BOM; Chinese Excel's plain "CSV" is GBK, which GB18030 extends.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _file_error(_("The file is neither UTF-8 nor GBK text. In Excel, save it as “CSV UTF-8”."))


def _xlsx_table(content: bytes):
    _check_workbook(content)
    try:
        data = tablib.Dataset().load(content, format="xlsx")
    except Exception as exc:  # openpyxl and tablib raise many types for a damaged workbook
        raise _file_error(_("The workbook cannot be read. Open it in Excel and save it again.")) from exc
    header = [_cell_text(title) for title in data.headers or []]
    return header, [(line, [_cell_text(v) for v in row]) for line, row in enumerate(data, start=2)]


def _check_workbook(content: bytes) -> None:
    """An .xlsx is a zip holding xl/workbook.xml: refuse other content, and zip bombs, before parsing."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names, expanded = archive.namelist(), sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        names, expanded = [], 0
    if "xl/workbook.xml" not in names:
        raise _file_error(_("This is not an Excel .xlsx workbook. Save it from Excel as .xlsx or as CSV."))
    if expanded > XLSX_MAX_EXPANSION * settings.LINLI_IMPORT_MAX_BYTES:
        raise _file_error(_("The workbook is too large to import. Split it into smaller files."))


def _cell_text(value) -> str:
    """Spreadsheet cells come typed; the row checks read text, as from a CSV."""
    if value is None:
        return ""
    if isinstance(value, float):
        return format(value, ".15g")  # 13800138000.0 → 13800138000, 88.30000000000001 → 88.3
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()
