from django.urls import path

from . import views

urlpatterns = [
    path("staff/campaigns/", views.StaffCampaignListView.as_view(), name="api-staff-campaigns"),
    path("staff/campaigns/<int:pk>/", views.StaffCampaignDetailView.as_view(), name="api-staff-campaign"),
    path("staff/campaigns/<int:pk>/launch/", views.StaffCampaignLaunchView.as_view(), name="api-staff-campaign-launch"),
    path("staff/campaigns/<int:pk>/close/", views.StaffCampaignCloseView.as_view(), name="api-staff-campaign-close"),
    path(
        "staff/campaigns/<int:pk>/response-rates/",
        views.StaffCampaignResponseRatesView.as_view(),
        name="api-staff-campaign-response-rates",
    ),
    path("staff/instruments/", views.StaffInstrumentListView.as_view(), name="api-staff-instruments"),
    path("staff/instruments/<int:pk>/", views.StaffInstrumentDetailView.as_view(), name="api-staff-instrument"),
    path(
        "staff/instruments/<int:pk>/items/",
        views.StaffInstrumentItemsView.as_view(),
        name="api-staff-instrument-items",
    ),
    path(
        "staff/instruments/<int:pk>/publish/",
        views.StaffInstrumentPublishView.as_view(),
        name="api-staff-instrument-publish",
    ),
    path(
        "staff/instruments/<int:pk>/new-version/",
        views.StaffInstrumentNewVersionView.as_view(),
        name="api-staff-instrument-new-version",
    ),
]
