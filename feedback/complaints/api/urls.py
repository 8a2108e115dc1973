from django.urls import path

from . import views

PREFIXES = {"resident": ("me/complaints", "api-my-complaint"), "staff": ("staff/complaints", "api-staff-complaint"),
            "committee": ("committee/complaints", "api-committee-complaint")}  # fmt: skip

urlpatterns = [
    path("me/complaints/", views.MyComplaintListView.as_view(), name="api-my-complaints"),
    path("me/complaints/<int:pk>/", views.MyComplaintDetailView.as_view(), name="api-my-complaint"),
    path("staff/complaints/", views.StaffComplaintListView.as_view(), name="api-staff-complaints"),
    path("staff/complaints/<int:pk>/", views.StaffComplaintDetailView.as_view(), name="api-staff-complaint"),
    path("committee/complaints/", views.CommitteeComplaintListView.as_view(), name="api-committee-complaints"),
    path(
        "committee/complaints/<int:pk>/",
        views.CommitteeComplaintDetailView.as_view(),
        name="api-committee-complaint",
    ),
    *[
        path(
            f"{PREFIXES[audience][0]}/<int:pk>/{name.replace('_', '-')}/",
            view.as_view(),
            name=f"{PREFIXES[audience][1]}-{name.replace('_', '-')}",
        )
        for audience, views_by_name in views.ACTION_VIEWS.items()
        for name, view in views_by_name.items()
    ],  # fmt: skip
]
