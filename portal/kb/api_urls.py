from django.urls import path

from . import api

urlpatterns = [
    path("kb/articles/", api.ArticlesView.as_view(), name="api-kb-articles"),
    path("kb/articles/<int:pk>/", api.ArticleDetailView.as_view(), name="api-kb-article"),
    path("me/kb/suggestions/", api.SuggestionsView.as_view(), name="api-my-kb-suggestions"),
    path("me/kb/articles/<int:pk>/answer/", api.ArticleAnswerView.as_view(), name="api-my-kb-answer"),
    path("staff/kb/articles/", api.StaffArticleCountsView.as_view(), name="api-staff-kb-counts"),
]
