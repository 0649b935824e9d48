from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnergyConfig(AppConfig):
    name = "ikonnekt.energy"
    label = "energy"
    verbose_name = _("Energy management")

    def ready(self):
        from ikonnekt.core.registry import nav

        nav.register(
            "energy:list", _("Energy management"), icon="lightning-charge", order=30, section="resources"
        )
        nav.register(
            "energy:report_list",
            _("Annual energy reports"),
            icon="file-earmark-bar-graph",
            order=31,
            section="resources",
        )
        nav.register(
            "energy:quarter_list", _("Quarter energy concepts"), icon="houses", order=32, section="planning"
        )
        nav.register(
            "energy:station_list", _("Weather stations"), icon="thermometer-half", order=33, section="data"
        )
