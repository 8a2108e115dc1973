"""Configuration (SECURITY.md §5.15): the deploy check passes with production settings; production cookies,
HSTS and CSP; security headers on every response; the schema and its UI are staff-only and use no CDN."""

import importlib
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils.csp import CSP

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(48),  # Django's W009 wants 50+ characters
    "ALLOWED_HOSTS": "linli.example.com",
    "DATABASE_URL": "sqlite:////tmp/x.sqlite3",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
}


# --- production settings ----------------------------------------------------------------------------


def test_deploy_check_passes_with_production_settings():
    env = {**os.environ, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "portal.settings.production"}
    command = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)  # noqa: S603
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def production(monkeypatch):
    """The production settings module, imported with the environment a deployment provides."""
    for key, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delitem(sys.modules, "portal.settings.production", raising=False)
    module = importlib.import_module("portal.settings.production")
    yield module
    sys.modules.pop("portal.settings.production", None)


def test_production_hsts_lasts_a_year_and_covers_subdomains(production):
    assert production.SECURE_HSTS_SECONDS >= 31_536_000
    assert production.SECURE_HSTS_INCLUDE_SUBDOMAINS is True
    assert production.SECURE_SSL_REDIRECT is True


def test_production_cookies_are_secure_host_prefixed_and_http_only(production):
    assert production.SESSION_COOKIE_NAME.startswith("__Host-")
    assert production.CSRF_COOKIE_NAME.startswith("__Host-")
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    assert production.SESSION_COOKIE_HTTPONLY
    # __Host- cookies are refused by browsers unless Path=/ and no Domain attribute
    for prefix in ("SESSION", "CSRF"):
        assert getattr(production, f"{prefix}_COOKIE_DOMAIN", None) is None
        assert getattr(production, f"{prefix}_COOKIE_PATH", "/") == "/"


def test_production_csp_forbids_framing_on_every_path(production):
    assert production.SECURE_CSP["frame-ancestors"] == [CSP.NONE]
    for prefix, policy in production.LINLI_CSP_PATH_OVERRIDES.items():
        assert policy["frame-ancestors"] == [CSP.NONE], prefix


def test_production_has_no_debug_no_public_schema_and_no_browsable_api(production):
    assert production.DEBUG is False
    assert production.LINLI_SCHEMA_PUBLIC is False
    renderers = production.REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"]
    assert not any("Browsable" in renderer for renderer in renderers)
    assert production.REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"] == ["rest_framework.permissions.IsAuthenticated"]


def test_production_throttles_and_lockouts_use_a_shared_cache(production):
    assert "locmem" not in production.CACHES["default"]["BACKEND"].lower()


# --- headers on responses (test settings) -----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/api/v1/me/", "/cms/login/", "/no-such-page/"])
def test_headers_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


# --- the schema and its UI ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/schema/", "/api/docs/"])
@pytest.mark.parametrize("role", [None, "owner", "tenant", "committee"])
def test_schema_is_refused_to_anonymous_visitors_and_residents(world, api_as, settings, path, role):
    settings.LINLI_SCHEMA_PUBLIC = False
    response = api_as(world.users[role] if role else None).get(path)
    assert response.status_code == (401 if role is None else 403)


@pytest.mark.parametrize("path", ["/api/schema/", "/api/docs/"])
@pytest.mark.parametrize("role", ["dispatcher", "manager", "admin"])
def test_schema_is_served_to_staff(world, api_as, settings, path, role):
    settings.LINLI_SCHEMA_PUBLIC = False
    assert api_as(world.users[role]).get(path).status_code == 200


def test_schema_is_public_only_when_the_setting_says_so(db, api_as, settings):
    settings.LINLI_SCHEMA_PUBLIC = True  # development only
    assert api_as(None).get("/api/schema/").status_code == 200


def test_schema_docs_page_loads_only_local_assets(world, api_as):
    client = api_as(world.users["admin"])
    page = client.get("/api/docs/").content.decode()
    urls = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", page)
    assert urls, "the Swagger page should reference its assets"
    assert all(url.startswith(("/static/", "/api/")) for url in urls), urls
    script = client.get("/api/docs/?script=").content.decode()
    assert not re.search(r"https?://|//cdn", page + script)
