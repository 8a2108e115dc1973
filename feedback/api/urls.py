"""/api/v1/ routes of the feedback app; each feature package adds its own list."""

from django.urls import include, path

urlpatterns = [
    path("", include("feedback.complaints.api.urls")),
    path("", include("feedback.surveys.api.urls")),
    path("", include("feedback.scores.api_urls")),
    path("", include("feedback.campaigns.api.urls")),
    path("", include("feedback.replies.api_urls")),
]
