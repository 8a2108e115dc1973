from django.contrib import admin

from .models import AuditEvent, LegalHold, OutboxMessage


class ReadOnlyAdmin(admin.ModelAdmin):
    """An admin that only shows: for records whose changes must go through services or never happen."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: the audit log is append-only."""

    list_display = ["at", "action", "actor", "object_type", "object_id", "ip_address"]
    list_filter = ["action"]
    search_fields = ["object_id", "action"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "event_key", "channel", "recipient", "status", "attempts"]
    list_filter = ["status", "channel"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(LegalHold)
class LegalHoldAdmin(ReadOnlyAdmin):
    """Read-only: holds are placed and released with `manage.py legal_hold`, which audits each change."""

    list_display = ["placed_at", "object_type", "object_id", "reason", "released_at"]
