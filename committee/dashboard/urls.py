from django.urls import path

from . import views

urlpatterns = [path("committee/<slug:slug>/dashboard/", views.dashboard, name="committee-dashboard")]
