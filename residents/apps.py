from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidentsConfig(AppConfig):
    name = "residents"
    verbose_name = _("Residents and estates")

    def ready(self):
        from .mydata import contributions as mine
        from .mydata.exports import register_export

        # the first sections of 'download my data'; repairs, feedback and committee add theirs
        register_export("account", mine.account_section)
        register_export("homes", mine.homes_section)
        register_export("notifications", mine.notifications_section)
