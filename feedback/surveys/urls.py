from django.urls import path

from . import views

urlpatterns = [
    path("me/surveys/", views.my_surveys, name="feedback-my-surveys"),
    path("me/surveys/<int:pk>/", views.survey_page, name="feedback-survey"),
    path("staff/surveys/repairs/", views.staff_repair_survey_figures, name="staff-repair-survey-figures"),
]
