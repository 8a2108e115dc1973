from django.urls import path

from . import views

urlpatterns = [
    path("complaints/", views.my_complaints, name="complaints-mine"),
    path("complaints/new/", views.complaint_new, name="complaints-new"),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaints-detail"),
    path("staff/complaints/", views.staff_complaints, name="staff-complaints"),
    path("staff/complaints/<int:pk>/", views.staff_complaint, name="staff-complaint"),
    path("committee/complaints/", views.committee_complaints, name="committee-complaints"),
    path("committee/complaints/<int:pk>/", views.committee_complaint, name="committee-complaint"),
]
