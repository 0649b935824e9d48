"""What the document page shows below the document, read as the shown columns (issue #18).

The page read its tags, cooperations and versions through three prefetches, its links through a
query with a generic prefetch and the owner's metadata labels and the history as querysets: the
SQL of each built again per request cost more than running it. These read the same rows with
``core.prepared.Rows`` (the SQL compiled once), in the same order.
"""

from types import SimpleNamespace

from django.contrib.contenttypes.models import ContentType

from ikonnekt.core.models import AuditLog
from ikonnekt.core.prepared import Rows
from ikonnekt.documents import history
from ikonnekt.documents.models import Document, DocumentLink, MetadataField, Version

_tags = Rows(
    lambda document_id: (
        Document.tags.through.objects.filter(document_id=document_id)
        .order_by("tag__name")
        .values_list("tag__name", "tag__colour")
    )
)
_cooperations = Rows(
    lambda document_id: (
        Document.shared_with.through.objects.filter(document_id=document_id)
        .order_by("cooperation__name")
        .values_list("cooperation__name")
    )
)
_VERSION_FIELDS = ("pk", "number", "original_name", "size", "created_at", "comment", "sha256", "thumbnail")
_versions = Rows(
    lambda document_id: (
        Version.objects.filter(document_id=document_id)
        .order_by("-number")
        .values_list(
            *_VERSION_FIELDS,
            "created_by_id",
            "created_by__first_name",
            "created_by__last_name",
            "created_by__username",
        )
    )
)
_links = Rows(
    lambda document_id: (
        DocumentLink.objects.filter(document_id=document_id)
        .order_by("pk")
        .values_list("content_type_id", "object_id")
    )
)
_labels = Rows(
    lambda organisation_id: MetadataField.objects.filter(organisation_id=organisation_id).values_list(
        "key", "label"
    )
)
_history = Rows(
    lambda content_type_id, object_id: (
        AuditLog.objects.filter(content_type_id=content_type_id, object_id=str(object_id))
        .order_by("-timestamp")
        .values_list(*history.FIELDS)[:200]
    )
)


def _version(row):
    values = dict(zip(_VERSION_FIELDS, row, strict=False))
    user_id, first, last, username = row[len(_VERSION_FIELDS) :]
    # {{ v.created_by|default:"" }}: the user's full name, else the user name
    values["created_by"] = "" if user_id is None else (f"{first} {last}".strip() or username)
    return SimpleNamespace(**values)


def _targets(model, user):
    """The objects of ``model`` a link may show: through the read rule where the model has one
    (a link to an object the user may not see is left out, as if it did not exist)."""
    manager = model._default_manager
    if hasattr(manager, "visible_to"):
        return manager.visible_to(user)
    return model._base_manager.all()


def _link_rows(document_id, user):
    """The links whose target exists and is visible to ``user``, with target and content type
    (one query per content type)."""
    rows = _links(document_id)
    wanted = {}
    for content_type_id, object_id in rows:
        wanted.setdefault(content_type_id, []).append(object_id)
    targets = {}
    for content_type_id, object_ids in wanted.items():
        content_type = ContentType.objects.get_for_id(content_type_id)
        model = content_type.model_class()
        if model is None:
            continue
        keys = {model._meta.pk.to_python(object_id) for object_id in object_ids}
        for target in _targets(model, user).filter(pk__in=keys):
            targets[(content_type_id, target.pk)] = target
    out = []
    for content_type_id, object_id in rows:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        target = model and targets.get((content_type_id, model._meta.pk.to_python(object_id)))
        if target is not None:
            out.append(
                SimpleNamespace(target=target, content_type=ContentType.objects.get_for_id(content_type_id))
            )
    return out


def context(document, user) -> dict:
    pk = document.pk
    versions = [_version(row) for row in _versions(pk)]
    labels = dict(_labels(document.owner_id))
    return {
        "tags": _tags(pk),
        "cooperation_names": [name for (name,) in _cooperations(pk)],
        "versions": versions,
        "current": versions[0] if versions else None,
        "history": history.history_html(_history(ContentType.objects.get_for_model(Document).pk, pk)),
        "links": _link_rows(pk, user),
        "metadata": [(labels.get(k, k), v) for k, v in (document.metadata or {}).items()],
    }
