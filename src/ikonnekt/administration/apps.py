from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdministrationConfig(AppConfig):
    name = "ikonnekt.administration"
    label = "administration"
    verbose_name = _("Joint administration")

    def ready(self):
        from ikonnekt.core.registry import nav

        nav.register(
            "administration:list",
            _("Joint administration"),
            icon="building",
            order=20,
            section="administration",
        )
        nav.register(
            "administration:agreement_list",
            _("Agreements"),
            icon="file-earmark-text",
            order=21,
            section="administration",
        )
        nav.register(
            "administration:position_list",
            _("Shared positions"),
            icon="person-badge",
            order=22,
            section="administration",
        )
        nav.register(
            "administration:resource_list",
            _("Shared resources"),
            icon="truck",
            order=23,
            section="administration",
        )
        nav.register(
            "administration:group_list",
            _("Working groups"),
            icon="people",
            order=24,
            section="administration",
        )
        nav.register(
            "administration:directory",
            _("Contacts and advice"),
            icon="person-lines-fill",
            order=25,
            section="administration",
        )
