"""Take a backup, restore it into a fresh database and media folder, and prove the copy is whole.

A backup is a folder: database.dump (pg_dump -Fc --no-owner), media.tar (the public and private media roots) and
manifest.json, which records, in the same snapshot as the dump, each table's row count and checksum, every stored
file the database refers to with the sha256 of the bytes in the tar, and the erasure ledger (ids only).

Restoring verifies, in order: pg_restore --exit-on-error --single-transaction into a new database; the media
unpacked into a new folder; `migrate --check` against the restored database; per-table row counts and md5
checksums against the manifest; sequences ahead of their tables; every referenced file present with its sha256;
then the erasure ledger re-applied so no erased person comes back. The RTO is the time from the start of the
restore to the end of the last check.
"""

import io
import json
import shutil
import tarfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from residents.mydata.ledger import (
    entries_from_rows,
    erasure_residue,
    ledger_entries,
    ledger_reapply,
    ledger_rows,
)

from . import media, postgres
from .postgres import DrillError

FORMAT = 1
DUMP, TAR, MANIFEST = "database.dump", "media.tar", "manifest.json"
SNAPSHOT, ADMIN, TARGET = "backup_drill_snapshot", "backup_drill_admin", "backup_drill_target"


@dataclass
class Check:
    key: str  # stable name for code and tests: restore, media, migrations, counts, checksums, sequences, files, ledger
    label: str
    ok: bool
    summary: str = ""
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class DrillReport:
    backup: Path
    target_db: str
    media_dir: Path
    manifest: dict = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
    rto: float | None = None  # seconds from the start of the restore to verified; None when it failed
    # what this drill made, and so may remove: never a database or folder that was there before
    made_db: bool = False
    made_media: bool = False

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(check.ok for check in self.checks)

    def check(self, key: str) -> Check | None:
        return next((check for check in self.checks if check.key == key), None)


def require_postgres(using: str = DEFAULT_DB_ALIAS) -> None:
    if connections[using].vendor != "postgresql":
        raise DrillError(_("The backup drill needs PostgreSQL (DATABASE_URL=postgres://…)."))


# --- backup -------------------------------------------------------------------------------------------------


