"""Private file storage: outside MEDIA_ROOT and never served by URL; views that check access stream it.

Uploads are written with `store()`, which ties the file to the transaction that writes its row: a request
refused or failed after the file was written (the second of two photos is bad, a later check fails) leaves
no file behind.
"""

import weakref
from functools import cache

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import transaction


@cache
def _storage(location: str) -> FileSystemStorage:
    return FileSystemStorage(location=location, base_url=None)


def private_storage() -> FileSystemStorage:
    """A callable, so migrations name this function instead of a path on one machine."""
    return _storage(str(settings.LINLI_PRIVATE_MEDIA_ROOT))


def store(field_file, name: str, data: bytes) -> None:
    """Write `data` as the file of a model's FileField (the row is saved by the caller, in the same
    transaction); if that transaction or savepoint rolls back, the file is deleted again."""
    field_file.save(name, ContentFile(data), save=False)
    if transaction.get_connection().in_atomic_block:
        _delete_unless_committed(field_file.storage, field_file.name)


def _delete_unless_committed(storage, name: str) -> None:
    # Django has no on_rollback hook, but a rolled-back transaction (or savepoint) drops the on_commit
    # callbacks registered in it, and the connection holds the only reference to them: when `committed`
    # is dropped without having run, its finalizer deletes the file.
    ran = []

    def committed():
        ran.append(True)

    weakref.finalize(committed, _delete_if_rolled_back, storage, name, ran)
    transaction.on_commit(committed)


def _delete_if_rolled_back(storage, name: str, ran: list) -> None:
    if not ran:
        storage.delete(name)
