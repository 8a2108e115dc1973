"""Django admin for company administrators: Open311 clients (keys are made by `create_open311_key`) and planned
maintenance, read-only (plans are edited in the staff console, whose services keep `next_due` and the audit)."""

from django.contrib import admin

from .models import ChecklistItem, MaintenancePlan, MaintenanceRun, Open311Client, WorkOrderChecklistItem


@admin.register(Open311Client)
class Open311ClientAdmin(admin.ModelAdmin):
    """Deactivate a client here; its key then answers 403. Keys are never shown (only a digest is stored)."""

    list_display = ["name", "estate", "is_active", "created_at", "last_used_at"]
    list_filter = ["is_active", "estate"]
    fields = ["name", "estate", "is_active", "created_at", "last_used_at"]
    readonly_fields = ["name", "estate", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False  # a client without a printed key would be useless: use the command


class _ViewOnly:
    """Look, never touch: a change here would skip the services (next due date, generated orders, audit)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ChecklistItemInline(_ViewOnly, admin.TabularInline):
    model = ChecklistItem
    fields = readonly_fields = ["position", "text", "requires_value"]


class MaintenanceRunInline(_ViewOnly, admin.TabularInline):
    model = MaintenanceRun
    fields = readonly_fields = ["due_date", "order", "skipped", "created_at"]
    ordering = ["-due_date"]
    max_num = 0  # no empty add rows
    show_change_link = True


@admin.register(MaintenancePlan)
class MaintenancePlanAdmin(_ViewOnly, admin.ModelAdmin):
    list_display = ["title", "estate", "common_area", "trade", "interval", "unit", "next_due", "active"]
    list_filter = ["active", "estate", "trade"]
    search_fields = ["title", "common_area__name"]
    list_select_related = ["estate", "common_area", "trade"]
    inlines = [ChecklistItemInline, MaintenanceRunInline]


@admin.register(MaintenanceRun)
class MaintenanceRunAdmin(_ViewOnly, admin.ModelAdmin):
    list_display = ["plan", "due_date", "order", "skipped", "created_at"]
    list_filter = ["plan__estate"]
    search_fields = ["plan__title"]
    list_select_related = ["plan", "order"]
    date_hierarchy = "due_date"


@admin.register(WorkOrderChecklistItem)
class WorkOrderChecklistItemAdmin(_ViewOnly, admin.ModelAdmin):
    list_display = ["order", "position", "text", "done", "value", "done_by", "done_at"]
    list_filter = ["done", "order__estate"]
    search_fields = ["text"]
    list_select_related = ["order", "done_by"]
    raw_id_fields = ["order", "done_by"]
