from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ikonnekt.documents.models import Document, File
from ikonnekt.search.registry import register

register(
    Document,
    title="title",
    body=["correspondent", "tag_names", "file_label", "metadata_text", "content"],
    facets=["kind", "tag_names", "correspondent", "year", "organisation_name", "file_label"],
    date="document_date",
    select_related=["owner", "file"],
    prefetch_related=["tags", "shared_with"],
    include=lambda doc: doc.deleted_at is None,
    facet_labels={
        "kind": _("Type"),
        "tag_names": _("Tag"),
        "correspondent": _("Correspondent"),
        "year": _("Year"),
        "organisation_name": _("Organisation"),
        "file_label": pgettext_lazy("dms", "File"),
    },
)
register(
    File,
    title="title",
    body=["reference", "description", "responsible"],
    facets=["organisation_name"],
    facet_labels={"organisation_name": _("Organisation")},
)
