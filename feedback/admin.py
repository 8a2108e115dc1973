"""Django admin for company administrators: instruments are read here; they are written through the
services (a published version never changes), and survey settings per estate are edited here."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import Instrument, Item, SurveySettings


class ItemInline(admin.TabularInline):
    model = Item
    fields = ["position", "dimension", "text_zh", "text_en"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Instrument)
class InstrumentAdmin(ReadOnlyAdmin):
    """Read-only: answers point at these statements, so edits go through a new version (the services)."""

    list_display = ["key", "version", "name_zh", "estate", "purpose", "format", "status", "published_at"]
    list_filter = ["status", "purpose", "format"]
    inlines = [ItemInline]


@admin.register(SurveySettings)
class SurveySettingsAdmin(admin.ModelAdmin):
    list_display = ["estate", "expiry_days", "reminder_days", "fatigue_days"]
