from django.urls import path

from . import views

STAFF = "staff/committee/<slug:estate>/documents"
COMMITTEE = "committee/<slug:estate>/documents"
ME = "me/committee/<slug:estate>/documents"

urlpatterns = [
    path(f"{STAFF}/", views.StaffDocumentListView.as_view(), name="api-staff-documents"),
    path(f"{STAFF}/<int:pk>/", views.StaffDocumentDetailView.as_view(), name="api-staff-document"),
    path(f"{COMMITTEE}/", views.CommitteeDocumentListView.as_view(), name="api-committee-documents"),
    path(f"{COMMITTEE}/<int:pk>/", views.CommitteeDocumentDetailView.as_view(), name="api-committee-document"),
    path(f"{ME}/", views.MyDocumentListView.as_view(), name="api-my-documents"),
]
