"""Private file storage: outside MEDIA_ROOT and never served by URL; views that check access stream it."""

from functools import cache

from django.conf import settings
from django.core.files.storage import FileSystemStorage


@cache
def _storage(location: str) -> FileSystemStorage:
    return FileSystemStorage(location=location, base_url=None)


def private_storage() -> FileSystemStorage:
    """A callable, so migrations name this function instead of a path on one machine."""
    return _storage(str(settings.LINLI_PRIVATE_MEDIA_ROOT))
