"""The erasure ledger after a restore (SECURITY.md §2g, §5.18–19).

Every erasure writes an ErasureLedgerEntry (ids and a time, no personal data) in its own transaction. A backup
taken before an erasure still holds the person's data, and restoring it would bring them back. `ledger_reapply`
replays a newer ledger (the live database's, or the copy a newer backup carries in its manifest) onto a restored
database so that what was erased stays erased. It is idempotent: an account the target already shows erased, or
already holds in its own ledger, is left exactly as it is.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.utils import timezone

from core.audit import audit_record
from core.models import OutboxMessage

from ..models import User
from .models import DeletionRequest, ErasureLedgerEntry
from .registry import PERSONAL_FIELDS, Erase
from .services import decided_event_key, empty_value, erased_values, personal_data_erase

LEDGER_FIELDS = ("user_id", "person_id", "deletion_request_id", "actor_id", "erased_at")
# What erasure leaves in each field it owns (REPLACE_NAME edits a list of names, so it has no single value).
CHECKED = (Erase.PSEUDONYM, Erase.NAME, Erase.CLEAR, Erase.TEXT, Erase.FILE)


@dataclass
class Reapplied:
    """What replaying a ledger did to one database."""

    erased: list[int] = field(default_factory=list)  # accounts erased again: they had come back with the backup
    already: list[int] = field(default_factory=list)  # accounts the target already showed erased
    absent: list[int] = field(default_factory=list)  # accounts the target never had (made after its backup)
    recorded: int = 0  # entries copied into the target's own ledger
    files: list[tuple] = field(default_factory=list)  # (storage, name) of the files the re-applied erasures delete


def ledger_entries(*, using: str = DEFAULT_DB_ALIAS) -> list[ErasureLedgerEntry]:
    return list(ErasureLedgerEntry.objects.using(using).order_by("erased_at", "id"))


def ledger_rows(entries) -> list[dict]:
    """The entries as plain JSON values, as a backup's manifest carries them."""
    return [
        {name: getattr(entry, name) for name in LEDGER_FIELDS} | {"erased_at": entry.erased_at.isoformat()}
        for entry in entries
    ]


def entries_from_rows(rows) -> list[ErasureLedgerEntry]:
    """Unsaved entries from ledger_rows() values."""
    return [
        ErasureLedgerEntry(
            **{name: row.get(name) for name in LEDGER_FIELDS} | {"erased_at": datetime.fromisoformat(row["erased_at"])}
        )
        for row in rows
    ]


def _looks_erased(user: User) -> bool:
    return user.username == f"erased-{user.pk}" and not user.is_active


def ledger_reapply(entries, *, using: str, file_storage=None) -> Reapplied:
    """Apply every entry of a ledger to the database `using`, each with its copy in the target's own ledger in
    one transaction. `file_storage(field)` is where that database's files are (see personal_data_erase)."""
    done = Reapplied()
    for entry in entries:
        with transaction.atomic(using=using):
            held = ErasureLedgerEntry.objects.using(using).filter(user_id=entry.user_id).exists()
            user = User.objects.using(using).select_for_update().filter(pk=entry.user_id).first()
            if user is None:
                done.absent.append(entry.user_id)
            elif held or _looks_erased(user):
                done.already.append(entry.user_id)
            else:
                done.files += files_of(entry.user_id, using=using, file_storage=file_storage)
                personal_data_erase(user=user, file_storage=file_storage)
                _close_request(entry, using)
                audit_record(
                    action="mydata.erasure_reapplied",
                    using=using,
                    subject_user_id=entry.user_id,
                    erased_at=str(entry.erased_at),
                )
                done.erased.append(entry.user_id)
            if not held:
                ErasureLedgerEntry.objects.using(using).create(**{name: getattr(entry, name) for name in LEDGER_FIELDS})
                done.recorded += 1
    return done


def _close_request(entry, using: str) -> None:
    """The request the erasure carried out, if the restored database has it still open."""
    if entry.deletion_request_id is None:
        return
    actor = entry.actor_id if User.objects.using(using).filter(pk=entry.actor_id).exists() else None
    DeletionRequest.objects.using(using).filter(
        pk=entry.deletion_request_id, status=DeletionRequest.Status.OPEN
    ).update(
        status=DeletionRequest.Status.ERASED, decided_at=entry.erased_at, decided_by_id=actor, updated_at=timezone.now()
    )


def files_of(user_id: int, *, using: str = DEFAULT_DB_ALIAS, file_storage=None) -> list[tuple]:
    """(storage, name) of every stored file erasure deletes with the account."""
    found = []
    for entry in PERSONAL_FIELDS:
        if entry.erase != Erase.FILE:
            continue
        model = apps.get_model(entry.model)
        model_field = model._meta.get_field(entry.field)
        storage = file_storage(model_field) if file_storage else model_field.storage
        rows = models.QuerySet(model, using=using).filter(**{entry.subject: user_id}).exclude(**{entry.field: ""})
        found += [(storage, name) for name in rows.values_list(entry.field, flat=True)]
    return found


def erasure_residue(erasure: ErasureLedgerEntry, *, using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The registered fields of the erased account's own data that still hold something erasure removes (empty
    when the erasure is complete). Quotes of it in other people's rows are the erasure's SCRUB, not checked here;
    the farewell message keeps its address until it is delivered (services._farewell)."""
    erased_name, erased_text = erased_values()
    user_id = erasure.user_id
    left = []
    for entry in PERSONAL_FIELDS:
        if entry.erase not in CHECKED:
            continue
        model = apps.get_model(entry.model)
        model_field = model._meta.get_field(entry.field)
        rows = models.QuerySet(model, using=using).filter(**{entry.subject or "pk": user_id})
        if model is OutboxMessage and erasure.deletion_request_id is not None:
            rows = rows.exclude(event_key=decided_event_key(erasure.deletion_request_id))
        if entry.erase == Erase.PSEUDONYM:
            rows = rows.exclude(**{entry.field: f"erased-{user_id}"})
        elif entry.erase == Erase.NAME:
            rows = rows.exclude(**{entry.field: erased_name})
        elif entry.erase == Erase.TEXT:
            rows = rows.exclude(**{f"{entry.field}__in": ["", erased_text]})
        elif entry.erase == Erase.CLEAR and empty_value(model_field) is None:
            rows = rows.exclude(**{f"{entry.field}__isnull": True})
        elif entry.erase == Erase.CLEAR:
            rows = rows.exclude(**{entry.field: empty_value(model_field)})
        # Erase.FILE: the rows themselves go, so any row left is residue
        if rows.exists():
            left.append(entry.key)
    return left
