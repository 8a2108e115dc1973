from django.urls import path

from . import views, views_import

urlpatterns = [
    path("auth/token/", views.TokenCreateView.as_view(), name="api-token"),
    path("auth/signup/", views.SignupView.as_view(), name="api-signup"),
    path("me/", views.MeView.as_view(), name="api-me"),
    path("me/preferences/", views.MePreferencesView.as_view(), name="api-me-preferences"),
    path("me/units/", views.MyUnitsView.as_view(), name="api-my-units"),
    path("me/claims/", views.MyClaimsView.as_view(), name="api-my-claims"),
    path("me/claims/<int:pk>/", views.MyClaimDetailView.as_view(), name="api-my-claim"),
    path("staff/estates/", views.StaffEstateListView.as_view(), name="api-staff-estates"),
    path("staff/estates/<slug:slug>/", views.StaffEstateDetailView.as_view(), name="api-staff-estate"),
    path("staff/buildings/", views.StaffBuildingListView.as_view(), name="api-staff-buildings"),
    path("staff/units/", views.StaffUnitListView.as_view(), name="api-staff-units"),
    path("staff/units/<int:pk>/", views.StaffUnitDetailView.as_view(), name="api-staff-unit"),
    path("staff/common-areas/", views.StaffCommonAreaListView.as_view(), name="api-staff-common-areas"),
    path("staff/people/", views.StaffPersonListView.as_view(), name="api-staff-people"),
    path(
        "staff/people/<int:pk>/reveal-phone/",
        views.StaffPersonRevealPhoneView.as_view(),
        name="api-staff-person-reveal-phone",
    ),
    path("staff/claims/", views.StaffClaimListView.as_view(), name="api-staff-claims"),
    path("staff/claims/<int:pk>/approve/", views.StaffClaimApproveView.as_view(), name="api-staff-claim-approve"),
    path("staff/claims/<int:pk>/reject/", views.StaffClaimRejectView.as_view(), name="api-staff-claim-reject"),
    path("staff/imports/", views_import.StaffRegistryImportView.as_view(), name="api-staff-imports"),
]
