"""Django admin for company administrators: the registry, people, staff profiles and roles.

Only superusers reach it (and only after two-factor sign-in); day-to-day work happens in the staff console.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import (
    Building,
    CommonArea,
    Estate,
    EstateRole,
    Occupancy,
    Ownership,
    Person,
    StaffProfile,
    Trade,
    Unit,
    UnitClaim,
    User,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = [*BaseUserAdmin.fieldsets, (None, {"fields": ["phone"]})]
    list_display = ["username", "email", "phone", "is_active", "is_superuser"]
    search_fields = ["username", "email", "phone"]


class EstateRoleInline(admin.TabularInline):
    model = EstateRole
    extra = 0


@admin.register(Estate)
class EstateAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "city"]
    search_fields = ["name", "slug"]
    inlines = [EstateRoleInline]


@admin.register(Building)
class BuildingAdmin(admin.ModelAdmin):
    list_display = ["name", "estate"]
    list_filter = ["estate"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["__str__", "estate", "floor", "area", "use"]
    list_filter = ["estate", "use"]
    search_fields = ["number", "building__name"]
    list_select_related = ["building", "estate"]
    raw_id_fields = ["building"]


@admin.register(CommonArea)
class CommonAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "estate", "building"]
    list_filter = ["estate", "kind"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "user", "language"]
    search_fields = ["full_name", "user__phone", "user__email"]
    raw_id_fields = ["user"]


@admin.register(Ownership)
class OwnershipAdmin(admin.ModelAdmin):
    list_display = ["person", "unit", "share", "start", "end", "verified_at"]
    raw_id_fields = ["person", "unit", "verified_by"]


@admin.register(Occupancy)
class OccupancyAdmin(admin.ModelAdmin):
    list_display = ["person", "unit", "kind", "start", "end"]
    raw_id_fields = ["person", "unit"]


@admin.register(UnitClaim)
class UnitClaimAdmin(admin.ModelAdmin):
    list_display = ["person", "unit", "relation", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["person", "unit", "decided_by"]
    readonly_fields = ["status", "decided_at", "decided_by"]  # decisions go through the staff console


@admin.register(Trade)
class TradeAdmin(admin.ModelAdmin):
    list_display = ["key", "name_zh", "name_en"]


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "team"]
    filter_horizontal = ["trades"]
    raw_id_fields = ["user"]
