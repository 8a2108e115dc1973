from django.urls import path

from . import views
from .incidents import views as incidents
from .maintenance import views as maintenance

urlpatterns = [
    path("repairs/", views.my_requests, name="repairs-mine"),
    path("repairs/new/", views.new_request, name="repairs-new"),
    path("repairs/new/suggestions/", views.new_request_suggestions, name="repairs-new-suggestions"),
    path("repairs/<int:pk>/", views.request_detail, name="repairs-detail"),
    path("repairs/photos/<int:pk>/", views.photo, name="repairs-photo"),
    path("staff/work-orders/", views.staff_queue, name="staff-work-orders"),
    path("staff/work-orders/bulk-assign/", views.staff_bulk_assign, name="staff-work-orders-bulk-assign"),
    path("staff/work-orders/<int:pk>/", views.staff_order, name="staff-work-order"),
    path(
        "staff/work-orders/<int:pk>/contact-phone/",
        views.staff_order_contact_phone,
        name="staff-work-order-contact-phone",
    ),  # fmt: skip
    path("staff/incidents/", incidents.staff_incidents, name="staff-incidents"),
    path("staff/incidents/new/", incidents.staff_incident_new, name="staff-incident-new"),
    path("staff/incidents/<int:pk>/", incidents.staff_incident, name="staff-incident"),
    path("staff/my-jobs/", views.my_jobs, name="staff-my-jobs"),
    path("staff/follow-ups/", views.follow_ups, name="staff-follow-ups"),
    path("staff/reports/repairs/", views.monthly_report, name="staff-repair-report"),
    path("staff/maintenance-plans/", maintenance.plan_list, name="staff-maintenance-plans"),
    path("staff/maintenance-plans/new/", maintenance.plan_new, name="staff-maintenance-plan-new"),
    path("staff/maintenance-plans/<int:pk>/", maintenance.plan_edit, name="staff-maintenance-plan"),
    path(
        "staff/maintenance-plans/<int:pk>/deactivate/",
        maintenance.plan_deactivate,
        name="staff-maintenance-plan-deactivate",
    ),
]
