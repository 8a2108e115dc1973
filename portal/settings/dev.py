"""Local development: SQLite, a filesystem Celery broker and console email; nothing needs a server."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
LINLI_SCHEMA_PUBLIC = True
