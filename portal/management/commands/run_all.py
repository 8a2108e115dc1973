"""`make run`: the web server, a Celery worker and Celery beat together; Ctrl-C stops all three."""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = _("Run the development web server, a Celery worker and Celery beat until interrupted.")

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000")

    def handle(self, *args, addr, **options):
        python = sys.executable
        celery = [python, "-m", "celery", "-A", "portal"]
        commands = [
            [python, "manage.py", "runserver", "--noreload", addr],
            [*celery, "worker", "--loglevel=INFO", "--concurrency=2", "--without-mingle", "--without-gossip"],
            [*celery, "beat", "--loglevel=INFO"],
        ]
        stopping = []
        # Handle the signals ourselves: a shell may start us with SIGINT ignored, and the children run in
        # their own sessions, so only we can pass the stop on.
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, lambda *_args: stopping.append(True))
        children = [subprocess.Popen(cmd, start_new_session=True) for cmd in commands]  # noqa: S603 (fixed argv)
        self.stdout.write(
            self.style.SUCCESS(_("Linli is running at http://%(addr)s/ — Ctrl-C stops it.") % {"addr": addr})
        )
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.5)
        self._stop(children)

    def _stop(self, children):
        for child in children:
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
