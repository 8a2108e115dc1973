"""Django admin for company administrators: Open311 clients (keys are made by `create_open311_key`)."""

from django.contrib import admin

from .models import Open311Client


@admin.register(Open311Client)
class Open311ClientAdmin(admin.ModelAdmin):
    """Deactivate a client here; its key then answers 403. Keys are never shown (only a digest is stored)."""

    list_display = ["name", "estate", "is_active", "created_at", "last_used_at"]
    list_filter = ["is_active", "estate"]
    fields = ["name", "estate", "is_active", "created_at", "last_used_at"]
    readonly_fields = ["name", "estate", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False  # a client without a printed key would be useless: use the command
