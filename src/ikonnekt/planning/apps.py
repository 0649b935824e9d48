from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "ikonnekt.planning"
    label = "planning"
    verbose_name = _("Joint planning")

    def ready(self):
        from ikonnekt.core import files
        from ikonnekt.core.registry import nav
        from ikonnekt.planning.models import Vision

        files.register(Vision, "image")

        nav.register(
            "planning:board", _("Vision board"), icon="easel", order=10, section="planning", public=True
        )
        nav.register(
            "planning:megatrend_list", _("Megatrends"), icon="graph-up-arrow", order=11, section="planning"
        )
        nav.register(
            "planning:tree", _("Goals and indicators"), icon="diagram-2", order=12, section="planning"
        )
        nav.register("planning:site_list", _("Land management"), icon="map", order=13, section="planning")
        nav.register(
            "planning:exchange", _("Site exchange"), icon="shop", order=14, section="planning", public=True
        )
        nav.register(
            "planning:balance", _("Demand vs potential"), icon="bar-chart", order=15, section="planning"
        )
        nav.register(
            "planning:pool", _("Commercial-area pool"), icon="buildings", order=16, section="planning"
        )
        nav.register(
            "planning:landtake", _("Land-take monitoring"), icon="speedometer2", order=17, section="planning"
        )
        nav.register(
            "planning:check_list", _("Decision check"), icon="clipboard-check", order=18, section="planning"
        )
