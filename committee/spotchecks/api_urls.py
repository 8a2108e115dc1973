from django.urls import path

from . import api

urlpatterns = [
    path("committee/<slug:estate>/spot-checks/", api.SpotCheckDrawListView.as_view(), name="api-committee-spot-checks"),
    path(
        "committee/<slug:estate>/spot-checks/<int:pk>/verdict/",
        api.SpotCheckVerdictView.as_view(),
        name="api-committee-spot-check-verdict",
    ),
]
