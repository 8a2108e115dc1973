"""Start a real Celery worker process on the broker and test database the suite is using."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def _database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"


@contextlib.contextmanager
def celery_worker(*, log_path: Path, env: dict | None = None):
    """A prefork worker with one child, on the default queue of this test process; stopped on exit.

    It runs in a session of its own, so `kill_worker` can SIGKILL the main process and its child together.
    `env` adds or overrides environment variables (another broker, a recording SMS backend)."""
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", "DATABASE_URL": _database_url(),
        **(env or {}),
    }  # fmt: skip
    command = [
        sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=prefork", "--concurrency=1",
        "--loglevel=INFO", "--without-mingle", "--without-gossip", "--without-heartbeat",
        f"--queues={settings.CELERY_TASK_DEFAULT_QUEUE}",
    ]  # fmt: skip
    with open(log_path, "a") as log:
        process = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            yield process
        finally:
            if process.poll() is None:
                process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def kill_worker(process: subprocess.Popen) -> None:
    """SIGKILL the worker and its pool child at once: no shutdown, no acknowledgement, no rollback hooks."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=20)


def wait_for(predicate, *, timeout: float = 60, interval: float = 0.25):
    """Poll until predicate() is truthy; returns its last value (falsy on timeout)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)
