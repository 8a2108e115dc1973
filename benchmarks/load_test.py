"""Load test (issue 7, "Load"): 200 residents filing, reading and answering at once for 5 minutes while 4 staff
work the queue, against gunicorn + PostgreSQL + Redis on loopback with `seed_scale` data and production settings.

Run by hand from the project root, with a PostgreSQL server to make a throwaway database on:
    .venv/bin/python benchmarks/load_test.py --database-url postgres://linli@127.0.0.1:54330/postgres
It makes the database (migrate, seed_scale, the residents' surveys, notices, tokens and sessions; see
benchmarks/load/world.py), starts a private redis-server, gunicorn, a Celery worker and Celery beat, runs Locust
headless (benchmarks/load/locustfile.py, installed from benchmarks/load/requirements.txt into var/load-venv the
first time), waits for the outbox to drain, then checks that nothing was lost or sent twice and prints each
endpoint's p99. Exit status 1 when a check fails or any request got a server error. Output: var/load/<time>/.
"""

import argparse
import csv
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
from throwaway_db import postgres_database  # noqa: E402

PY = sys.executable
LOAD_VENV = ROOT / "var" / "load-venv"
STAFF = 4  # two dispatchers and two technicians (world.prepare)


def main() -> int:
    args = _parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")  # throwaway_db closes Django's connections
    if args.step:  # a step inside Django, run by the orchestrator below in a child process
        return _django_step(args)
    run = ROOT / "var" / "load" / datetime.now().strftime("%Y%m%d-%H%M%S")
    run.mkdir(parents=True)
    locust = _locust()
    with postgres_database(args.database_url, keep=args.keep) as url, _Processes(run) as procs:
        redis_port, web_port = _free_port(), _free_port()
        procs.start("redis", ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                              "--appendonly", "no", "--dir", str(run)])  # fmt: skip
        env = _env(run, url, redis_port)
        _wait_for_port(redis_port)
        _manage(env, "migrate", "--noinput", "-v", "0")
        _manage(env, "collectstatic", "--noinput", "-v", "0")
        _manage(env, "seed_scale", "--estates", "2", "--units-per-estate", str(args.units), "--work-orders",
                str(args.work_orders), "-v", "0")  # fmt: skip
        _manage(env, "estate_homes", "-v", "0")
        procs.start("worker", [PY, "-m", "celery", "-A", "portal", "worker", "--concurrency=2", "--loglevel=WARNING",
                               "--without-mingle", "--without-gossip"], env=env)  # fmt: skip
        procs.start("beat", [PY, "-m", "celery", "-A", "portal", "beat", "--loglevel=WARNING",
                             "--schedule", str(run / "beat-schedule")], env=env)  # fmt: skip
        _step(env, "prepare", run, "--residents", str(args.users))
        _step(env, "drain", run)  # the notices' messages to the whole estate go out before the run, as in life
        procs.start("gunicorn", [PY, "-m", "gunicorn", "portal.wsgi:application", "--bind", f"127.0.0.1:{web_port}",
                                 "--workers", str(args.web_workers), "--access-logfile", "-"], env=env)  # fmt: skip
        _wait_for_port(web_port)
        print(f"== {args.users} residents and {STAFF} staff for {args.minutes} min", flush=True)
        started = time.monotonic()
        (run / "started.txt").write_text(datetime.now(UTC).isoformat())
        subprocess.run(  # noqa: S603 (fixed argv)
            [locust, "-f", str(ROOT / "benchmarks" / "load" / "locustfile.py"), "--headless", "--only-summary",
             "-u", str(args.users + STAFF), "-r", "20", "-t", f"{round(args.minutes * 60)}s", "--stop-timeout", "30",
             "--host", f"http://127.0.0.1:{web_port}", "--csv", str(run / "locust"), "--exit-code-on-error", "0"],
            env={**os.environ, "LOAD_PLAN": str(run / "plan.json"), "LOAD_ACCEPTED": str(run / "accepted.txt")},
            check=True,
        )  # fmt: skip
        print(f"== load done after {time.monotonic() - started:.0f} s; waiting for the outbox to drain", flush=True)
        _step(env, "drain", run)
        procs.stop("gunicorn", "beat", "worker")
        _step(env, "verify", run)
    return _report(run)


# --- steps inside Django -----------------------------------------------------------------------------


def _django_step(args) -> int:
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from load import world

    run = Path(args.run)
    if args.step == "prepare":
        world.save(world.prepare(residents=args.residents), run / "plan.json")
    elif args.step == "drain":
        from core.models import OutboxMessage

        deadline = time.monotonic() + 900  # beat relays what is pending over a minute, every minute
        while pending := OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count():
            if time.monotonic() > deadline:
                print(f"the outbox did not drain in 15 minutes: {pending} pending", file=sys.stderr)
                break
            time.sleep(5)
    elif args.step == "verify":
        accepted = [line.split() for line in (run / "accepted.txt").read_text().splitlines() if line.strip()]
        sms = run / "sms.txt"
        findings = world.verify(
            json.loads((run / "plan.json").read_text(encoding="utf-8")),
            created_orders=[int(pk) for kind, pk in accepted if kind == "order"],
            answered_surveys=[int(pk) for kind, pk in accepted if kind == "survey"],
            sms_lines=sms.read_text(encoding="utf-8").splitlines() if sms.exists() else [],
            started=datetime.fromisoformat((run / "started.txt").read_text()),
        )
        (run / "findings.json").write_text(json.dumps(findings.__dict__, ensure_ascii=False, indent=1))
    return 0


