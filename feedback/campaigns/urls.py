from django.urls import path

from . import views

urlpatterns = [
    path("staff/campaigns/", views.campaign_list, name="staff-campaigns"),
    path("staff/campaigns/new/", views.campaign_new, name="staff-campaign-new"),
    path("staff/campaigns/<int:pk>/", views.campaign_detail, name="staff-campaign"),
    path("staff/campaigns/<int:pk>/edit/", views.campaign_edit, name="staff-campaign-edit"),
    path("staff/campaigns/<int:pk>/launch/", views.campaign_launch, name="staff-campaign-launch"),
    path("staff/campaigns/<int:pk>/close/", views.campaign_close, name="staff-campaign-close"),
    path("staff/instruments/", views.instrument_list, name="staff-instruments"),
    path("staff/instruments/new/", views.instrument_new, name="staff-instrument-new"),
    path("staff/instruments/<int:pk>/", views.instrument_detail, name="staff-instrument"),
    path("staff/instruments/<int:pk>/items/", views.instrument_items, name="staff-instrument-items"),
    path("staff/instruments/<int:pk>/publish/", views.instrument_publish, name="staff-instrument-publish"),
    path("staff/instruments/<int:pk>/new-version/", views.instrument_new_version, name="staff-instrument-new-version"),
]
