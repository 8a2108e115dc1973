from django.urls import path

from . import views

urlpatterns = [
    path("committee/<slug:estate>/rules/", views.rules_page, name="committee-rules"),
    path("committee/<slug:estate>/members/", views.members_page, name="committee-members"),
    path("committee/<slug:estate>/members/<int:pk>/end/", views.member_end, name="committee-member-end"),
    path("committee/<slug:estate>/members/end-term/", views.term_end, name="committee-term-end"),
    path("me/committee/<slug:estate>/members/", views.public_members, name="committee-public-members"),
]
