from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "ikonnekt.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from ikonnekt.search import indexer

        indexer.connect()
