from django.urls import path

from . import views as v

COMMITTEE, COMPANY = "committee/<slug:slug>/supervision/", "staff/committee/<slug:slug>/supervision/"

urlpatterns = [
    path(COMMITTEE, v.CommitteeSupervisionListView.as_view(), name="api-committee-supervision"),
    path(f"{COMMITTEE}<int:pk>/", v.CommitteeSupervisionDetailView.as_view(), name="api-committee-supervision-item"),
    path(f"{COMMITTEE}<int:pk>/close/", v.CommitteeSupervisionCloseView.as_view(),
         name="api-committee-supervision-close"),
    path(f"{COMMITTEE}<int:pk>/reopen/", v.CommitteeSupervisionReopenView.as_view(),
         name="api-committee-supervision-reopen"),
    path(f"{COMMITTEE}<int:pk>/publish/", v.CommitteeSupervisionPublishView.as_view(),
         name="api-committee-supervision-publish"),
    path(COMPANY, v.CompanySupervisionListView.as_view(), name="api-staff-committee-supervision"),
    path(f"{COMPANY}<int:pk>/", v.CompanySupervisionDetailView.as_view(), name="api-staff-committee-supervision-item"),
    path(f"{COMPANY}<int:pk>/answer/", v.CompanySupervisionAnswerView.as_view(),
         name="api-staff-committee-supervision-answer"),
    path("me/committee/<slug:slug>/supervision/", v.PublishedSupervisionListView.as_view(),
         name="api-me-committee-supervision"),
]  # fmt: skip
