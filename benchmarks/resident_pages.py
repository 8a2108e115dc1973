"""Time the pages a resident sees most, with the demo data (issue 6's target: under 100 ms of server time).

Run by hand from the project root. Without arguments it uses a throwaway SQLite file; with --database-url it
migrates and seeds that database (seed_demo is safe to run again; nothing is dropped):
    .venv/bin/python benchmarks/resident_pages.py
    .venv/bin/python benchmarks/resident_pages.py --database-url postgres://USER@HOST:PORT/DBNAME

It migrates, runs `manage.py seed_demo`, gives the demo estate a home page and a notice board with a few notices
when seed_demo made none, then signs in as the demo resident (王小明, unit 1号楼-0101) and requests each page
through Django's test client (in-process, no network; production-like: DEBUG off, local-memory cache): one
warm-up, then --repeat timed requests. Prints the median, the 95th percentile and the slowest wall time, the
median CPU time of this process (the wall time's floor on SQLite, where the database runs in-process; on a
machine shared with other jobs the wall time can be several times higher) and the queries of each page.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DEMO_ESTATE = "cuiyuan"
DEMO_NOTICES = [  # title, kind, urgent
    ("1号楼二次供水水泵检修，暂停供水", "outage", True),
    ("3号楼电梯维保通知", "lift", False),
    ("中秋社区游园会", "event", False),
    ("关于规范电动车停放的通知", "policy", False),
    ("小区绿化修剪安排", "other", False),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a database to migrate, seed and time (default: throwaway SQLite)")
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    if args.database_url:
        _run(args, args.database_url)
        return
    with tempfile.TemporaryDirectory(prefix="linli-bench-") as folder:
        _run(args, f"sqlite:///{Path(folder) / 'demo.sqlite3'}")


def _run(args, url: str) -> None:
    warnings.filterwarnings("ignore", message="No directory at")  # WhiteNoise: nothing collected, none needed
    os.environ.update(
        DATABASE_URL=url,
        DEBUG="false",
        CELERY_BROKER_URL="memory://",
        CACHE_URL="locmemcache://resident-bench",
        LOG_LEVEL="WARNING",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115 - closed at exit
    home, notice = _demo_pages()
    client = _resident_client()
    pages = {"estate home": home.url, "my home (/me/)": "/me/", "my requests (/repairs/)": "/repairs/",
             "a notice": notice.url}  # fmt: skip
    print(f"{connection.vendor}, demo data, as the demo resident; {args.repeat} requests per page after a warm-up")
    print("load average before: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    for label, path in pages.items():
        wall, cpu, queries = _time(client, path, args.repeat)
        p95 = statistics.quantiles(wall, n=20)[-1]
        print(f"{label}: median {statistics.median(wall):.1f} ms, p95 {p95:.1f} ms, slowest {max(wall):.1f} ms; "
              f"CPU median {statistics.median(cpu):.1f} ms; {queries} queries")  # fmt: skip
    print("load average after: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


def _demo_pages():
    """The demo estate's home page and a notice on its board: those seed_demo made, else new ones."""
    from django.utils import timezone

    from portal.models import NoticeIndexPage, NoticePage
    from portal.sites.services import ensure_estate_home
    from residents.models import Estate

    home = ensure_estate_home(Estate.objects.get(slug=DEMO_ESTATE))
    board = NoticeIndexPage.objects.child_of(home).get()
    if not NoticePage.objects.descendant_of(home).live().exists():
        for title, kind, urgent in DEMO_NOTICES:
            body = f"<p>{title}。详情请咨询物业服务中心。</p>"
            board.add_child(instance=NoticePage(title=title, body=body, kind=kind, urgent=urgent, live=True,
                                                first_published_at=timezone.now()))  # fmt: skip
    return home, NoticePage.objects.descendant_of(home).live().order_by("-urgent", "pk").first()


def _resident_client():
    """A client signed in as the demo resident, as residents sign in (no two-factor step)."""
    from django.test import Client

    from residents.models import User

    client = Client()
    client.force_login(User.objects.get(username="resident"), backend="residents.auth_backends.PhoneOrEmailBackend")
    return client


def _time(client, path: str, repeat: int) -> tuple[list[float], list[float], int]:
    """Wall and CPU milliseconds of each request, and the queries of one. (The session is refreshed once a minute,
    which adds its own queries to that request.)"""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(path).status_code == 200, path  # warm-up: URL conf, templates, Wagtail's site cache
    with CaptureQueriesContext(connection) as queries:  # right after the warm-up's session write, as in the tests
        client.get(path)
    count = len(queries)  # now: each request's start clears the connection's query log
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, path
    return wall, cpu, count


if __name__ == "__main__":
    main()
