"""manage.py import_registry FILE --actor USERNAME [--dry-run]: the registry import from the command line."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from core.errors import LinliError
from residents.importer import read_upload, registry_import
from residents.models import User


class Command(BaseCommand):
    help = _("Import estates, buildings, units and owners from a CSV or XLSX file: every row, or none.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=_("A .csv (UTF-8 or GBK) or .xlsx file."))
        parser.add_argument("--actor", required=True, help=_("Username of the manager or administrator importing."))
        parser.add_argument("--dry-run", action="store_true", help=_("Only check the file; change nothing."))

    def handle(self, *args, file, actor, dry_run, verbosity, **options):
        user = User.objects.filter(username=actor, is_active=True).first()
        if user is None:
            raise CommandError(_("No active user “%(name)s”.") % {"name": actor})
        try:
            with file.open("rb") as stream:
                content = read_upload(stream)
        except OSError as exc:
            raise CommandError(_("Cannot read %(file)s: %(error)s") % {"file": file, "error": exc.strerror}) from exc
        with tqdm(desc=_("Checking rows"), unit=_("rows"), disable=verbosity < 1) as bar:
            report = self._run(user, file.name, content, dry_run, bar)
        self._print(report)

    def _run(self, user, file_name, content, dry_run, bar):
        def progress(done, total):
            bar.total = total
            bar.update(done - bar.n)

        try:
            return registry_import(actor=user, file_name=file_name, content=content, dry_run=dry_run, progress=progress)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        except LinliError as exc:
            raise CommandError(exc.message) from exc

    def _print(self, report):
        for error in report.errors:
            line = _("line %(line)s: %(field)s: %(message)s")
            self.stderr.write(line % {"line": error.line, "field": error.field, "message": error.message})
        counts = ", ".join(f"{name} {value}" for name, value in vars(report.counts).items())
        self.stdout.write(
            _("%(ok)s of %(rows)s rows correct; %(counts)s.")
            % {"ok": report.rows_ok, "rows": report.rows, "counts": counts}
        )
        if not report.ok:
            count = len(report.errors)
            message = ngettext(
                "%(count)s problem found; nothing was imported.",
                "%(count)s problems found; nothing was imported.",
                count,
            )
            raise CommandError(message % {"count": count})
        done = _("Checked; nothing was changed (dry run).") if report.dry_run else _("Imported.")
        self.stdout.write(self.style.SUCCESS(done))
