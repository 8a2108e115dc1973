"""The offline dependency audit (SECURITY.md §5.20): pins inside a known advisory's range fail, ours pass."""

import json
from datetime import date, timedelta

import pytest
from packaging.version import Version

from core.dependencies import check_pins

ADVISORIES = json.loads(check_pins.ADVISORIES.read_text(encoding="utf-8"))


def _requirements(tmp_path, text, name="requirements.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_our_pinned_requirements_have_no_known_advisory(capsys):
    assert check_pins.main([], today=date.fromisoformat(ADVISORIES["reviewed"])) == 0
    assert "0 affected" in capsys.readouterr().out


def test_an_old_django_pin_fails_naming_each_advisory(tmp_path, capsys):
    old = _requirements(tmp_path, "Django==4.2.10\nwagtail==8.0.1\n")
    assert check_pins.main([str(old)]) == 1
    out = capsys.readouterr().out
    assert "VULNERABLE django==4.2.10: PYSEC-0000-CVE-2024-45230, CVE-2024-45230" in out
    assert "PYSEC-0000-CVE-2024-41989" in out and "wagtail" not in out.split("pins checked")[0]


@pytest.mark.parametrize(
    ("version", "hit"),
    [("4.2", True), ("4.2.15", True), ("4.2.16", False), ("5.0.8", True), ("5.0.9", False), ("4.1.99", False)],
)
def test_a_range_includes_introduced_and_excludes_fixed(version, hit):
    ranges = [{"introduced": "5.0", "fixed": "5.0.9"}, {"introduced": "4.2", "fixed": "4.2.16"}]
    assert check_pins.affected(Version(version), ranges) is hit


def test_a_range_without_a_fix_covers_every_later_version():
    assert check_pins.affected(Version("99.0"), [{"introduced": "1.0"}])
    assert not check_pins.affected(Version("0.9"), [{"introduced": "1.0"}])


def test_pins_are_read_through_includes_extras_and_any_spelling(tmp_path):
    _requirements(tmp_path, "# runtime\nPillow==9.5.0\npsycopg[binary]==3.3.9  # driver\n", "base.txt")
    dev = _requirements(tmp_path, "-r base.txt\ndjango_filter==26.2\nloose>=1.0\n", "dev.txt")
    pins = check_pins.read_pins(dev)
    assert pins == {"pillow": Version("9.5.0"), "psycopg": Version("3.3.9"), "django-filter": Version("26.2")}
    assert [f.advisory["id"] for f in check_pins.audit(pins, ADVISORIES["advisories"])] == [
        "PYSEC-2023-175", "PYSEC-2023-227"
    ]  # fmt: skip


def test_the_list_covers_the_main_frameworks_with_well_formed_entries():
    advisories = ADVISORIES["advisories"]
    pinned = set(check_pins.read_pins(check_pins.DEFAULT_FILES[1]))
    assert {"django", "wagtail", "djangorestframework", "celery", "pillow"} <= {a["package"] for a in advisories}
    for advisory in advisories:
        assert advisory["id"].startswith(("PYSEC-", "GHSA-")) and advisory["summary"], advisory
        assert check_pins.canonical(advisory["package"]) in pinned, advisory["package"]
        for event in advisory["ranges"]:
            Version(event["introduced"]), Version(event["fixed"])  # raises on a malformed version
        date.fromisoformat(advisory["published"])
    assert len({a["id"] for a in advisories}) == len(advisories)


def test_a_list_not_reviewed_for_a_month_is_flagged(capsys):
    later = date.fromisoformat(ADVISORIES["reviewed"]) + timedelta(days=check_pins.STALE_AFTER_DAYS + 1)
    check_pins.main([], today=later)
    assert "warning: advisories.json was last reviewed" in capsys.readouterr().out
