from django.urls import path

from . import api

urlpatterns = [
    path("me/estates/<slug:estate>/committee-page/", api.MyCommitteePageView.as_view(), name="api-my-committee-page"),
]
