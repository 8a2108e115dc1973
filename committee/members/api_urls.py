from django.urls import path

from . import api

urlpatterns = [
    path("committee/<slug:estate>/rules/", api.CommitteeRulesView.as_view(), name="api-committee-rules"),
    path("committee/<slug:estate>/term/", api.CommitteeTermView.as_view(), name="api-committee-term"),
    path("committee/<slug:estate>/term/end/", api.CommitteeTermEndView.as_view(), name="api-committee-term-end"),
    path("committee/<slug:estate>/members/", api.CommitteeMemberListView.as_view(), name="api-committee-members"),
    path(
        "committee/<slug:estate>/members/<int:pk>/end/",
        api.CommitteeMemberEndView.as_view(),
        name="api-committee-member-end",
    ),  # fmt: skip
    path(
        "me/committee/<slug:estate>/members/",
        api.PublicCommitteeMemberListView.as_view(),
        name="api-my-committee-members",
    ),  # fmt: skip
]
