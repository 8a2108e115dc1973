from django.urls import path

from . import views

STAFF = "staff/committee/<slug:estate>/disclosures"
COMMITTEE = "committee/<slug:estate>/disclosures"
ME = "me/committee/<slug:estate>/disclosures"

urlpatterns = [
    path(f"{STAFF}/", views.company_list, name="staff-committee-disclosures"),
    path(f"{STAFF}/new/", views.company_new, name="staff-committee-disclosure-new"),
    path(f"{STAFF}/<int:pk>/", views.company_detail, name="staff-committee-disclosure"),
    path(f"{STAFF}/<int:pk>/attach/", views.company_attach, name="staff-committee-disclosure-attach"),
    path(f"{STAFF}/<int:pk>/publish/", views.company_publish, name="staff-committee-disclosure-publish"),
    path(f"{STAFF}/<int:pk>/delete/", views.company_delete, name="staff-committee-disclosure-delete"),
    path(f"{STAFF}/questions/<int:pk>/answer/", views.company_answer, name="staff-committee-disclosure-answer"),
    path(f"{COMMITTEE}/", views.committee_list, name="committee-disclosures"),
    path(f"{COMMITTEE}/<int:pk>/", views.committee_detail, name="committee-disclosure"),
    path(f"{ME}/", views.resident_list, name="committee-public-disclosures"),
    path(f"{ME}/<int:pk>/", views.resident_detail, name="committee-public-disclosure"),
    path(f"{ME}/<int:pk>/ask/", views.resident_ask, name="committee-public-disclosure-ask"),
    path("committee-files/disclosures/<int:pk>/", views.attachment, name="disclosure-attachment"),
]
