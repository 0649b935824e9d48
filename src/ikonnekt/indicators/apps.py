from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "ikonnekt.indicators"
    label = "indicators"
    verbose_name = _("Indicator feeds")

    def ready(self):
        from ikonnekt.core.registry import nav
        from ikonnekt.indicators import signals

        nav.register("indicators:list", _("Indicator feeds"), icon="diagram-3", order=19, section="planning")
        nav.register(
            "indicators:chain", _("Circular chain"), icon="arrow-repeat", order=20, section="planning"
        )
        nav.register(
            "indicators:compare",
            _("Inter-municipal comparison"),
            icon="bar-chart-steps",
            order=21,
            section="planning",
        )
        nav.register(
            "indicators:opendata",
            _("Open data"),
            icon="cloud-download",
            order=90,
            section="platform",
            public=True,
        )
        signals.connect()
