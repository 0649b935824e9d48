"""Keeps the search index in step with the data, inside the same transaction.

Signals (connected in ``SearchConfig.ready``) re-index an object when it or its many-to-many
relations change, remove it when it is deleted, and re-index registered children when a
sharing parent changes. ``rebuild`` (``manage.py rebuild_search_index``) repairs everything.
"""

import datetime
import logging

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction

from ikonnekt.search.acl import entry_tokens
from ikonnekt.search.models import Rule, SearchEntry, SearchFacet, SearchShare
from ikonnekt.search.registry import spec_for_model, specs
from ikonnekt.search.text import analyse, fold, title_keys

log = logging.getLogger(__name__)
MAX_BODY_CHARS = 500_000


def _value(obj, name):
    if callable(name):
        return name(obj)
    value = obj
    for part in name.split("__"):
        if value is None:
            return None
        value = getattr(value, part, None)
        if callable(value) and not isinstance(value, models.Manager):
            value = value()
    if isinstance(value, models.Manager):
        return [str(v) for v in value.all()]
    return value


def _text(value):
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    return str(value)


def _sharing_owner(obj, spec):
    found = spec.sharing_path()
    if found is None:
        return None
    path, _model = found
    holder = obj
    for part in path.split("__") if path else []:
        holder = getattr(holder, part, None)
        if holder is None:
            return None
    return holder


def entry_values(obj, spec, holder, content_type_id, cooperation_ids=()) -> dict:
    """The columns of the index row; ``cooperation_ids``: :func:`share_ids` of ``holder``."""
    title = _text(_value(obj, spec.title))[:500]
    body = "\n".join(_text(_value(obj, name)) for name in spec.body)[:MAX_BODY_CHARS]
    date_field = spec.extra.get("date")
    date = _value(obj, date_field) if date_field else None
    if isinstance(date, datetime.datetime):
        date = date.date()
    try:
        url = spec.url_for(obj)
    except Exception:  # an object without a page is still findable
        url = ""
    rule = Rule.SHARED if holder is not None else Rule.QUERY
    owner_id = getattr(holder, "owner_id", None)
    visibility = getattr(holder, "visibility", "") or ""
    return {
        "rule": rule,
        "owner_id": owner_id,
        "visibility": visibility,
        "acl": entry_tokens(content_type_id, rule, visibility, owner_id, cooperation_ids),
        "title": title,
        "body": body,
        "title_idx": (title_idx := analyse(title)),
        "title_keys": title_keys(title_idx),
        "body_idx": analyse(body),
        "url": url or "",
        "date": date if isinstance(date, datetime.date) else None,
    }


def share_ids(holder) -> list[int]:
    if holder is not None and holder.visibility == "cooperation" and hasattr(holder, "shared_with"):
        return [c.pk for c in holder.shared_with.all()]
    return []


def index_object(obj, spec=None) -> SearchEntry | None:
    """Write (or remove) the index row of ``obj``."""
    spec = spec or spec_for_model(type(obj))
    if spec is None:
        return None
    if spec.extra.get("include") and not spec.extra["include"](obj):
        remove_object(obj)
        return None
    ct = ContentType.objects.get_for_model(type(obj))
    holder = _sharing_owner(obj, spec)
    coops = share_ids(holder)
    values = entry_values(obj, spec, holder, ct.pk, coops)
    with transaction.atomic():
        entry, _created = SearchEntry.objects.update_or_create(
            content_type=ct, object_id=obj.pk, defaults=values
        )
        SearchShare.objects.filter(entry=entry).delete()
        SearchShare.objects.bulk_create([SearchShare(entry=entry, cooperation_id=c) for c in coops])
        SearchFacet.objects.filter(entry=entry).delete()
        SearchFacet.objects.bulk_create(
            [SearchFacet(entry=entry, name=name, value=value) for name, value in facet_values(obj, spec)]
        )
        if connection.vendor == "postgresql":
            update_vectors([entry.pk])
    return entry


def index_batch(objs, spec, ct) -> int:
    """Bulk-index new objects (``rebuild``): a few statements per batch instead of per object."""
    rows = []
    for obj in objs:
        if spec.extra.get("include") and not spec.extra["include"](obj):
            continue
        holder = _sharing_owner(obj, spec)
        coops = share_ids(holder)
        values = entry_values(obj, spec, holder, ct.pk, coops)
        rows.append((obj, coops, SearchEntry(content_type=ct, object_id=obj.pk, **values)))
    entries = SearchEntry.objects.bulk_create([r[2] for r in rows])
    shares, facets = [], []
    for (obj, coops, _e), entry in zip(rows, entries, strict=True):
        shares += [SearchShare(entry_id=entry.pk, cooperation_id=c) for c in coops]
        facets += [SearchFacet(entry_id=entry.pk, name=n, value=v) for n, v in facet_values(obj, spec)]
    SearchShare.objects.bulk_create(shares, batch_size=2000)
    SearchFacet.objects.bulk_create(facets, batch_size=2000)
    if connection.vendor == "postgresql" and entries:
        update_vectors([e.pk for e in entries])
    return len(entries)


