from django.urls import path

from . import views

urlpatterns = [
    path("committee/<slug:estate>/meetings/", views.meeting_list, name="committee-meetings"),
    path("committee/<slug:estate>/meetings/new/", views.meeting_new, name="committee-meeting-new"),
    path("committee/<slug:estate>/meetings/<int:pk>/", views.meeting_detail, name="committee-meeting"),
    path("committee/<slug:estate>/meetings/<int:pk>/hold/", views.meeting_hold, name="committee-meeting-hold"),
    path("me/committee/<slug:estate>/minutes/", views.public_minutes, name="committee-public-minutes"),
    path("me/committee/<slug:estate>/minutes/<int:pk>/", views.public_minute, name="committee-public-minute"),
]
