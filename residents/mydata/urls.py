"""Routes of 'my data' (under /me/data/) and the staff queue (under /staff/deletion-requests/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("me/data/", views.page, name="mydata"),
    path("me/data/export.json", views.export, name="mydata-export"),
    path("me/data/deletion/", views.deletion, name="mydata-deletion"),
    path("staff/deletion-requests/", views.staff_requests, name="staff-deletion-requests"),
    path(
        "staff/deletion-requests/<int:request_id>/erase/",
        views.staff_decide,
        {"decision": "erase"},
        name="staff-deletion-request-erase",
    ),
    path(
        "staff/deletion-requests/<int:request_id>/refuse/",
        views.staff_decide,
        {"decision": "refuse"},
        name="staff-deletion-request-refuse",
    ),
]
