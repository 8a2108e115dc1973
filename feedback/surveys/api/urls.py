from django.urls import path

from . import views

urlpatterns = [
    path("me/surveys/", views.MySurveyListView.as_view(), name="api-my-surveys"),
    path("me/surveys/<int:pk>/", views.MySurveyDetailView.as_view(), name="api-my-survey"),
    path("me/surveys/<int:pk>/draft/", views.MySurveyDraftView.as_view(), name="api-my-survey-draft"),
    path("me/surveys/<int:pk>/response/", views.MySurveyResponseView.as_view(), name="api-my-survey-response"),
]
