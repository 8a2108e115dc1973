from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Feedback")

    def ready(self):
        from residents.dashboard import register_panel
        from residents.mydata.exports import register_export

        from . import signal_handlers  # noqa: F401  (connects the receivers)
        from .complaints.panels import my_complaints_panel
        from .mydata import export_my_feedback
        from .scores.dispatch import register as register_service_scores
        from .surveys.panels import surveys_waiting_panel

        register_panel("feedback.surveys_waiting", surveys_waiting_panel)
        register_panel("feedback.my_complaints", my_complaints_panel)
        register_export("feedback", export_my_feedback)
        register_service_scores()  # the dispatcher ranks technicians by their 服务分值
