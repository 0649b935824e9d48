from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentsConfig(AppConfig):
    name = "ikonnekt.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from ikonnekt.core.registry import nav

        nav.register("documents:list", _("Documents"), icon="folder2-open", order=20, section="data")
        nav.register(
            "documents:file_list", pgettext_lazy("dms", "Files"), icon="archive", order=21, section="data"
        )
        nav.register("documents:subject_list", _("Filing plan"), icon="diagram-2", order=22, section="data")
        nav.register("documents:settings", _("DMS settings"), icon="sliders", order=23, section="data")
