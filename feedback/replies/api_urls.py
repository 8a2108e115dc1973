from django.urls import path

from . import api

urlpatterns = [
    path("staff/survey-responses/", api.StaffSurveyResponseListView.as_view(), name="api-staff-survey-responses"),
    path(
        "staff/survey-responses/<int:pk>/reply/",
        api.StaffSurveyResponseReplyView.as_view(),
        name="api-staff-survey-response-reply",
    ),
]
