"""PostgreSQL for the drill: the client programs, extra connection aliases, and per-table fingerprints."""

import copy
import glob
import os
import re
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import load_backend

# The session settings every fingerprint is taken under, so one row renders as the same text on both sides.
STABLE_RENDERING = (
    "SET TimeZone TO 'UTC'",
    "SET DateStyle TO 'ISO, YMD'",
    "SET IntervalStyle TO 'postgres'",
    "SET extra_float_digits TO 1",
    "SET bytea_output TO 'hex'",
)
ROW = "drill_row"  # the table alias in fingerprint queries; `drill_row::text` is the whole row as text


class DrillError(Exception):
    """Something the drill cannot work around: a missing program, a failed dump."""


def program(name: str) -> str:
    """pg_dump or pg_restore: from PATH, else the newest of Debian's /usr/lib/postgresql/<version>/bin."""
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_major, reverse=True)
    if versions:
        return versions[0]
    raise DrillError(f"{name} was not found on PATH nor in /usr/lib/postgresql/*/bin")


def _major(path: str) -> int:
    match = re.search(r"/postgresql/(\d+)/", path)
    return int(match.group(1)) if match else 0


def client_env(settings_dict: dict) -> dict:
    """libpq's environment for the database in `settings_dict` (a Django connection's settings)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    options = settings_dict.get("OPTIONS") or {}
    pairs = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSSLMODE": options.get("sslmode"),
    }
    env.update({key: str(value) for key, value in pairs.items() if value})
    return env


def run(args: list[str], *, env: dict) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise DrillError(f"{Path(args[0]).name} exited with {done.returncode}:\n{tail}")


def dump(settings_dict: dict, target: Path, *, snapshot: str | None = None) -> None:
    """pg_dump -Fc --no-owner of the database, in the exported `snapshot` when given."""
    args = [program("pg_dump"), "-Fc", "--no-owner", "-f", str(target)]
    if snapshot:
        args.append(f"--snapshot={snapshot}")
    run([*args, settings_dict["NAME"]], env=client_env(settings_dict))


def restore(settings_dict: dict, source: Path) -> None:
    """pg_restore into the (empty) database of `settings_dict`, all or nothing."""
    args = [program("pg_restore"), "--exit-on-error", "--single-transaction", "--no-owner"]
    run([*args, "--dbname", settings_dict["NAME"], str(source)], env=client_env(settings_dict))


@contextmanager
def database_alias(alias: str, name: str, *, like: str = DEFAULT_DB_ALIAS):
    """A Django connection alias for the database `name` on the server of `like`, for the duration of the block.

    The connection is made here rather than added to settings.DATABASES, which stays as configured."""
    config = copy.deepcopy(connections[like].settings_dict)
    config["NAME"] = name
    connections[alias] = load_backend(config["ENGINE"]).DatabaseWrapper(config, alias)
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]


def quote(name: str) -> str:
    return connections[DEFAULT_DB_ALIAS].ops.quote_name(name)


def create_database(admin: str, name: str) -> None:
    """A fresh, empty database (from template0, as pg_restore wants); refuses a name that exists."""
    with connections[admin].cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE template0")


def drop_database(admin: str, name: str) -> None:
    with connections[admin].cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)} WITH (FORCE)")


def server_version(alias: str) -> str:
    with connections[alias].cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def export_snapshot(alias: str) -> str:
    """Begin the alias's transaction as REPEATABLE READ and export its snapshot (call inside atomic())."""
    with connections[alias].cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        return cursor.fetchone()[0]


def _tables(cursor) -> list[str]:
    cursor.execute(
        """SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
           ORDER BY c.relname"""
    )
    return [row[0] for row in cursor.fetchall()]


def _primary_key(cursor, table: str) -> list[str]:
    cursor.execute(
        """SELECT a.attname FROM pg_index i
           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
           WHERE i.indrelid = %s::regclass AND i.indisprimary
           ORDER BY array_position(i.indkey::int2[], a.attnum)""",
        [quote(table)],
    )
    return [row[0] for row in cursor.fetchall()]


def fingerprints(alias: str) -> dict[str, dict]:
    """{table: {"rows": n, "md5": …}} for every table of the schema: the md5 of the rows' md5s in primary-key
    order (whole-row order for a table without one), each row rendered as text under STABLE_RENDERING."""
    found = {}
    with connections[alias].cursor() as cursor:
        for statement in STABLE_RENDERING:
            cursor.execute(statement)
        for table in _tables(cursor):
            key = _primary_key(cursor, table)
            order = ", ".join(f"{ROW}.{quote(column)}" for column in key) or f"md5({ROW}::text)"
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(md5({ROW}::text), '' ORDER BY {order}), '')) "  # noqa: S608
                f"FROM {quote(table)} AS {ROW}"
            )
            rows, digest = cursor.fetchone()
            found[table] = {"rows": rows, "md5": digest}
    return found


def sequences_behind(alias: str) -> list[str]:
    """Sequences (serial and identity) whose next value is not past the largest value of their column: new rows
    would collide with restored ones."""
    behind = []
    with connections[alias].cursor() as cursor:
        cursor.execute(
            """SELECT s.seqrelid::regclass::text, d.refobjid::regclass::text, a.attname
               FROM pg_sequence s
               JOIN pg_depend d ON d.objid = s.seqrelid AND d.classid = 'pg_class'::regclass
                    AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
               JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
               ORDER BY 1"""
        )
        for sequence, table, column in cursor.fetchall():
            cursor.execute(f"SELECT last_value, is_called FROM {sequence}")  # noqa: S608 - names from the catalog
            last, called = cursor.fetchone()
            cursor.execute(f"SELECT max({quote(column)}) FROM {table}")  # noqa: S608
            largest = cursor.fetchone()[0]
            following = last + 1 if called else last
            if largest is not None and following <= largest:
                behind.append(f"{sequence}: next {following}, {table}.{column} holds {largest}")
    return behind
