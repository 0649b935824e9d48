from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "ikonnekt.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge base")

    def ready(self):
        from ikonnekt.core.registry import nav

        nav.register(
            "knowledge:list",
            _("Knowledge base"),
            icon="journal-text",
            order=40,
            section="knowledge",
            public=True,
        )
        nav.register(
            "knowledge:questions",
            _("Questions and answers"),
            icon="question-circle",
            order=41,
            section="knowledge",
        )
