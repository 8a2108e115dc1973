from django.urls import path

from . import views

urlpatterns = [
    path("committee/<slug:estate>/reports/", views.reports, name="committee-reports"),
    path("committee/<slug:estate>/reports/<int:pk>/", views.report, name="committee-report"),
    path("me/committee/<slug:estate>/reports/", views.published_reports, name="committee-public-reports"),
    path("me/committee/<slug:estate>/reports/<int:pk>/", views.published_report, name="committee-public-report"),
]
