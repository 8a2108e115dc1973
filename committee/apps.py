from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteeConfig(AppConfig):
    name = "committee"
    verbose_name = _("Owners' committee")

    def ready(self):
        from residents.dashboard import register_panel

        from .votes.panels import votes_open_panel

        register_panel("committee.votes_open", votes_open_panel)
