"""Reads of the document library: who manages an estate's documents sees all of them; committee members see
both levels of theirs; residents only resident-level documents of their estates; anything else is a 404."""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from residents import access
from residents.models import Estate

from .models import Document

MANAGE = "documents.manage"


def estates_managed(*, user):
    return access.scope_by_estate(Estate.objects.order_by("name"), user, MANAGE, field="id")


def _levels(user, estate_id: int) -> list[str]:
    """The access levels the user may read in the estate, widest first; [] when none."""
    if access.can(user, MANAGE, estate_id) or access.can(user, "committee.view", estate_id):
        return [Document.Access.RESIDENTS, Document.Access.COMMITTEE]
    homes = access.resident_unit_ids(user)
    if homes and Estate.objects.filter(pk=estate_id, units__in=homes).exists():
        return [Document.Access.RESIDENTS]
    return []


def estates_for_reader(*, user):
    """Estates with documents the user may read (as manager, committee member or resident)."""
    if access.is_admin(user):
        return Estate.objects.order_by("name")
    staff = (access.estate_ids_with(user, MANAGE) or set()) | (access.estate_ids_with(user, "committee.view") or set())
    homes = access.resident_unit_ids(user)
    return Estate.objects.filter(Q(pk__in=staff) | Q(units__in=homes)).distinct().order_by("name")


def managed_estate(*, user, slug: str) -> Estate:
    return get_object_or_404(estates_managed(user=user), slug=slug)


def reader_estate(*, user, slug: str) -> Estate:
    return get_object_or_404(estates_for_reader(user=user), slug=slug)


def documents_for(*, user, estate: Estate, category: str = ""):
    """The estate's documents the user may read, by category, newest first."""
    found = Document.objects.filter(estate=estate, access__in=_levels(user, estate.pk))
    return (found.filter(category=category) if category else found).order_by("category", "-created_at", "-id")


def document_for(*, user, estate: Estate, pk: int) -> Document:
    return get_object_or_404(documents_for(user=user, estate=estate), pk=pk)


def document_file_for(*, user, pk: int) -> Document | None:
    """The document if the user may read it, else None (the file view answers 404)."""
    found = Document.objects.filter(pk=pk).first()
    if found is None or found.access not in _levels(user, found.estate_id):
        return None
    return found
