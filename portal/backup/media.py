"""Stored files for the drill: which roots hold them, which files the database refers to, the media tar."""

import hashlib
import os
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models

from .postgres import DrillError


def roots() -> dict[str, Path]:
    """The folders a backup carries, by the name they have in the tar: public media (Wagtail images and
    documents) and the private storage of residents' photos, committee documents and ballot scans."""
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.LINLI_PRIVATE_MEDIA_ROOT)}


def file_fields():
    """Every concrete file field of every installed model."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                yield model, field


def root_of(field) -> str:
    """The name of the root holding the field's files; a storage elsewhere (another disk, object storage) is
    refused: the drill could not vouch for files it does not back up."""
    location = getattr(field.storage, "location", None)
    if location:
        for name, root in roots().items():
            if Path(location).resolve() == root.resolve():
                return name
    raise DrillError(f"{field.model._meta.label}.{field.name} stores files outside the backed-up folders")


def referenced(alias: str) -> set[tuple[str, str]]:
    """(root, name) of every file the database `alias` refers to."""
    found = set()
    for model, field in file_fields():
        root = root_of(field)
        names = models.QuerySet(model, using=alias).exclude(**{field.attname: ""}).exclude(**{field.attname: None})
        found |= {(root, name) for name in names.values_list(field.attname, flat=True)}
    return found


def path_in(folder: Path, name: str) -> Path | None:
    """The stored file `name` under folder, or None for a name that would leave it (a tampered row)."""
    folder = folder.resolve()
    path = (folder / name).resolve()
    return path if path.is_relative_to(folder) else None


def member(root: str, name: str) -> str | None:
    """The file's name in the media tar ("private/work-orders/7/….jpg"), or None for a name leaving its root."""
    path = path_in(roots()[root], name)
    return f"{root}/{path.relative_to(roots()[root].resolve()).as_posix()}" if path else None


def sha256(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except (FileNotFoundError, IsADirectoryError):
        return None
    return digest.hexdigest()


class _Hashing:
    """Reads a file for tarfile and hashes exactly the bytes that go into the tar."""

    def __init__(self, stream):
        self.stream, self.digest = stream, hashlib.sha256()

    def read(self, size=-1):
        block = self.stream.read(size)
        self.digest.update(block)
        return block


def pack(target: Path) -> dict[str, str]:
    """Tar every root under its name and return {member name: sha256} of the files in it. A file deleted while
    the tar is written is left out (and the drill then reports it missing if a row refers to it)."""
    hashes = {}
    with tarfile.open(target, "w") as tar:
        for name, root in roots().items():
            folder = tarfile.TarInfo(name)
            folder.type, folder.mode = tarfile.DIRTYPE, 0o755
            tar.addfile(folder)
            for parent, dirs, filenames in os.walk(root):
                dirs.sort()
                for filename in sorted(filenames):
                    path = Path(parent) / filename
                    arcname = f"{name}/{path.relative_to(root).as_posix()}"
                    try:
                        info = tar.gettarinfo(path, arcname=arcname)
                        with path.open("rb") as stream:
                            reader = _Hashing(stream)
                            tar.addfile(info, reader if info.isreg() else None)
                    except FileNotFoundError:
                        continue
                    if info.isreg():
                        hashes[arcname] = reader.digest.hexdigest()
    return hashes


def unpack(source: Path, base: Path) -> None:
    """Extract the media tar into base, refusing members that would land outside it."""
    base.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source) as tar:
        tar.extractall(base, filter="data")


def restored_storage(base: Path):
    """file_storage(field) for erasure: the restored copy of the field's root under base."""
    cache = {}

    def storage_of(field):
        root = root_of(field)
        if root not in cache:
            cache[root] = FileSystemStorage(location=str(base / root), base_url=None)
        return cache[root]

    return storage_of
