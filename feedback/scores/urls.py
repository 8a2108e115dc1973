from django.urls import path

from . import views

urlpatterns = [
    path("staff/scores/", views.scores_home, name="staff-scores-home"),
    path("staff/scores/<slug:estate>/", views.scores_dashboard, name="staff-scores"),
    path("staff/scores/<slug:estate>/report/", views.scores_report, name="staff-scores-report"),
    path("staff/scores/<slug:estate>/scores.csv", views.scores_export, {"format": "csv"}, name="staff-scores-csv"),
    path("staff/scores/<slug:estate>/scores.xlsx", views.scores_export, {"format": "xlsx"}, name="staff-scores-xlsx"),
]
