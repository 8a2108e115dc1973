"""/api/v1/ routes of the feedback app; each feature package adds its own list."""

from django.urls import include, path

urlpatterns = [
    path("", include("feedback.campaigns.api.urls")),
]
