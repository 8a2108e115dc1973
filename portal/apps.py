from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from repairs.suggesters import register_suggester
        from residents.dashboard import register_panel
        from residents.mydata.exports import register_export

        from .kb.mydata import export_my_self_help
        from .kb.suggester import kb_suggestions
        from .notices import signal_handlers as notices
        from .notices.panel import notices_unread_panel
        from .sites import signal_handlers as sites
        from .sites import wagtail_hooks  # noqa: F401  (registers the hooks)

        notices.connect()
        sites.connect()
        register_panel("portal.notices_unread", notices_unread_panel)
        register_suggester("portal.kb", kb_suggestions)
        register_export("self_help", export_my_self_help)
