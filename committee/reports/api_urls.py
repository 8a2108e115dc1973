from django.urls import path

from . import api

urlpatterns = [
    path("committee/<slug:estate>/reports/", api.QualityReportListView.as_view(), name="api-committee-reports"),
    path("committee/<slug:estate>/reports/<int:pk>/", api.QualityReportDetailView.as_view(),
         name="api-committee-report"),
    *[
        path(f"committee/<slug:estate>/reports/<int:pk>/{name}/", view.as_view(), name=f"api-committee-report-{name}")
        for name, view in api.ACTION_VIEWS.items()
    ],
    path("me/committee/<slug:estate>/reports/", api.PublishedReportListView.as_view(), name="api-my-committee-reports"),
    path("me/committee/<slug:estate>/reports/<int:pk>/", api.PublishedReportDetailView.as_view(),
         name="api-my-committee-report"),
]  # fmt: skip
