"""Every asset is served by the app: no external CDN or font service in any template or static file, and in
production WhiteNoise serves the collected, hashed files (issue 6, "Quality of the pages")."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SKIPPED_DIRS = {".venv", ".git", "var", "staticfiles", "node_modules", "tests", "__pycache__"}
SUFFIXES = {".html", ".txt", ".css", ".js", ".mjs", ".svg", ".json", ".xml"}
REMOTE = r"""["']?\s*(?:https?:)?//"""  # http://, https:// or protocol-relative //host
MEDIA = "script|img|iframe|source|audio|video|embed|input|track"
ASSET_REFERENCES = [
    re.compile(rf"<(?:{MEDIA})\b[^>]*?\s(?:src|srcset|data)\s*=\s*{REMOTE}", re.I),
    re.compile(rf"<link\b[^>]*?\shref\s*=\s*{REMOTE}", re.I),
    re.compile(rf"<(?:object|use|image)\b[^>]*?\s(?:data|href|xlink:href)\s*=\s*{REMOTE}", re.I),
    re.compile(rf"@import\s+(?:url\(\s*)?{REMOTE}", re.I),
    re.compile(rf"url\(\s*{REMOTE}", re.I),
    re.compile(rf"""(?:\bimport\b[^;\n]*?\bfrom\s*|\bimport\s*\(\s*|\bimportScripts\s*\(\s*){REMOTE}""", re.I),
    re.compile(r"fonts\.(?:googleapis|gstatic)\.com|use\.typekit|cdn\.jsdelivr|unpkg\.com|cdnjs\.", re.I),
]  # fmt: skip


def _asset_files():
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS]
        parts = set(Path(folder).relative_to(ROOT).parts)
        if parts & {"templates", "static"}:
            yield from (Path(folder) / name for name in files if Path(name).suffix in SUFFIXES)


def external_references(text: str) -> list[str]:
    return [match.group(0) for pattern in ASSET_REFERENCES for match in pattern.finditer(text)]


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="https://cdn.example.com/htmx.min.js"></script>',
        "<link rel=stylesheet href='//fonts.example.com/css?family=Noto'>",
        '<img alt="" src="http://img.example.com/a.png">',
        "@import url('https://fonts.googleapis.com/css2?family=Noto+Sans+SC');",
        '@import "https://example.com/reset.css";',
        "body { background: url(https://example.com/bg.png) }",
        'import htmx from "https://esm.example.com/htmx.js";',
        '<svg><image href="https://example.com/a.png"/></svg>',
    ],
)
def test_the_scan_catches_each_kind_of_external_asset(snippet):
    assert external_references(snippet)


@pytest.mark.parametrize(
    "snippet",
    [
        '<link rel="stylesheet" href="{% static \'linli/site.css\' %}">',
        '<a href="https://www.gov.cn/">a link to read, not an asset</a>',
        '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
        "background: url(/static/linli/bg.png)",
    ],
)
def test_the_scan_lets_local_assets_and_plain_links_pass(snippet):
    assert external_references(snippet) == []


def test_no_template_or_static_file_loads_an_asset_from_another_host():
    files = list(_asset_files())
    assert len(files) > 50  # the walk found the apps' templates and static files
    found = {
        str(path.relative_to(ROOT)): refs
        for path in files
        if (refs := external_references(path.read_text(encoding="utf-8", errors="replace")))
    }
    assert found == {}


def test_the_pages_a_visitor_gets_load_nothing_from_another_host(db, client):
    for path in ("/accounts/login/", "/accounts/signup/", "/no-such-page/"):
        assert external_references(client.get(path).content.decode()) == [], path


def test_production_serves_collected_hashed_static_files_through_whitenoise(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "test-only-" + "x" * 50,
        "ALLOWED_HOSTS": "portal.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",  # serving static files needs no database
        "CELERY_BROKER_URL": "memory://",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "tests.portal.static_probe"], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=240, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    assert result["storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert result["middleware"] == ["django.middleware.security.SecurityMiddleware",
                                    "whitenoise.middleware.WhiteNoiseMiddleware"]  # fmt: skip
    assert re.fullmatch(r"/static/linli/site\.[0-9a-f]{12}\.css", result["hashed_url"])
    hashed = result["hashed"]
    assert hashed["status"] == 200 and hashed["length"] > 0
    assert hashed["headers"]["Content-Type"].startswith("text/css")
    assert "immutable" in hashed["headers"]["Cache-Control"]  # a hashed name never changes: cached for good
    assert hashed["headers"].get("Content-Encoding") == "gzip"  # the compressed copy collectstatic wrote
    assert result["plain"]["status"] == 200 and "immutable" not in result["plain"]["headers"]["Cache-Control"]
    assert (tmp_path / "static" / "staticfiles.json").exists()
