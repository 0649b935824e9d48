from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "ikonnekt.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from django.db.models.signals import post_migrate

        from ikonnekt.search import engine, indexer

        indexer.connect()
        # content type ids may change when the tables are made again (as ContentType's cache)
        post_migrate.connect(engine.clear_content_type_ids, dispatch_uid="search-content-type-ids")
