from django.urls import path

from . import views_resident as views

urlpatterns = [
    path("", views.dashboard, name="resident-dashboard"),
    path("start/", views.after_login, name="home-dashboard"),
    path("claim/", views.claim, name="resident-claim"),
    path("preferences/", views.preferences, name="resident-preferences"),
]
