from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationsConfig(AppConfig):
    name = "ikonnekt.cooperations"
    label = "cooperations"
    verbose_name = _("Cooperations")

    def ready(self):
        from ikonnekt.core.registry import nav

        nav.register("cooperations:list", _("Cooperations"), icon="diagram-3", order=1, section="cooperation")
        nav.register("cooperations:network", _("Network"), icon="share", order=2, section="cooperation")
        nav.register(
            "cooperations:goals", _("Goals and actors"), icon="bullseye", order=3, section="cooperation"
        )
        nav.register(
            "cooperations:announcements", _("Announcements"), icon="megaphone", order=4, section="cooperation"
        )
