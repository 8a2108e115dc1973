from django.urls import path

from . import api

urlpatterns = [
    path("staff/scores/", api.StaffScoresView.as_view(), name="api-staff-scores"),
    path("staff/scores/trend/", api.StaffScoreTrendView.as_view(), name="api-staff-score-trend"),
    path("staff/scores/technicians/", api.StaffScoreTechniciansView.as_view(), name="api-staff-score-technicians"),
]
