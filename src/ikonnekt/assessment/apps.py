from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "ikonnekt.assessment"
    label = "assessment"
    verbose_name = _("Area assessment")

    def ready(self):
        from ikonnekt.core.registry import nav

        nav.register(
            "assessment:area_list",
            _("Areas and assessments"),
            icon="clipboard-check",
            order=20,
            section="knowledge",
        )
        nav.register(
            "assessment:catalogue_list",
            _("Criteria catalogues"),
            icon="list-check",
            order=21,
            section="knowledge",
        )
        nav.register(
            "assessment:district",
            _("District overview of areas"),
            icon="bar-chart",
            order=22,
            section="knowledge",
        )
