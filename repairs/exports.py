"""Report files: the same (section, key, value) rows as CSV (UTF-8 with BOM, which Excel reads) or XLSX."""

import csv
import io

from openpyxl import Workbook

from .reports import rows_for_export

HEADER = ("section", "key", "value")


def report_csv(report: dict) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows_for_export(report))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def report_xlsx(report: dict) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = report["month"]
    sheet.append(HEADER)
    for row in rows_for_export(report):
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
