"""Writing to the append-only audit log. No secrets or unmasked personal data go into `detail`."""

from .models import AuditEvent


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


def audit_record(
    *, action: str, actor=None, obj=None, estate_id=None, request=None, using=None, **detail
) -> AuditEvent:
    """Append one audit event; `obj` is any model instance (its type and id are stored). `using` names another
    database (the restore drill records re-applied erasures in the restored copy)."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.db_manager(using).create(
        action=action,
        actor=actor,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        estate_id=estate_id,
        ip_address=client_ip(request),
        detail=detail,
    )
