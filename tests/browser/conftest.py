"""Browser fixtures: Debian's Chromium driven by Playwright (no browser download), one per test module.

Playwright's sync API keeps an asyncio event loop running in this thread for as long as it is started, which
trips Django twice:

* its async-safety check refuses every ORM call the test makes ("You cannot call this from an async
  context"). Nothing here is asynchronous: the loop only carries Playwright's messages to the browser while
  the test thread waits on it, so the check is switched off (DJANGO_ALLOW_ASYNC_UNSAFE) for exactly the span
  in which Playwright runs;
* `django.db.connections` keeps connections in an asgiref Local that, while a loop runs, switches from
  thread-local to context-local storage: the test (and pytest-django's flush after it) would get a second
  connection object, without the test database's serialized contents, so `serialized_rollback` would
  silently restore nothing and the flush would re-create content types under new ids. The thread's own
  connections are therefore put into the loop-time storage too: one connection per thread, as Django expects.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package `chromium`; .ci/run installs it
REQUIRE_BROWSER = "LINLI_REQUIRE_BROWSER"  # set by .ci/run: there a missing browser fails instead of skipping


def _chromium_or_skip() -> str:
    if CHROMIUM.exists():
        return str(CHROMIUM)
    reason = f"Chromium is not installed at {CHROMIUM} (Debian: apt-get install chromium); browser tests skipped"
    if os.environ.get(REQUIRE_BROWSER) == "1":
        pytest.fail(f"{REQUIRE_BROWSER}=1 but {reason.split(';')[0]}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium():
    """A headless Chromium for this module's tests (a fresh context per person keeps their cookies apart)."""
    executable = _chromium_or_skip()
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=15_000)  # as the windows' action timeout: a loaded 2-core CI machine is slow

    held = {alias: connections[alias] for alias in connections}  # this thread's, made before the loop runs
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # see the module docstring
        with sync_playwright() as playwright:
            for alias, connection in held.items():
                connections[alias] = connection  # the same objects inside the loop (module docstring)
            browser = playwright.chromium.launch(executable_path=executable, headless=True)
            yield browser
            browser.close()


@pytest.fixture
def window(chromium, live_server):
    """window(size) → a page in a browser window of its own (own cookies: one per person), on the live server,
    asking for Chinese first as residents' phones do. Closed after the test."""
    contexts = []

    def open_window(size):
        context = chromium.new_context(base_url=live_server.url, viewport=size, locale="zh-CN")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_window
    for context in contexts:
        context.close()


@pytest.fixture
def eager_celery():
    """Tasks sent with .delay (after each commit, by the live server's requests) run at once, in the sending
    thread: the real task functions, with no worker to start."""
    from portal.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


@pytest.fixture
def screenshots(request) -> Path:
    """var/screenshots/<test name>/, emptied first, for a person to review (var/ is not in git)."""
    folder = Path(settings.VAR_DIR) / "screenshots" / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder
