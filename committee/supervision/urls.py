from django.urls import path

from . import views

urlpatterns = [
    path("committee/<slug:slug>/supervision/", views.committee_list, name="committee-supervision"),
    path("committee/<slug:slug>/supervision/new/", views.committee_new, name="committee-supervision-new"),
    path("committee/<slug:slug>/supervision/<int:pk>/", views.committee_item, name="committee-supervision-item"),
    path("staff/committee/<slug:slug>/supervision/", views.company_list, name="staff-committee-supervision"),
    path(
        "staff/committee/<slug:slug>/supervision/<int:pk>/",
        views.company_item,
        name="staff-committee-supervision-item",
    ),
    path("me/committee/<slug:slug>/supervision/", views.published, name="committee-public-supervision"),
]
