from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteeConfig(AppConfig):
    name = "committee"
    verbose_name = _("Owners' committee")

    def ready(self):
        from residents.dashboard import register_panel
        from residents.mydata.exports import register_export

        from .mydata import export_my_committee
        from .votes.panels import votes_open_panel

        register_panel("committee.votes_open", votes_open_panel)
        register_export("committee", export_my_committee)
