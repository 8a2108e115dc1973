from django.urls import path

from . import api

PREFIX = "committee/<slug:estate>/meetings/"

urlpatterns = [
    path(PREFIX, api.MeetingListView.as_view(), name="api-committee-meetings"),
    path(f"{PREFIX}<int:pk>/", api.MeetingDetailView.as_view(), name="api-committee-meeting"),
    path(f"{PREFIX}<int:pk>/hold/", api.MeetingHoldView.as_view(), name="api-committee-meeting-hold"),
    path(f"{PREFIX}<int:pk>/minutes/", api.MeetingMinutesView.as_view(), name="api-committee-meeting-minutes"),
    *[
        path(f"{PREFIX}<int:pk>/{step}/", view.as_view(), name=f"api-committee-meeting-{step}")
        for step, view in api.STEP_VIEWS.items()
    ],  # fmt: skip
    path("me/committee/<slug:estate>/minutes/", api.PublicMinutesListView.as_view(), name="api-my-committee-minutes"),
    path(
        "me/committee/<slug:estate>/minutes/<int:pk>/",
        api.PublicMinutesDetailView.as_view(),
        name="api-my-committee-minute",
    ),  # fmt: skip
]
