"""Time an owners' vote tally over 20,000 units and 20,000 ballots (issue 5's target: under 100 ms).

Run by hand from the project root against a PostgreSQL server (the URL names a maintenance database; the script
creates a database linli_bench_<random> there, migrates it, and drops it afterwards):
    .venv/bin/python benchmarks/vote_tally.py --database-url postgres://linli@127.0.0.1:54330/postgres

One estate of 20,000 units (80-160 m²), one verified owner each, announced (which freezes the roll through the
real service) and then a ballot for every unit. Timed, each as the median of --repeat runs:
- the live tally the committee's page and API show (committee.votes.selectors.live_tally: one set-based query,
  the roll joined to its ballots and summed per choice, fed to committee/voting.py's decide);
- the final count at close: the roll (each unit's area) and ballots fetched in three queries, then the pure tally;
- the pure tally alone over the same plain data.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from throwaway_db import postgres_database  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="postgres://… of a server to create a database on")
    parser.add_argument("--units", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with postgres_database(args.database_url) as url:
        _run(args, url)


def _setup(url: str):
    os.environ.update(DATABASE_URL=url, DEBUG="false", CELERY_BROKER_URL="memory://")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _seed(units: int, rng: random.Random):
    from django.utils import timezone

    from committee.votes.models import Ballot, RollEntry
    from committee.votes.services import MotionInput, motion_announce, motion_create
    from residents.models import Building, Estate, EstateRole, Ownership, Person, Unit, User

    estate = Estate.objects.create(slug="bench", name="基准小区")
    buildings = Building.objects.bulk_create([Building(estate=estate, name=f"{b}号楼") for b in range(1, 41)])
    unit_rows = Unit.objects.bulk_create(
        [Unit(estate=estate, building=buildings[i % 40], number=f"{i:05d}", floor=1 + i % 30,
              area=Decimal(rng.randint(8000, 16000)) / 100) for i in range(units)],
        batch_size=5000,
    )  # fmt: skip
    users = User.objects.bulk_create([User(username=f"o{i}") for i in range(units)], batch_size=5000)
    people = Person.objects.bulk_create([Person(user=u, full_name=f"业主{i}") for i, u in enumerate(users)], 5000)
    now = timezone.now()
    Ownership.objects.bulk_create(
        [Ownership(person=p, unit=u, start=now.date() - timedelta(days=400), verified_at=now - timedelta(days=1))
         for p, u in zip(people, unit_rows, strict=True)],
        batch_size=5000,
    )  # fmt: skip
    chair = User.objects.create(username="chair", is_superuser=True)
    EstateRole.objects.create(user=chair, estate=estate, role="committee")
    data = MotionInput(title="更换电梯", agenda="动用维修资金。", matter=6, opens_at=now + timedelta(days=16),
                       closes_at=now + timedelta(days=30))  # fmt: skip
    motion = motion_create(estate_id=estate.pk, actor=chair, data=data)
    started = time.perf_counter()
    motion_announce(motion_id=motion.pk, actor=chair)
    print(f"announce (freezes a roll of {units} units): {time.perf_counter() - started:.2f} s")
    choices = ["yes"] * 7 + ["no"] * 2 + ["abstain"]
    Ballot.objects.bulk_create(
        [Ballot(motion=motion, entry_id=pk, choice=rng.choice(choices), channel="online", cast_by=chair)
         for pk in RollEntry.objects.filter(motion=motion).values_list("pk", flat=True)],
        batch_size=5000,
    )  # fmt: skip
    motion.refresh_from_db()
    return motion


def _median_ms(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def _run(args, url: str) -> None:
    _setup(url)
    from django.db import connection

    from committee import voting
    from committee.votes.selectors import live_tally
    from committee.votes.services import roll_and_ballots

    motion = _seed(args.units, random.Random(args.seed))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    live, result = _median_ms(lambda: live_tally(motion=motion), args.repeat)
    final, _ = _median_ms(lambda: voting.tally(*roll_and_ballots(motion.pk), item=6), args.repeat)
    roll, ballots = roll_and_ballots(motion.pk)
    pure, _ = _median_ms(lambda: voting.tally(roll, ballots, 6), args.repeat)
    heads = result.counts.heads
    print(f"{heads.total} owners, {heads.participating} ballots; passed={result.passed}")
    print(f"live tally (1 set-based query + decide): median {live:.1f} ms")
    print(f"final count by unit (3 queries + pure tally): median {final:.1f} ms")
    print(f"pure tally alone: median {pure:.1f} ms")


if __name__ == "__main__":
    main()
