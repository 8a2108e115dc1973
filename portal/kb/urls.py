from django.urls import path

from . import views

urlpatterns = [
    path("kb/", views.kb_home, name="kb-home"),
    path("kb/articles/<int:pk>/answer/", views.article_answer, name="kb-article-answer"),
    path("staff/knowledge-base/", views.staff_counts, name="staff-kb"),
]
