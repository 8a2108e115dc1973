from django.urls import path

from . import views

urlpatterns = [
    path("committee/votes/", views.vote_list, name="committee-votes"),
    path("committee/votes/new/", views.vote_new, name="committee-vote-new"),
    path("committee/votes/<int:pk>/", views.vote_detail, name="committee-vote"),
    path("committee/votes/<int:pk>/edit/", views.vote_edit, name="committee-vote-edit"),
    path("committee/votes/<int:pk>/action/", views.vote_action, name="committee-vote-action"),
    path("committee/votes/<int:pk>/<str:what>.csv", views.vote_export, name="committee-vote-export"),
    path("committee/ballots/<int:pk>/scan/", views.ballot_scan, name="committee-ballot-scan"),
    path("staff/committee/votes/", views.paper_votes, name="votes-paper"),
    path("staff/committee/votes/<int:pk>/paper-ballot/", views.paper_ballot, name="votes-paper-ballot"),
    path("me/votes/", views.my_votes, name="votes-mine"),
    path("me/votes/<int:pk>/", views.my_vote, name="votes-mine-detail"),
]
