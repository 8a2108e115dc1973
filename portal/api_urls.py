"""/api/v1/ gathers each app's API; the schema and its browsable UI are staff-only outside development."""

from django.conf import settings
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import BasePermission


class SchemaAccess(BasePermission):
    """The schema is public in development only; elsewhere it needs a signed-in staff user (ASVS 13.4.5)."""

    def has_permission(self, request, view):
        from residents.access import is_staff_member

        return settings.LINLI_SCHEMA_PUBLIC or is_staff_member(request.user)


urlpatterns = [
    path("", include("residents.api.urls")),
    path("", include("residents.mydata.api_urls")),
    path("", include("repairs.api.urls")),
    path("", include("feedback.api.urls")),
    path("", include("committee.api.urls")),
    path("", include("portal.notices.api_urls")),
    path("", include("portal.guide.api_urls")),
    path("", include("portal.committee_pages.api_urls")),
    path("", include("portal.kb.api_urls")),
]

schema_urlpatterns = [
    path("api/schema/", SpectacularAPIView.as_view(permission_classes=[SchemaAccess]), name="api-schema"),
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", permission_classes=[SchemaAccess]),
        name="api-docs",
    ),
]
