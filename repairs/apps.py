from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepairsConfig(AppConfig):
    name = "repairs"
    verbose_name = _("Repairs")

    def ready(self):
        from residents.dashboard import register_panel
        from residents.mydata.exports import register_export

        from .incidents.panel import outages_panel
        from .mydata import export_my_repairs
        from .panels import my_requests_panel

        register_panel("repairs.outages", outages_panel)
        register_panel("repairs.my_requests", my_requests_panel)
        register_export("repairs", export_my_repairs)
