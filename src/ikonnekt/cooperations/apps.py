from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationsConfig(AppConfig):
    name = "ikonnekt.cooperations"
    label = "cooperations"
    verbose_name = _("Cooperations")

    def ready(self):
        from ikonnekt.core.registry import nav

        nav.register("cooperations:list", _("Cooperations"), icon="diagram-3", order=11, section="start")
        nav.register("cooperations:network", _("Network"), icon="share", order=12, section="start")
        nav.register(
            "cooperations:announcements", _("Announcements"), icon="megaphone", order=14, section="start"
        )
        nav.register("cooperations:goals", _("Goals and actors"), icon="bullseye", order=13, section="start")
