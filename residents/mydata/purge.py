"""The nightly retention purge: delete what is past its period (retention.PURGES), in batches, with the rows'
files, never what a legal hold covers; one audit row per run with the counts and no personal data.

Idempotent: a second run finds nothing past its period that the first left, so it deletes nothing.
"""

import logging
from datetime import datetime

from django.apps import apps
from django.db import DatabaseError, connection, models, transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone

from core.audit import audit_record
from core.holds import held_ids

from .retention import NEVER_PURGED, PURGES, Purge

log = logging.getLogger(__name__)
BATCH = 500  # rows per transaction: short locks, and a crash loses at most one batch's progress


class PurgeFailed(Exception):
    """Some classes could not be purged; the others were (each class is purged on its own)."""


def retention_purge(*, now: datetime | None = None, batch: int = BATCH) -> dict[str, int]:
    """Run every purge of the registry; returns rows deleted per class (files are counted as `<class>_files`).
    Raises PurgeFailed, after purging every other class and auditing the run, when a class could not be purged."""
    now = now or timezone.now()
    counts: dict[str, int] = {}
    failed = []
    for rule in PURGES:
        try:
            rows, files = _purge(rule, now=now, batch=batch)
        except (DatabaseError, ProtectedError):  # one class refused (a protected link, a trigger): others still go
            log.exception("retention: could not purge %s", rule.name)
            failed.append(rule.name)
            continue
        counts[rule.name] = rows
        if rule.files:
            counts[f"{rule.name}_files"] = files
    audit_record(action="retention.purged", counts=counts, failed=failed, ran_at=now.isoformat())
    if failed:
        raise PurgeFailed(", ".join(failed))
    return counts


def due_rows(rule: Purge, *, now: datetime) -> models.QuerySet:
    """The rows of one class past their period and under no legal hold."""
    if rule.model in NEVER_PURGED:
        raise ValueError(f"{rule.model} is vote evidence and is never purged by age")
    # a plain QuerySet: append-only models refuse deletes through their own manager
    rows = models.QuerySet(apps.get_model(rule.model)).filter(**rule.where, **{f"{rule.after}__lt": now - rule.period})
    held = Q()
    for object_type, lookup in rule.holds.items():
        ids = held_ids(object_type)
        if ids:
            held |= Q(**{f"{lookup}__in": ids})
    return rows.exclude(held) if held else rows


def _purge(rule: Purge, *, now: datetime, batch: int) -> tuple[int, int]:
    deleted = files = 0
    while True:
        with transaction.atomic():
            doomed = due_rows(rule, now=now)
            pks = list(doomed.order_by("pk").values_list("pk", flat=True)[:batch])
            if not pks:
                return deleted, files
            doomed = doomed.filter(pk__in=pks)
            stored = _files_of(rule, doomed)
            _allow_security_log_purge()
            _total, per_model = doomed.delete()  # cascades (a survey's draft) go with it
            deleted += per_model.get(doomed.model._meta.label, 0)
            files += len(stored)
            transaction.on_commit(lambda stored=stored: _delete_files(stored))


def _files_of(rule: Purge, rows: models.QuerySet) -> list[tuple]:
    model = rows.model
    stored = []
    for name in rule.files:
        storage = model._meta.get_field(name).storage
        stored += [(storage, value) for value in rows.exclude(**{name: ""}).values_list(name, flat=True) if value]
    return stored


def _allow_security_log_purge():
    """On PostgreSQL the audit table's trigger refuses every DELETE unless this transaction says it is the
    retention purge, and even then refuses rows younger than the legal floor (core/migrations, retention)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('linli.retention_purge', 'on', true)")


def _delete_files(stored):
    for storage, name in stored:
        try:
            storage.delete(name)
        except OSError:  # the row is gone either way; a stray file is found by the backup drill's media check
            log.warning("retention: could not delete a purged file", exc_info=True)
