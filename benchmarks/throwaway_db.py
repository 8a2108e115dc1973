"""A PostgreSQL database that lives for one benchmark run: created with a random name, dropped afterwards."""

import uuid
from urllib.parse import urlsplit, urlunsplit


class postgres_database:  # noqa: N801 - used as a context manager, like a function
    """Create a database with a random name on the server at `url` (its maintenance database), yield its URL,
    drop it on exit."""

    def __init__(self, url: str, *, keep: bool = False):
        self.server, self.keep = url, keep
        self.name = f"linli_bench_{uuid.uuid4().hex[:8]}"

    def __enter__(self) -> str:
        self._execute(f'CREATE DATABASE "{self.name}"')
        return urlunsplit(urlsplit(self.server)._replace(path=f"/{self.name}"))

    def __exit__(self, *exc_info) -> None:
        from django.db import connections

        connections.close_all()
        if self.keep:
            print(f"kept database {self.name}")
        else:
            self._execute(f'DROP DATABASE IF EXISTS "{self.name}"')

    def _execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.server, autocommit=True) as conn:
            conn.execute(sql)
