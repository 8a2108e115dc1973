"""Bulk import of the registry (estates, buildings, units and their owners) from a CSV or XLSX file.

Every row is checked before anything is written; then the import writes everything in one transaction, or
nothing if any row is bad. Existing estates, buildings, units and accounts are matched, never changed.
"""

import dataclasses

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import Conflict, NotPermitted

from .. import access
from .files import read_upload
from .plan import Plan
from .report import ImportCounts, ImportReport, RowError
from .rows import COLUMNS, registry_parse

__all__ = ["COLUMNS", "ImportCounts", "ImportReport", "RowError", "read_upload", "registry_import", "registry_parse"]


def registry_import(
    *, actor, file_name: str, content: bytes, dry_run: bool, progress=None, request=None
) -> ImportReport:
    """Check every row of a registry file; unless dry_run or a row is bad, import it all in one transaction.

    `progress(done, total)` is called as rows are checked. Raises NotPermitted without the registry.import
    capability, ValidationError on "file" for a file that cannot be read, Conflict if the registry changed meanwhile.
    """
    if not access.can(actor, "registry.import"):
        raise NotPermitted(_("You may not import the registry."))
    rows, report = registry_parse(file_name=file_name, content=content)
    report.dry_run = dry_run
    if any(error.line == 1 for error in report.errors):
        return report  # the header is wrong: the rows cannot be read
    plan = Plan(actor=actor, rows=rows)
    plan.check(rows, progress)
    report.errors, report.counts = sorted(report.errors + plan.errors, key=lambda e: e.line), plan.counts()
    if report.imported:
        _write(plan, report, request)
    return report


def _write(plan: Plan, report: ImportReport, request) -> None:
    try:
        with transaction.atomic():
            plan.write()
            estate_ids = {estate.pk for estate in plan.estates.values()}
            audit_record(
                action="registry.imported",
                actor=plan.actor,
                estate_id=next(iter(estate_ids)) if len(estate_ids) == 1 else None,
                request=request,
                rows=report.rows,
                estate_slugs=sorted(plan.estates),
                **dataclasses.asdict(report.counts),
            )
    except IntegrityError as exc:
        raise Conflict(_("The registry changed while the file was imported. Nothing was imported; try again.")) from exc
