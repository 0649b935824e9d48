from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialsConfig(AppConfig):
    name = "ikonnekt.materials"
    label = "materials"
    verbose_name = _("Material flows and green waste")

    def ready(self):
        from ikonnekt.core.registry import nav

        nav.register(
            "materials:scenario_list", _("Green waste"), icon="recycle", order=30, section="resources"
        )
        nav.register(
            "materials:system_list", _("Material flows"), icon="diagram-2", order=31, section="resources"
        )
