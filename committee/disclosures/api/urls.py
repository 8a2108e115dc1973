from django.urls import path

from . import views

STAFF, ME = "staff/committee/<slug:estate>/disclosures", "me/committee/<slug:estate>/disclosures"

urlpatterns = [
    path(f"{STAFF}/", views.StaffDisclosureListView.as_view(), name="api-staff-disclosures"),
    path(f"{STAFF}/due/", views.StaffDisclosureDueView.as_view(), name="api-staff-disclosures-due"),
    path(f"{STAFF}/<int:pk>/", views.StaffDisclosureDetailView.as_view(), name="api-staff-disclosure"),
    path(
        f"{STAFF}/<int:pk>/attachments/",
        views.StaffDisclosureAttachView.as_view(),
        name="api-staff-disclosure-attachments",
    ),  # fmt: skip
    path(f"{STAFF}/<int:pk>/publish/", views.StaffDisclosurePublishView.as_view(), name="api-staff-disclosure-publish"),
    path(
        f"{STAFF}/questions/<int:pk>/answer/",
        views.StaffDisclosureAnswerView.as_view(),
        name="api-staff-disclosure-answer",
    ),  # fmt: skip
    path(f"{ME}/", views.MyDisclosureListView.as_view(), name="api-my-disclosures"),
    path(f"{ME}/<int:pk>/", views.MyDisclosureDetailView.as_view(), name="api-my-disclosure"),
    path(f"{ME}/<int:pk>/ask/", views.MyDisclosureAskView.as_view(), name="api-my-disclosure-ask"),
]
