from django.urls import path

from . import api

urlpatterns = [
    path("committee/<slug:slug>/dashboard/", api.CommitteeDashboardView.as_view(), name="api-committee-dashboard"),
]
