"""Both catalogs are complete, compiled, and hold every string the code marks for translation."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = {lang: ROOT / "locale" / lang / "LC_MESSAGES" for lang in ("zh_Hans", "en")}


def _entries(po):
    return {(e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in po if not e.obsolete}


@pytest.mark.parametrize("lang", CATALOGS)
def test_catalog_translates_every_string(lang):
    po = polib.pofile(str(CATALOGS[lang] / "django.po"))
    untranslated = [e.msgid for e in po.untranslated_entries()] + [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == []


@pytest.mark.parametrize("lang", CATALOGS)
def test_compiled_catalog_matches_its_source(lang):
    po = polib.pofile(str(CATALOGS[lang] / "django.po"))
    mo = polib.mofile(str(CATALOGS[lang] / "django.mo"))
    assert _entries(mo) == {k: v for k, v in _entries(po).items() if v != ("", ())}


def test_chinese_is_used_by_default_and_english_on_request():
    assert str(translation.gettext("My home")) in ("我的家", "My home")
    with translation.override("zh-hans"):
        assert translation.gettext("My home") == "我的家"
    with translation.override("en"):
        assert translation.gettext("My home") == "My home"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed")
def test_catalog_holds_every_marked_string(tmp_path):
    """Extract the strings afresh from a copy of the tree and compare with the committed catalog."""
    copy = tmp_path / "src"
    ignore = shutil.ignore_patterns(".venv", "var", ".git", "__pycache__", "staticfiles", "node_modules")
    shutil.copytree(ROOT, copy, ignore=ignore)
    command = [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete",
               "--ignore=benchmarks", "--ignore=tests", "--ignore=.venv"]  # fmt: skip
    subprocess.run(command, cwd=copy, check=True, capture_output=True)  # noqa: S603
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale/zh_Hans/LC_MESSAGES/django.po"))}
    committed = {e.msgid for e in polib.pofile(str(CATALOGS["zh_Hans"] / "django.po"))}
    assert sorted(fresh - committed) == []
