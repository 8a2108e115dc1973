"""Racing transactions on PostgreSQL (SECURITY.md §2c): calls released together from threads, and the marks the
race tests share."""

import threading

import pytest
from django.db import connection

# SQLite has no row locks, so these tests mean something on PostgreSQL only; transaction=True because each thread
# commits on its own connection, serialized_rollback so the data migrations' rows (trades, instruments) come back.
POSTGRES_RACE = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite has no row locks (select_for_update is a no-op there)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def together(*calls, locked: str = "the row"):
    """Run the calls in threads released at one moment by a barrier; each thread's result or the error it raised."""
    barrier, outcomes = threading.Barrier(len(calls)), [None] * len(calls)

    def run(i):
        try:
            barrier.wait(timeout=10)
            outcomes[i] = calls[i]()
        except Exception as exc:  # the test inspects what each thread got
            outcomes[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), f"a thread hung on {locked}'s lock"
    return outcomes
