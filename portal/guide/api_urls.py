from django.urls import path

from . import api

urlpatterns = [
    path("me/estates/<slug:estate>/service-guide/", api.MyServiceGuideView.as_view(), name="api-my-service-guide"),
]
