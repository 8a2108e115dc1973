from django.urls import path

from . import api

urlpatterns = [
    path("me/data/", api.MyDataView.as_view(), name="api-my-data"),
    path("me/data/deletion/", api.MyDataDeletionView.as_view(), name="api-my-data-deletion"),
    path("staff/deletion-requests/", api.StaffDeletionRequestListView.as_view(), name="api-staff-deletion-requests"),
    path(
        "staff/deletion-requests/<int:pk>/erase/",
        api.StaffDeletionRequestEraseView.as_view(),
        name="api-staff-deletion-request-erase",
    ),
    path(
        "staff/deletion-requests/<int:pk>/refuse/",
        api.StaffDeletionRequestRefuseView.as_view(),
        name="api-staff-deletion-request-refuse",
    ),
]
