from django.urls import path

from . import incident_views, maintenance, views

urlpatterns = [
    path("me/repairs/", views.MyRepairListView.as_view(), name="api-my-repairs"),
    path("me/repairs/<int:pk>/", views.MyRepairDetailView.as_view(), name="api-my-repair"),
    path("me/repairs/<int:pk>/photos/", views.MyRepairPhotoView.as_view(), name="api-my-repair-photos"),
    *[
        path(f"me/repairs/<int:pk>/{name}/", view.as_view(), name=f"api-my-repair-{name}")
        for name, view in views.RESIDENT_ACTION_VIEWS.items()
    ],
    path("me/incidents/", incident_views.MyIncidentListView.as_view(), name="api-my-incidents"),
    path("staff/incidents/", incident_views.StaffIncidentListView.as_view(), name="api-staff-incidents"),
    path("staff/incidents/<int:pk>/", incident_views.StaffIncidentDetailView.as_view(), name="api-staff-incident"),
    path("staff/incidents/<int:pk>/end/", incident_views.StaffIncidentEndView.as_view(), name="api-staff-incident-end"),
    path("staff/work-orders/", views.StaffWorkOrderListView.as_view(), name="api-staff-work-orders"),
    path(
        "staff/work-orders/bulk-assign/",
        views.StaffWorkOrderBulkAssignView.as_view(),
        name="api-staff-work-orders-bulk-assign",
    ),
    path("staff/follow-ups/", views.StaffFollowUpListView.as_view(), name="api-staff-follow-ups"),
    path("staff/reports/repairs/", views.StaffRepairReportView.as_view(), name="api-staff-repair-report"),
    path("staff/work-orders/<int:pk>/", views.StaffWorkOrderDetailView.as_view(), name="api-staff-work-order"),
    path(
        "staff/work-orders/<int:pk>/duplicates/",
        views.StaffWorkOrderDuplicatesView.as_view(),
        name="api-staff-work-order-duplicates",
    ),
    path(
        "staff/work-orders/<int:pk>/photos/",
        views.StaffWorkOrderPhotoView.as_view(),
        name="api-staff-work-order-photos",
    ),
    path(
        "staff/work-orders/<int:pk>/suggestions/",
        views.StaffWorkOrderSuggestionsView.as_view(),
        name="api-staff-work-order-suggestions",
    ),
    path(
        "staff/work-orders/<int:pk>/reveal-contact-phone/",
        views.StaffWorkOrderRevealContactPhoneView.as_view(),
        name="api-staff-work-order-reveal-contact-phone",
    ),
    path(
        "staff/work-orders/<int:pk>/checklist/<int:item_id>/",
        maintenance.StaffWorkOrderChecklistTickView.as_view(),
        name="api-staff-work-order-checklist-item",
    ),
    path(
        "staff/maintenance-plans/",
        maintenance.StaffMaintenancePlanListView.as_view(),
        name="api-staff-maintenance-plans",
    ),
    path(
        "staff/maintenance-plans/<int:pk>/",
        maintenance.StaffMaintenancePlanDetailView.as_view(),
        name="api-staff-maintenance-plan",
    ),
    path(
        "staff/maintenance-plans/<int:pk>/deactivate/",
        maintenance.StaffMaintenancePlanDeactivateView.as_view(),
        name="api-staff-maintenance-plan-deactivate",
    ),
    *[
        path(f"staff/work-orders/<int:pk>/{name}/", view.as_view(), name=f"api-staff-work-order-{name}")
        for name, view in views.STAFF_ACTION_VIEWS.items()
    ],
]
