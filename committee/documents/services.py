"""Adding documents to an estate's library and taking them out (documents.manage: managers and the committee)."""

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.audit import audit_record
from core.errors import NotPermitted
from core.storage import store
from residents import access

from . import files
from .models import Document
from .selectors import MANAGE


@dataclass(frozen=True)
class DocumentInput:
    title: str
    category: str
    access: str
    name: str  # the uploaded file's name
    data: bytes


def _check(actor, estate_id: int) -> None:
    if not access.can(actor, MANAGE, estate_id):
        raise NotPermitted(_("Only the company's managers and the committee of this estate manage its documents."))


def _validate(data: DocumentInput) -> files.CleanFile:
    errors = {}
    if not data.title.strip():
        errors["title"] = [_("Give the document a title.")]
    if data.category not in Document.Category.values:
        errors["category"] = [_("Unknown category.")]
    if data.access not in Document.Access.values:
        errors["access"] = [_("Choose who may read it.")]
    try:
        clean = files.clean(data.name, data.data)
    except files.BadFile as exc:
        errors["file"] = [exc.message]
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def document_upload(*, actor, estate_id: int, data: DocumentInput) -> Document:
    """Check the file and add the document. Raises NotPermitted, ValidationError (naming the field)."""
    _check(actor, estate_id)
    clean = _validate(data)
    document = Document(estate_id=estate_id, title=data.title.strip(), category=data.category, access=data.access,
                        name=clean.name, kind=clean.kind, size=len(clean.data), uploaded_by=actor)  # fmt: skip
    store(document.file, f"{uuid.uuid4().hex}.{clean.extension}", clean.data)
    document.save()
    audit_record(action="document.uploaded", actor=actor, obj=document, estate_id=estate_id, access=data.access)
    return document


@transaction.atomic
def document_delete(*, actor, document_id: int) -> None:
    """Remove a document and, once committed, its file. Raises NotPermitted."""
    document = Document.objects.select_for_update().get(pk=document_id)
    _check(actor, document.estate_id)
    audit_record(action="document.deleted", actor=actor, obj=document, estate_id=document.estate_id,
                 title=document.title)  # fmt: skip
    name, storage = document.file.name, document.file.storage
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))
