"""Time the staff work queue's first filtered page and a work order's detail with 1,000,000 orders (PostgreSQL).

Run by hand from the project root (the URL names a maintenance database; the script creates linli_bench_<random>
there, seeds it with `seed_scale` — 20 estates × 10,000 units and the orders with their events, several minutes —
and drops it afterwards):
    .venv/bin/python benchmarks/work_queue.py --database-url postgres://linli@127.0.0.1:54330/postgres
Server time is measured in-process through Django's test client (no network), as a signed-in dispatcher of one
estate: the median and the slowest of `--repeat` requests after one warm-up, with the query count of each page.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from throwaway_db import postgres_database  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="postgres://… of a server to create a database on")
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=200_000)
    parser.add_argument("--estates", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards (to EXPLAIN queries)")
    parser.add_argument("--reuse", metavar="URL", help="time against a database an earlier --keep run left; no seeding")
    args = parser.parse_args()
    if args.reuse:
        _run(args, args.reuse)
        return
    with postgres_database(args.database_url, keep=args.keep) as url:
        _run(args, url)


def _run(args, url: str) -> None:
    os.environ.update(DATABASE_URL=url, DEBUG="false", CELERY_BROKER_URL="memory://")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    if not args.reuse:
        call_command("seed_scale", estates=args.estates, units_per_estate=args.units // args.estates,
                     work_orders=args.orders, verbosity=0)  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    seeded = time.perf_counter() - started
    client, dispatcher = _dispatcher_client()
    from repairs.models import WorkOrder

    order = WorkOrder.objects.filter(estate__roles__user=dispatcher, status="in_progress").order_by("-pk").first()
    estate = order.estate
    building = estate.buildings.order_by("pk").first()
    word = order.description.split()[0][:2] if order.description.strip() else "水"
    queue = "/staff/work-orders/"
    pages = {
        "queue, first page (urgent, open)": f"{queue}?priority=urgent",
        "queue, first page (open, no filter)": queue,
        "queue, overdue in one estate": f"{queue}?estate={estate.slug}&overdue=on",
        "queue, one building": f"{queue}?estate={estate.slug}&building={building.name}",
        "queue, one trade, unassigned": f"{queue}?trade={order.trade.key}&assignee=none",
        f"queue, search “{word}”": f"{queue}?q={word}",
        "queue, search a word no order has": f"{queue}?q=无此词语",
        "queue, closed orders, search a word none has": f"{queue}?status=closed&q=无此词语",
        "queue API, first page (urgent, open)": "/api/v1/staff/work-orders/?priority=urgent&status=assigned",
        "order detail (HTML)": f"/staff/work-orders/{order.pk}/",
        "order detail (API)": f"/api/v1/staff/work-orders/{order.pk}/",
    }
    done = f"reused {args.reuse.rsplit('/', 1)[-1]}" if args.reuse else f"seeded in {seeded:.0f} s"
    print(f"{connection.vendor}: {WorkOrder.objects.count():,} orders ({done})")
    for label, path in pages.items():
        median, worst, queries = _time(client, path, args.repeat)
        print(f"{label}: median {median * 1000:.1f} ms, slowest {worst * 1000:.1f} ms, {queries} queries")


def _dispatcher_client():
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from residents.models import User

    dispatcher = User.objects.filter(username__startswith="scale-staff-", estate_roles__role="dispatcher").first()
    client = Client()
    client.force_login(dispatcher, backend="residents.auth_backends.PhoneOrEmailBackend")
    device, _ = TOTPDevice.objects.get_or_create(user=dispatcher, name="bench", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client, dispatcher


def _time(client, path, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(path).status_code == 200, path  # warm-up: URL conf, templates, the session's first write
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return statistics.median(times), max(times), len(queries)


if __name__ == "__main__":
    main()
