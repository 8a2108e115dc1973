"""Test settings: fast hashing, in-memory mail.

DATABASE_URL, CELERY_BROKER_URL and CACHE_URL pick real services in CI."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
# Argon2 is proven by a dedicated test; the suite itself hashes with MD5 for speed.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://linli-tests")}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="memory://")
CELERY_TASK_ALWAYS_EAGER = False
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LINLI_SCHEMA_PUBLIC = False
