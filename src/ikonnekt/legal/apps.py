from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "ikonnekt.legal"
    label = "legal"
    verbose_name = _("Legal notices and personal data")

    def ready(self):
        from ikonnekt.legal import tasks  # noqa: F401  (registers the retention job)