def _step(env, name: str, run: Path, *extra: str) -> None:
    subprocess.run([PY, __file__, "--step", name, "--run", str(run), *extra], env=env, check=True)  # noqa: S603


def _manage(env, *argv: str) -> None:
    subprocess.run([PY, "manage.py", *argv], env=env, cwd=ROOT, check=True)  # noqa: S603 (fixed argv)


# --- the report --------------------------------------------------------------------------------------


def _report(run: Path) -> int:
    findings = json.loads((run / "findings.json").read_text())
    rows = list(csv.DictReader((run / "locust_stats.csv").open(encoding="utf-8")))
    server_errors = [
        row for row in csv.DictReader((run / "locust_failures.csv").open(encoding="utf-8"))
        if any(code in row["Error"] for code in ("500", "502", "503", "504", "ConnectionError", "RemoteDisconnected"))
    ]  # fmt: skip
    lines = [
        "| endpoint | requests | failures | median ms | p95 ms | p99 ms | max ms |",
        "|---|---|---|---|---|---|---|",
    ]  # noqa: E501
    for row in rows:
        cells = [f"{row['Type']} {row['Name']}".strip(), row["Request Count"], row["Failure Count"], row["50%"],
                 row["95%"], row["99%"], f"{float(row['Max Response Time']):.0f}"]  # fmt: skip
        lines.append(f"| {' | '.join(cells)} |")
    lines += ["", *(f"- {key}: {value}" for key, value in findings["facts"].items())]
    lines += [f"- server errors or dropped connections: {sum(int(r['Occurrences']) for r in server_errors)}"]
    problems = findings["problems"] + [f"{r['Occurrences']}× {r['Method']} {r['Name']}: {r['Error']}"
                                       for r in server_errors]  # fmt: skip
    lines += ["", "Problems:" if problems else "No request lost, no notification sent twice, no server error."]
    lines += [f"- {p}" for p in problems]
    (run / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    print(f"\n(written to {run / 'report.md'})")
    return 1 if problems else 0


# --- processes -----------------------------------------------------------------------------------------


def _env(run: Path, database_url: str, redis_port: int) -> dict:
    """Production settings on loopback: plain HTTP (no TLS redirect), Redis broker and cache, texts to a file."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "False",
        "BEHIND_PROXY": "False",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis_port}/0",
        "CACHE_URL": f"redis://127.0.0.1:{redis_port}/1",
        "SMS_BACKEND": "tests.sms_backends.FileSmsBackend",  # one line a text, keyed by its outbox row
        "LINLI_TEST_SMS_FILE": str(run / "sms.txt"),
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "STATIC_ROOT": str(run / "static"),
        "MEDIA_ROOT": str(run / "media"),
        "PRIVATE_MEDIA_ROOT": str(run / "private"),
        "PYTHONPATH": str(ROOT),
    }


class _Processes:
    """Long-running children with their output in <run>/<name>.log; all stopped on exit."""

    def __init__(self, run: Path):
        self.run, self.children = run, {}

    def __enter__(self):
        return self

    def start(self, name: str, argv: list[str], env=None) -> None:
        log = (self.run / f"{name}.log").open("w")
        self.children[name] = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,  # noqa: S603
                                               start_new_session=True)  # fmt: skip

    def stop(self, *names: str) -> None:
        for name in names:
            child = self.children.pop(name, None)
            if child and child.poll() is None:
                os.killpg(child.pid, signal.SIGTERM)
                try:
                    child.wait(30)
                except subprocess.TimeoutExpired:
                    os.killpg(child.pid, signal.SIGKILL)

    def __exit__(self, *exc_info):
        self.stop(*reversed(list(self.children)))


def _locust() -> str:
    locust = LOAD_VENV / "bin" / "locust"
    if not locust.exists():
        subprocess.run([PY, "-m", "venv", str(LOAD_VENV)], check=True)  # noqa: S603
        subprocess.run([LOAD_VENV / "bin" / "pip", "install", "-q", "-r",  # noqa: S603
                        ROOT / "benchmarks" / "load" / "requirements.txt"], check=True)  # fmt: skip
    return str(locust)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"nothing listens on port {port} after {timeout} s")


def _parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="postgres://… of a server to make the throwaway database on")
    parser.add_argument("--users", type=int, default=200, help="residents at once")
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--units", type=int, default=2000, help="units (one owner each) in each of two estates")
    parser.add_argument("--work-orders", type=int, default=50_000, help="earlier work orders in the tables")
    parser.add_argument("--web-workers", type=int, default=5, help="gunicorn sync workers (2 × cores + 1)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--residents", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.step and not args.database_url:
        parser.error("--database-url is required (a PostgreSQL server; the load test needs real row locks)")
    return args


if __name__ == "__main__":
    shutil.which("redis-server") or sys.exit("redis-server is needed (apt-get install redis-server)")
    sys.exit(main())
