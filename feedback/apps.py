from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Feedback")

    def ready(self):
        from feedback import signal_handlers

        # --- scores: rollups kept current, and the dispatcher's service-score provider ---
        signal_handlers.connect_score_rollups()
        from feedback.scores.dispatch import register

        register()