def facet_values(obj, spec):
    out = []
    for name in spec.facets:
        value = _value(obj, name)
        values = value if isinstance(value, list | tuple) else [value]
        for v in values:
            if v is None or v == "":
                continue
            if isinstance(v, datetime.date):
                v = v.year
            out.append((name, str(v)[:200]))
    return out


def update_vectors(entry_ids) -> None:
    """PostgreSQL: title weighted A, body B, German stemming over umlaut-folded text."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE search_searchentry SET vector = "
            "setweight(to_tsvector('german', search_fold(title)), 'A') || "
            "setweight(to_tsvector('german', search_fold(body)), 'B') WHERE id = ANY(%s)",
            [list(entry_ids)],
        )


def remove_object(obj) -> None:
    ct = ContentType.objects.get_for_model(type(obj))
    SearchEntry.objects.filter(content_type=ct, object_id=obj.pk).delete()


def reindex_children(parent) -> None:
    """Objects that take their visibility from ``parent`` follow its changes."""
    for spec in specs().values():
        parent_field = getattr(spec.model, "sharing_parent", None)
        if parent_field and spec.model._meta.get_field(parent_field).related_model is type(parent):
            for child in spec.model._base_manager.filter(**{parent_field: parent}):
                index_object(child, spec)


def rebuild(keys=None, progress=None, batch=500) -> int:
    """Re-index every registered model (or ``keys`` like ``documents.document``), one
    transaction per model."""
    count = 0
    selected = [s for k, s in specs().items() if keys is None or k in keys]
    total = sum(s.model._base_manager.count() for s in selected) or 1
    for spec in selected:
        ct = ContentType.objects.get_for_model(spec.model)
        qs = spec.model._base_manager.order_by("pk")
        if spec.extra.get("select_related"):
            qs = qs.select_related(*spec.extra["select_related"])
        if spec.extra.get("prefetch_related"):
            qs = qs.prefetch_related(*spec.extra["prefetch_related"])
        with transaction.atomic():
            SearchEntry.objects.filter(content_type=ct).delete()
            chunk = []
            for obj in qs.iterator(chunk_size=batch):
                chunk.append(obj)
                if len(chunk) >= batch:
                    count += index_batch(chunk, spec, ct)
                    chunk = []
                    if progress:
                        progress(count, total)
            if chunk:
                count += index_batch(chunk, spec, ct)
    if keys is None:  # rows of models no longer registered
        registered = [ContentType.objects.get_for_model(s.model).pk for s in specs().values()]
        SearchEntry.objects.exclude(content_type_id__in=registered).delete()
    if progress:
        progress(count, total)
    return count


# --- signal handlers -------------------------------------------------------------------------
def on_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    spec = spec_for_model(sender)
    if spec is not None:
        index_object(instance, spec)
    if _is_parent(sender):
        reindex_children(instance)


def on_delete(sender, instance, **kwargs):
    if spec_for_model(sender) is not None:
        remove_object(instance)


def on_m2m(sender, instance, action, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear") or not isinstance(instance, models.Model):
        return
    spec = spec_for_model(type(instance))
    if spec is not None:
        index_object(instance, spec)
    if _is_parent(type(instance)):
        reindex_children(instance)


_PARENTS = None


def _is_parent(model) -> bool:
    global _PARENTS
    if _PARENTS is None:
        parents = set()
        for spec in specs().values():
            field = getattr(spec.model, "sharing_parent", None)
            if field:
                parents.add(spec.model._meta.get_field(field).related_model)
        _PARENTS = parents
    return model in _PARENTS


def on_restored(sender, **kwargs):
    rebuild()


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from ikonnekt.core.backup import restored

    restored.connect(on_restored, dispatch_uid="search-index-restored")
    post_save.connect(on_save, dispatch_uid="search-index-save")
    post_delete.connect(on_delete, dispatch_uid="search-index-delete")
    m2m_changed.connect(on_m2m, dispatch_uid="search-index-m2m")


__all__ = ["connect", "fold", "index_object", "rebuild", "remove_object"]
