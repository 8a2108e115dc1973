"""DRF permission classes built on residents.access; every app's API uses these (never another app's views)."""

from rest_framework.permissions import BasePermission

from . import access


class HasCapability(BasePermission):
    """Allows a view whose `capability` the user holds in at least one estate (rows are scoped further)."""

    def has_permission(self, request, view):
        return access.can(request.user, view.capability)


class HasPerson(BasePermission):
    """Resident endpoints need a person record (staff-only logins have none)."""

    def has_permission(self, request, view):
        return hasattr(request.user, "person")
