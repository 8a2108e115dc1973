"""HTML pages of the feedback app; each feature package adds its own list (kept apart so they merge cleanly)."""

from django.urls import include, path

urlpatterns = [
    path("", include("feedback.complaints.urls")),
    path("", include("feedback.surveys.urls")),
    path("", include("feedback.scores.urls")),
    path("", include("feedback.campaigns.urls")),
    path("", include("feedback.replies.urls")),
]
