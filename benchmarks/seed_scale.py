"""Time `manage.py seed_scale` on a fresh throwaway database and print seconds and rows per second.

Run by hand from the project root:
    .venv/bin/python benchmarks/seed_scale.py --units 200000
    .venv/bin/python benchmarks/seed_scale.py --units 200000 --database-url postgres://linli@localhost:54400/postgres
SQLite uses a file in a temporary folder; with --database-url the script creates a database named
linli_bench_<random> on that server (the URL names the maintenance database to connect to) and drops it after.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from throwaway_db import postgres_database  # noqa: E402


def main() -> None:
    args = _parse_args()
    with tempfile.TemporaryDirectory(prefix="linli-bench-") as tmp:
        if args.database_url:
            with postgres_database(args.database_url) as url:
                _run(args, url)
        else:
            _run(args, f"sqlite:///{tmp}/bench.sqlite3")


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200_000, help="units in all (default 200000)")
    parser.add_argument("--estates", type=int, default=20, help="estates the units are split over (default 20)")
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--database-url", help="postgres://… of a server to create a throwaway database on")
    return parser.parse_args()


def _run(args: argparse.Namespace, url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "false"  # no query log
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    per_estate = args.units // args.estates
    started = time.perf_counter()
    call_command(
        "seed_scale",
        estates=args.estates,
        units_per_estate=per_estate,
        seed=args.seed,
        batch_size=args.batch_size,
    )
    elapsed = time.perf_counter() - started
    rows = _count_rows()
    connection.close()
    print(
        f"{connection.vendor}: {args.estates} estates × {per_estate} units = {args.estates * per_estate} units, "
        f"{rows} rows in {elapsed:.1f} s: {args.estates * per_estate / elapsed:,.0f} units/s, "
        f"{rows / elapsed:,.0f} rows/s"
    )


def _count_rows() -> int:
    from residents.models import Building, Estate, Ownership, Person, Unit, User

    return sum(model.objects.count() for model in (Estate, Building, Unit, User, Person, Ownership))


if __name__ == "__main__":
    main()
