from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from residents.dashboard import register_panel

        from .notices import signal_handlers as notices
        from .notices.panel import notices_unread_panel
        from .sites import signal_handlers as sites
        from .sites import wagtail_hooks  # noqa: F401  (registers the hooks)

        notices.connect()
        sites.connect()
        register_panel("portal.notices_unread", notices_unread_panel)
