"""The drill's report as text for the terminal (and the nightly job's log)."""

from django.utils.translation import gettext as _

from .drill import DrillReport

MAX_LISTED = 20  # problems listed per check; the rest are counted
# Status marks stay in ASCII in every language, so a log search for "[FAIL]" finds failures anywhere.
PASS_MARK, FAIL_MARK = "[ OK ]", "[FAIL]"


def render(report: DrillReport) -> str:
    manifest = report.manifest
    lines = [
        _("Backup and restore drill"),
        "  "
        + _("Backup: %(path)s (database %(db)s, PostgreSQL %(version)s, taken %(at)s)")
        % {
            "path": report.backup,
            "db": manifest.get("database", "?"),
            "version": manifest.get("server_version", "?"),
            "at": manifest.get("taken_at", "?"),
        },
        "  " + _("Restored: database %(db)s, files in %(path)s") % {"db": report.target_db, "path": report.media_dir},
    ]
    for check in report.checks:
        mark = PASS_MARK if check.ok else FAIL_MARK
        summary = f": {check.summary}" if check.summary else ""
        lines.append(f"  {mark} {check.label}{summary} ({check.seconds:.1f} s)")
        lines += [f"         - {problem}" for problem in check.problems[:MAX_LISTED]]
        if len(check.problems) > MAX_LISTED:
            lines.append("         " + _("… and %(n)s more") % {"n": len(check.problems) - MAX_LISTED})
    if report.ok:
        lines.append(_("RTO: %(seconds).1f s from the start of the restore to verified") % {"seconds": report.rto})
        lines.append(_("PASSED"))
    else:
        failed = sum(not check.ok for check in report.checks)
        lines.append(_("FAILED: %(n)s of %(total)s checks") % {"n": failed, "total": len(report.checks)})
    return "\n".join(lines)
