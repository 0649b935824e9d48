from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "ikonnekt.organizations"
    label = "organizations"
    verbose_name = _("Organisations")

    def ready(self):
        from ikonnekt.core.registry import nav

        nav.register("organizations:list", _("Organisations"), icon="building", order=10, section="start")
