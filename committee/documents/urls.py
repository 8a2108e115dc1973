from django.urls import path

from . import views

STAFF = "staff/committee/<slug:estate>/documents"
COMMITTEE = "committee/<slug:estate>/documents"
ME = "me/committee/<slug:estate>/documents"

urlpatterns = [
    path(f"{STAFF}/", views.company_library, name="staff-committee-documents"),
    path(f"{STAFF}/<int:pk>/delete/", views.company_delete, name="staff-committee-document-delete"),
    path(f"{COMMITTEE}/", views.committee_library, name="committee-documents"),
    path(f"{COMMITTEE}/<int:pk>/delete/", views.committee_delete, name="committee-document-delete"),
    path(f"{ME}/", views.resident_library, name="committee-public-documents"),
    path("committee-files/documents/<int:pk>/", views.document_file, name="document-file"),
]
