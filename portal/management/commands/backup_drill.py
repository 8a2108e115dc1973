import secrets
import shutil
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from portal.backup.drill import discard, restore_and_verify, take_backup
from portal.backup.postgres import DrillError
from portal.backup.report import render


class Command(BaseCommand):
    help = _(
        "Back up the database and the stored files, restore them into a fresh database and folder, verify the "
        "copy and re-apply the erasure ledger (PostgreSQL). Exits non-zero on any mismatch."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--backup-only", metavar="DIR", type=Path, help=_("Only write a backup into DIR (new or empty).")
        )
        parser.add_argument(
            "--from", dest="source", metavar="DIR", type=Path, help=_("Restore and verify the backup in DIR.")
        )
        parser.add_argument(
            "--ledger-from",
            metavar="DIR",
            type=Path,
            help=_("Re-apply the erasure ledger of this newer backup instead of the live database's."),
        )
        parser.add_argument(
            "--target-db", help=_("Name of the database to restore into (it must not exist); default: a new name.")
        )
        parser.add_argument("--workdir", type=Path, help=_("Folder for the backup and the restored files."))
        parser.add_argument(
            "--keep", action="store_true", help=_("Keep the restored database and files (and the backup).")
        )

    def handle(self, *args, backup_only, source, ledger_from, target_db, workdir, keep, **options):
        try:
            if backup_only:
                take_backup(backup_only)
                self.stdout.write(_("Backup written to %(path)s.") % {"path": backup_only})
                return
            self._drill(source, ledger_from, target_db, workdir, keep)
        except DrillError as exc:
            raise CommandError(str(exc)) from exc

    def _drill(self, source, ledger_from, target_db, workdir, keep):
        created = workdir is None
        workdir = Path(tempfile.mkdtemp(prefix="linli-drill-")) if created else workdir
        target_db = target_db or f"{connection.settings_dict['NAME']}_drill_{secrets.token_hex(4)}"
        backup = source or workdir / "backup"
        report = None
        try:
            if source is None:
                take_backup(backup)
            report = restore_and_verify(
                backup, target_db=target_db, media_dir=workdir / "restored-media", ledger_from=ledger_from
            )
            self.stdout.write(render(report))
        finally:
            if report is not None and not keep:
                discard(report)
            if created and not keep:
                shutil.rmtree(workdir, ignore_errors=True)
            elif source is None and not keep:
                shutil.rmtree(backup, ignore_errors=True)
        if keep:
            self.stdout.write(_("Kept: database %(db)s, files in %(path)s.") % {"db": target_db, "path": workdir})
        if not report.ok:
            raise CommandError(_("The restore drill failed."))
