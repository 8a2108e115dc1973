"""HTML pages of the committee app; each feature package adds its own list (kept apart so they merge cleanly)."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("committee/", views.workspace, name="committee-home"),
    path("me/committee/", views.published, name="committee-public"),
    path("staff/committee/", views.company, name="staff-committee-matters"),
    path("", include("committee.votes.urls")),
    path("", include("committee.supervision.urls")),
    path("", include("committee.dashboard.urls")),
    path("", include("committee.spotchecks.urls")),
    path("", include("committee.reports.urls")),
    path("", include("committee.disclosures.urls")),
    path("", include("committee.documents.urls")),
    path("", include("committee.members.urls")),
    path("", include("committee.meetings.urls")),
]
