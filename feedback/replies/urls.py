from django.urls import path

from . import views

urlpatterns = [
    path("staff/surveys/responses/", views.staff_survey_responses, name="staff-survey-responses"),
    path(
        "staff/surveys/responses/<int:pk>/reply/",
        views.staff_survey_response_reply,
        name="staff-survey-response-reply",
    ),
]
