"""/api/v1/ routes of the committee app; each feature package adds its own list."""

from django.urls import include, path

urlpatterns = [
    path("", include("committee.votes.api.urls")),
    path("", include("committee.supervision.api.urls")),
    path("", include("committee.dashboard.api_urls")),
    path("", include("committee.spotchecks.api_urls")),
    path("", include("committee.reports.api_urls")),
    path("", include("committee.disclosures.api.urls")),
    path("", include("committee.documents.api.urls")),
    path("", include("committee.members.api_urls")),
    path("", include("committee.meetings.api_urls")),
]
