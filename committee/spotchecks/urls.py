from django.urls import path

from . import views

urlpatterns = [
    path("committee/<slug:estate>/spot-checks/", views.spot_checks, name="committee-spot-checks"),
    path("committee/<slug:estate>/spot-checks/<int:pk>/", views.spot_check, name="committee-spot-check"),
]
