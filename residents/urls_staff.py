from django.urls import path

from . import views_import
from . import views_staff as views

urlpatterns = [
    path("", views.dashboard, name="staff-dashboard"),
    path("estates/<slug:slug>/", views.estate_register, name="staff-estate"),
    path("claims/", views.claims, name="staff-claims"),
    path("claims/<int:claim_id>/approve/", views.claim_decide, {"decision": "approve"}, name="staff-claim-approve"),
    path("claims/<int:claim_id>/reject/", views.claim_decide, {"decision": "reject"}, name="staff-claim-reject"),
    path("import/", views_import.registry_import_page, name="staff-import"),
]
