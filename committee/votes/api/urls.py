from django.urls import path

from . import views

urlpatterns = [
    path("committee/votes/", views.CommitteeVoteListView.as_view(), name="api-committee-votes"),
    path("committee/votes/<int:pk>/", views.CommitteeVoteDetailView.as_view(), name="api-committee-vote"),
    path(
        "committee/votes/<int:pk>/announce/",
        views.CommitteeVoteAnnounceView.as_view(),
        name="api-committee-vote-announce",
    ),
    path("committee/votes/<int:pk>/cancel/", views.CommitteeVoteCancelView.as_view(), name="api-committee-vote-cancel"),
    path("committee/votes/<int:pk>/close/", views.CommitteeVoteCloseView.as_view(), name="api-committee-vote-close"),
    path(
        "committee/votes/<int:pk>/<str:what>.csv",
        views.CommitteeVoteExportView.as_view(),
        name="api-committee-vote-export",
    ),
    path("committee/votes/<int:pk>/paper-ballots/", views.PaperBallotView.as_view(), name="api-vote-paper-ballots"),
    path("me/votes/", views.MyVoteListView.as_view(), name="api-my-votes"),
    path("me/votes/<int:pk>/", views.MyVoteDetailView.as_view(), name="api-my-vote"),
    path("me/votes/<int:pk>/ballot/", views.MyBallotView.as_view(), name="api-my-vote-ballot"),
]
