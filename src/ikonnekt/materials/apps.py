from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialsConfig(AppConfig):
    name = "ikonnekt.materials"
    label = "materials"
    verbose_name = _("Material flows and green waste")
