from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from residents.dashboard import register_panel

        from .notices import signal_handlers as notices
        from .notices.panel import notices_unread_panel

        notices.connect()
        register_panel("portal.notices_unread", notices_unread_panel)
