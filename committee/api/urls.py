"""/api/v1/ routes of the committee app; each feature package adds its own list."""

from django.urls import include, path

urlpatterns = [
    path("", include("committee.members.api_urls")),
    path("", include("committee.meetings.api_urls")),
]