def take_backup(directory: Path, *, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Write a backup of the database `using` and the media roots into `directory` (new or empty)."""
    require_postgres(using)
    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.iterdir()):
        raise DrillError(_("%(path)s is not empty.") % {"path": directory})
    source = connections[using].settings_dict
    with postgres.database_alias(SNAPSHOT, source["NAME"], like=using) as alias, transaction.atomic(using=alias):
        snapshot = postgres.export_snapshot(alias)
        manifest = {
            "format": FORMAT,
            "database": source["NAME"],
            "server_version": postgres.server_version(alias),
            "taken_at": timezone.now().isoformat(),
            "tables": postgres.fingerprints(alias),
            "ledger": ledger_rows(ledger_entries(using=alias)),
        }
        references = media.referenced(alias)
        postgres.dump(source, directory / DUMP, snapshot=snapshot)
    # The files after the snapshot: a photo's file is written before its row commits, so every row in the
    # snapshot has its file by now (unless an erasure deleted it since: the restore then reports it missing).
    hashes = media.pack(directory / TAR)
    manifest["files"] = {
        f"{root}\n{name}": hashes.get(media.member(root, name) or "") for root, name in sorted(references)
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    return manifest


def read_manifest(directory: Path) -> dict:
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DrillError(_("%(path)s holds no readable backup manifest.") % {"path": directory}) from exc
    if manifest.get("format") != FORMAT:
        raise DrillError(_("%(path)s was written by another version of the drill.") % {"path": directory})
    return manifest


# --- restore and verify -----------------------------------------------------------------------------------


def restore_and_verify(
    backup: Path, *, target_db: str, media_dir: Path, ledger_from: Path | None = None, using=DEFAULT_DB_ALIAS
) -> DrillReport:
    """Restore `backup` into the new database `target_db` (on the server of `using`) and the new folder
    `media_dir`, verify it and re-apply the erasure ledger: the live database's, or the one carried by the newer
    backup `ledger_from`. Leaves the restored copy in place (discard() removes it)."""
    require_postgres(using)
    live = connections[using].settings_dict
    if target_db == live["NAME"]:
        raise DrillError(_("The restore must go into a new database, not the live one."))
    manifest = read_manifest(backup)
    ledger = entries_from_rows(read_manifest(ledger_from)["ledger"]) if ledger_from else ledger_entries(using=using)
    report = DrillReport(backup=backup, target_db=target_db, media_dir=media_dir, manifest=manifest)
    started = time.monotonic()
    with postgres.database_alias(ADMIN, live["NAME"], like=using) as admin:
        restored = _step(report, "restore", _("Restore the database"), lambda: _restore_database(report, admin))
    if not restored:
        return report
    if not _step(report, "media", _("Restore the stored files"), lambda: _restore_media(report)):
        return report
    with postgres.database_alias(TARGET, target_db, like=using) as target:
        _step(report, "migrations", _("Migrations (migrate --check)"), lambda: _migrations(target))
        tables = {}
        _step(report, "counts", _("Row counts per table"), lambda: _counts(manifest, tables, target))
        _step(report, "checksums", _("Checksums per table"), lambda: _checksums(manifest, tables))
        _step(report, "sequences", _("Sequences ahead of their tables"), lambda: _sequences(target))
        _step(report, "files", _("Stored files present and unchanged"), lambda: _files(manifest, target, media_dir))
        _step(report, "ledger", _("Erasure ledger re-applied"), lambda: _ledger(ledger, target, media_dir))
    if report.ok:
        report.rto = time.monotonic() - started
    return report


def discard(report: DrillReport, *, using=DEFAULT_DB_ALIAS) -> None:
    """Drop the restored database and delete the restored media, if this drill made them."""
    if report.made_db:
        with postgres.database_alias(ADMIN, connections[using].settings_dict["NAME"], like=using) as admin:
            postgres.drop_database(admin, report.target_db)
        report.made_db = False
    if report.made_media:
        shutil.rmtree(report.media_dir, ignore_errors=True)
        report.made_media = False


def _step(report: DrillReport, key: str, label: str, run: Callable[[], tuple[str, list[str]]]) -> bool:
    began = time.monotonic()
    try:
        summary, problems = run()
    except (DrillError, DatabaseError, OSError, tarfile.TarError) as exc:
        summary, problems = "", [str(exc).strip()]
    report.checks.append(Check(key, label, not problems, summary, problems, time.monotonic() - began))
    return not problems


def _restore_database(report: DrillReport, admin: str):
    postgres.create_database(admin, report.target_db)
    report.made_db = True
    settings_dict = dict(connections[admin].settings_dict, NAME=report.target_db)
    postgres.restore(settings_dict, report.backup / DUMP)
    size = (report.backup / DUMP).stat().st_size
    return _("%(size)s into %(name)s") % {"size": _size(size), "name": report.target_db}, []


def _restore_media(report: DrillReport):
    if report.media_dir.exists() and any(report.media_dir.iterdir()):
        raise DrillError(_("%(path)s is not empty.") % {"path": report.media_dir})
    report.made_media = True
    media.unpack(report.backup / TAR, report.media_dir)
    size = (report.backup / TAR).stat().st_size
    return _("%(size)s into %(path)s") % {"size": _size(size), "path": report.media_dir}, []


def _size(size: int) -> str:
    if size < 1_000_000:
        return _("%(kb)s kB") % {"kb": max(1, round(size / 1000))}
    return _("%(mb).1f MB") % {"mb": size / 1_000_000}


def _migrations(target: str):
    out = io.StringIO()
    try:
        call_command("migrate", database=target, check_unapplied=True, plan=True, interactive=False, stdout=out)
    except SystemExit:
        planned = [line.strip() for line in out.getvalue().splitlines()[1:] if line.strip()]
        return "", [_("Unapplied migrations:"), *planned]
    return _("no unapplied migrations"), []


def _counts(manifest: dict, tables: dict, target: str):
    tables.update(postgres.fingerprints(target))
    expected = manifest["tables"]
    problems = [
        _("%(table)s: missing from the restore") % {"table": name} for name in sorted(expected.keys() - tables.keys())
    ]
    problems += [
        _("%(table)s: not in the backup") % {"table": name} for name in sorted(tables.keys() - expected.keys())
    ]
    for name in sorted(expected.keys() & tables.keys()):
        if expected[name]["rows"] != tables[name]["rows"]:
            problems.append(
                _("%(table)s: %(expected)s rows backed up, %(restored)s restored")
                % {"table": name, "expected": expected[name]["rows"], "restored": tables[name]["rows"]}
            )
    rows = sum(table["rows"] for table in tables.values())
    return _("%(tables)s tables, %(rows)s rows") % {"tables": len(tables), "rows": rows}, problems


def _checksums(manifest: dict, tables: dict):
    expected = manifest["tables"]
    differ = sorted(name for name in expected.keys() & tables.keys() if expected[name]["md5"] != tables[name]["md5"])
    problems = [_("%(table)s: the rows differ from the backup's") % {"table": name} for name in differ]
    return _("%(n)s tables match") % {"n": len(expected.keys() & tables.keys()) - len(differ)}, problems


def _sequences(target: str):
    return "", postgres.sequences_behind(target)


def _files(manifest: dict, target: str, media_dir: Path):
    backed_up = manifest["files"]
    problems = []
    references = sorted(media.referenced(target))
    for root, name in references:
        expected = backed_up.get(f"{root}\n{name}")
        path = media.path_in(media_dir / root, name)
        if expected is None:
            problems.append(_("%(file)s: not in the backup") % {"file": f"{root}/{name}"})
        elif path is None or not path.is_file():
            problems.append(_("%(file)s: missing from the restored files") % {"file": f"{root}/{name}"})
        elif media.sha256(path) != expected:
            problems.append(_("%(file)s: differs from the backed-up file") % {"file": f"{root}/{name}"})
    summary = ngettext(
        "%(n)s file referenced by the database", "%(n)s files referenced by the database", len(references)
    )
    return summary % {"n": len(references)}, problems


def _ledger(ledger, target: str, media_dir: Path):
    done = ledger_reapply(ledger, using=target, file_storage=media.restored_storage(media_dir))
    problems = []
    for entry in ledger:
        if entry.user_id in done.absent:
            continue
        left = erasure_residue(entry, using=target)
        if left:
            problems.append(
                _("account %(id)s: still holds %(fields)s") % {"id": entry.user_id, "fields": ", ".join(left)}
            )
    problems += [
        _("%(file)s: still stored after its erasure") % {"file": name}
        for storage, name in done.files
        if storage.exists(name)
    ]
    counts = {"erased": len(done.erased), "already": len(done.already), "absent": len(done.absent)}
    summary = ngettext(
        "%(entries)s entry: %(erased)s erased again, %(already)s already erased in the backup, "
        "%(absent)s not in the backup",
        "%(entries)s entries: %(erased)s erased again, %(already)s already erased in the backup, "
        "%(absent)s not in the backup",
        len(ledger),
    ) % {"entries": len(ledger), **counts}
    return summary, problems
