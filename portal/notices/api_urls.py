from django.urls import path

from . import api

urlpatterns = [
    path("me/notices/", api.MyNoticesView.as_view(), name="api-my-notices"),
    path("me/notices/<int:pk>/", api.MyNoticeDetailView.as_view(), name="api-my-notice"),
    path("me/search/", api.MySearchView.as_view(), name="api-my-search"),
]
