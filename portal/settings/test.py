"""Test settings: fast hashing, in-memory mail.

DATABASE_URL, CELERY_BROKER_URL and CACHE_URL pick real services in CI (PostgreSQL, Redis).
"""

import os

from .base import *  # noqa: F403
from .base import BROKER_DIR, DATABASES, PASSWORD_HASHERS, STORAGES, VAR_DIR, env

DEBUG = False
# Argon2 is proven by a dedicated test; the suite itself hashes with MD5 for speed.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]

MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# The crash tests' worker records texts in a file instead (tests/sms_backends.py).
LINLI_SMS_BACKEND = env("SMS_BACKEND", default="core.channels.sms.MemorySmsBackend")
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
MEDIA_ROOT = VAR_DIR / "test-media"
LINLI_SCHEMA_PUBLIC = False

# Each pytest-xdist process gets its own queue (and, on the filesystem broker, its own folder), so a real
# worker started by one test process never takes another process's messages.
_XDIST = os.environ.get("PYTEST_XDIST_WORKER", "main")
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://linli-tests")}
if "redis" in CACHES["default"]["BACKEND"].lower():
    # A Redis database per test process: tests clear the cache (FLUSHDB) and count throttle hits, which
    # must not touch another process's keys.
    _base, _sep, _db = CACHES["default"]["LOCATION"].rpartition("/")
    _index = int(_XDIST[2:]) if _XDIST.startswith("gw") else 0
    CACHES["default"]["LOCATION"] = f"{_base}/{int(_db or 1) + _index}"
LINLI_PRIVATE_MEDIA_ROOT = VAR_DIR / f"test-private-{_XDIST}"
CELERY_TASK_DEFAULT_QUEUE = f"linli-test-{_XDIST}"
_TEST_BROKER = BROKER_DIR.parent / f"test-broker-{_XDIST}"
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "data_folder_in": str(_TEST_BROKER / "out"),
    "data_folder_out": str(_TEST_BROKER / "out"),
    "processed_folder": str(_TEST_BROKER / "processed"),
    "control_folder": str(_TEST_BROKER / "control"),
    "visibility_timeout": 3600,
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory: the Celery worker test runs a second process against the test database.
    # One file per test process, so two test runs on one machine never share (or delete) each other's.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-linli-{os.getpid()}.sqlite3")}
