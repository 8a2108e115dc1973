"""Time an estate's score dashboard with 1,000,000 item answers (PostgreSQL).

Run by hand from the project root (the URL names a maintenance database; the script creates linli_bench_<random>
there, fills it with COPY and drops it afterwards):
    .venv/bin/python benchmarks/feedback_scores.py --database-url postgres://linli@127.0.0.1:54330/postgres
One estate of 20 buildings answers the shipped estate-wide survey (two-column, 24 statements, points, CSAT and
NPS) and the survey after repairs (perception only, CSAT) over 24 months, until `--answers` item answers are
stored; the rollups are then rebuilt from the raw answers (`rebuild_score_rollups`, timed). Server time is
measured in-process: the selectors alone, and the dashboard page and the scores API through Django's test
client as the estate's manager (2FA-verified session): median and slowest of `--repeat` after one warm-up,
with the query count of each.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from throwaway_db import postgres_database  # noqa: E402

REPAIR_SHARE = 0.05  # of the answers, from surveys after repairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="postgres://… of a server to create a database on")
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", metavar="URL", help="time against a database an earlier --keep run left")
    args = parser.parse_args()
    if args.reuse:
        _run(args, args.reuse)
        return
    with postgres_database(args.database_url, keep=args.keep) as url:
        _run(args, url)


def _setup(url):
    os.environ.update(DATABASE_URL=url, DEBUG="false", CELERY_BROKER_URL="memory://")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]


def _run(args, url: str) -> None:
    _setup(url)
    from django.core.management import call_command
    from django.db import connection

    from feedback.models import ItemAnswer
    from residents.models import Estate

    call_command("migrate", verbosity=0, interactive=False)
    if not args.reuse:
        started = time.perf_counter()
        _seed(args.answers)
        seeded = time.perf_counter() - started
        started = time.perf_counter()
        call_command("rebuild_score_rollups", verbosity=0)
        rebuilt = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"seeded in {seeded:.0f} s; rollups rebuilt from the raw answers in {rebuilt:.1f} s")
    estate = Estate.objects.get(slug="bench")
    print(f"{connection.vendor}: {ItemAnswer.objects.count():,} item answers")
    _time_selectors(estate, args.repeat)
    client = _manager_client(estate)
    for label, path in {
        "dashboard page (12 months)": "/staff/scores/bench/",
        "dashboard page (24 months, one building)": (
            f"/staff/scores/bench/?from={_months()[0]}&building={_building(estate)}"
        ),
        "scores API (12 months)": "/api/v1/staff/scores/?estate=bench",
        "trend API": "/api/v1/staff/scores/trend/?estate=bench",
        "technicians API": "/api/v1/staff/scores/technicians/?estate=bench",
    }.items():
        median, worst, queries = _time(client, path, args.repeat)
        print(f"{label}: median {median * 1000:.1f} ms, slowest {worst * 1000:.1f} ms, {queries} queries")


def _months():
    from django.utils import timezone

    this = timezone.localdate().replace(day=1)
    out = []
    for back in range(23, -1, -1):
        index = this.year * 12 + this.month - 1 - back
        out.append(f"{index // 12}-{index % 12 + 1:02d}")
    return out


def _building(estate):
    return estate.buildings.order_by("pk").first().pk


def _seed(answers: int) -> None:
    """One estate, 20 buildings × 200 units, a manager and 8 technicians; responses written with COPY."""
    from django.db import connection
    from django.utils import timezone

    from feedback.instruments.selectors import instrument_for
    from feedback.surveys.services import month_of
    from repairs.models import WorkOrder
    from residents.models import Building, Estate, EstateRole, Trade, Unit, User

    rng = random.Random(20261123)
    estate = Estate.objects.create(slug="bench", name="基准小区")
    buildings = Building.objects.bulk_create(Building(estate=estate, name=f"{i}号楼") for i in range(1, 21))
    units = Unit.objects.bulk_create(
        Unit(building=b, estate=estate, number=f"{f:02d}{u:02d}", floor=f, area=88) for b in buildings
        for f in range(1, 21) for u in range(1, 11)
    )  # fmt: skip
    manager = User.objects.create_user(username="bench-manager", password=None)
    EstateRole.objects.create(user=manager, estate=estate, role="manager")
    technicians = [User.objects.create_user(username=f"bench-tech-{i}", password=None) for i in range(8)]
    EstateRole.objects.bulk_create(EstateRole(user=t, estate=estate, role="technician") for t in technicians)
    trades = list(Trade.objects.order_by("pk")[:4])
    campaign = instrument_for(estate_id=estate.pk, purpose="campaign")
    repair = instrument_for(estate_id=estate.pk, purpose="transactional")
    campaign_items = list(campaign.items.order_by("position").values_list("pk", "dimension"))
    repair_items = list(repair.items.order_by("position").values_list("pk", "dimension"))
    dims = sorted({d for _, d in campaign_items})
    repairs = int(answers * REPAIR_SHARE) // len(repair_items)
    campaigns = (answers - repairs * len(repair_items)) // len(campaign_items)
    now = timezone.now()
    orders = WorkOrder.objects.bulk_create(
        WorkOrder(estate=estate, unit=rng.choice(units), trade=rng.choice(trades), description="基准",
                  status="closed", assignee=rng.choice(technicians))
        for _ in range(repairs)
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM feedback_survey")
        survey_id = cursor.fetchone()[0]
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM feedback_response")
        response_id = cursor.fetchone()[0]
    surveys, responses, item_rows, weight_rows = [], [], [], []
    plan = [(campaign, None) for _ in range(campaigns)] + [(repair, order) for order in orders]
    for instrument, order in plan:
        survey_id += 1
        response_id += 1
        submitted = now - timedelta(days=rng.uniform(0, 720))
        unit = order.unit if order else rng.choice(units)
        kind = instrument.purpose
        surveys.append((survey_id, now, now, kind, instrument.pk, estate.pk, unit.building_id, unit.pk, manager.pk,
                        order.pk if order else None, "answered", submitted - timedelta(days=2),
                        month_of(submitted - timedelta(days=2)), submitted + timedelta(days=12),
                        submitted))  # fmt: skip
        responses.append((response_id, survey_id, instrument.pk, kind, estate.pk, unit.building_id, unit.pk,
                           order.trade_id if order else None, order.assignee_id if order else None, submitted,
                           rng.randint(1, 5), rng.randint(0, 10) if order is None else None, ""))  # fmt: skip
        quality = rng.gauss(0, 1)
        for item_id, dim in campaign_items if order is None else repair_items:
            p = min(7, max(1, round(5 + quality + rng.gauss(0, 1))))
            e = min(7, max(1, round(6 + rng.gauss(0, 0.8)))) if order is None else None
            item_rows.append((response_id, item_id, dim, p, e))
        if order is None:
            cuts = sorted(rng.randint(0, 100) for _ in range(len(dims) - 1))
            bounds = [0, *cuts, 100]
            weight_rows.extend((response_id, d, bounds[i + 1] - bounds[i]) for i, d in enumerate(dims))
    _copy("feedback_survey", ("id", "created_at", "updated_at", "kind", "instrument_id", "estate_id", "building_id",
                              "unit_id", "recipient_id", "work_order_id", "status", "invited_at", "invited_month",
                              "expires_at", "answered_at"), surveys)  # fmt: skip
    _copy(
        "feedback_response",
        (
            "id",
            "survey_id",
            "instrument_id",
            "kind",
            "estate_id",
            "building_id",
            "unit_id",
            "trade_id",
            "technician_id",
            "submitted_at",
            "csat",
            "nps",
            "comment",
        ),
        responses,
    )
    _copy("feedback_itemanswer", ("response_id", "item_id", "dimension", "perceived", "expected"), item_rows)
    _copy("feedback_importanceweight", ("response_id", "dimension", "points"), weight_rows)
    with connection.cursor() as cursor:
        for table in ("feedback_survey", "feedback_response"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")  # noqa: S608 - fixed names
    print(f"{len(responses):,} responses ({campaigns:,} estate-wide, {repairs:,} after repairs), "
          f"{len(item_rows):,} item answers, {len(weight_rows):,} importance points")  # fmt: skip


def _copy(table, columns, rows):
    from django.db import connection

    with connection.cursor() as cursor:
        raw = cursor.connection.cursor()
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def _time_selectors(estate, repeat):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from feedback.scores.dashboard import dashboard
    from feedback.scores.filters import parse

    f = parse(estate, {})
    dashboard(f)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        dashboard(f)
        times.append(time.perf_counter() - started)
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        dashboard(f)
    print(f"dashboard selectors (12 months): median {statistics.median(times) * 1000:.1f} ms, "
          f"slowest {max(times) * 1000:.1f} ms, {len(queries)} queries")  # fmt: skip


def _manager_client(estate):
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from residents.models import User

    manager = User.objects.get(username="bench-manager")
    client = Client()
    client.force_login(manager, backend="residents.auth_backends.PhoneOrEmailBackend")
    device, _ = TOTPDevice.objects.get_or_create(user=manager, name="bench", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _time(client, path, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(path).status_code == 200, path
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
