"""Keeps the search index in step with the data, inside the same transaction.

Signals (connected in ``SearchConfig.ready``) re-index an object when it or its many-to-many
relations change, remove it when it is deleted, and re-index registered children when a
sharing parent changes. ``rebuild`` (``manage.py rebuild_search_index``) repairs everything.
"""

import datetime
import logging
import sqlite3
from contextlib import contextmanager, nullcontext

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction

from ikonnekt.core.bulk import bulk_insert
from ikonnekt.search.acl import entry_tokens
from ikonnekt.search.engine import note_indexed
from ikonnekt.search.models import Rule, SearchEntry, SearchFacet, SearchShare
from ikonnekt.search.registry import spec_for_model, specs
from ikonnekt.search.text import analyse, fold, title_keys

log = logging.getLogger(__name__)
MAX_BODY_CHARS = 500_000


def _value(obj, name, memo=None):
    """The value of field, property or method ``name`` of ``obj``; ``memo``: a dict of values
    already taken from ``obj`` (a name that is both body and facet is read once)."""
    if memo is not None:
        try:
            return memo[name]
        except KeyError:
            value = memo[name] = _value(obj, name)
            return value
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


def _reader(name):
    """``obj -> _value(obj, name)``, made once per name: a plain attribute name skips the path
    walk (the same steps for one part)."""
    if callable(name) or "__" in name:
        return lambda obj: _value(obj, name)
    manager = models.Manager

    def read(obj):
        value = getattr(obj, name, None)
        if callable(value) and not isinstance(value, manager):
            value = value()
        if isinstance(value, manager):
            return [str(v) for v in value.all()]
        return value

    return read


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


class _Plan:
    """What the index reads of one model's objects (from its ``SearchSpec``), worked out once:
    every named value is read once per object, also when body and facets both name it."""

    def __init__(self, spec):
        self.spec = spec
        self.date = spec.extra.get("date")
        names = [spec.title, *spec.body, *spec.facets] + ([self.date] if self.date else [])
        self.names = list(dict.fromkeys(names))  # each name once, in order
        self.readers = [(name, _reader(name)) for name in self.names]
        found = spec.sharing_path()
        self.holder_path = None if found is None else (found[0].split("__") if found[0] else [])
        self.include = spec.extra.get("include")

    def read(self, obj) -> dict:
        return {name: read(obj) for name, read in self.readers}

    def holder(self, obj):
        """The object carrying owner and visibility (see ``SearchSpec.sharing_path``)."""
        if self.holder_path is None:
            return None
        holder = obj
        for part in self.holder_path:
            holder = getattr(holder, part, None)
            if holder is None:
                return None
        return holder


def entry_values(obj, spec, holder, content_type_id, cooperation_ids=(), memo=None, analysed=None) -> dict:
    """The columns of the index row; ``cooperation_ids``: :func:`share_ids` of ``holder``;
    ``memo``: see :func:`_value` (shared with :func:`facet_values`); ``analysed``: whether the
    analysed text is stored (SQLite; default: asked of the connection)."""
    title = _text(_value(obj, spec.title, memo))[:500]
    body = "\n".join([_text(_value(obj, name, memo)) for name in spec.body])[:MAX_BODY_CHARS]
    date_field = spec.extra.get("date")
    date = _value(obj, date_field, memo) if date_field else None
    if isinstance(date, datetime.datetime):
        date = date.date()
    try:
        url = spec.url_for(obj)
    except Exception:  # an object without a page is still findable
        url = ""
    rule = Rule.SHARED if holder is not None else Rule.QUERY
    owner_id = getattr(holder, "owner_id", None)
    visibility = getattr(holder, "visibility", "") or ""
    # The analysed text is what SQLite's FTS5 indexes; PostgreSQL analyses title and body
    # itself (the generated ``vector``), so there the columns stay empty (a restore into
    # another database rebuilds the index).
    if analysed is None:
        analysed = connection.vendor == "sqlite"
    title_idx = analyse(title) if analysed else ""
    return {
        "rule": rule,
        "owner_id": owner_id,
        "visibility": visibility,
        "acl": entry_tokens(content_type_id, rule, visibility, owner_id, cooperation_ids),
        "title": title,
        "body": body,
        "title_idx": title_idx,
        "title_keys": title_keys(title_idx),
        "body_idx": analyse(body) if analysed else "",
        "url": url or "",
        "date": date if isinstance(date, datetime.date) else None,
    }


def share_ids(holder) -> list[int]:
    if holder is not None and holder.visibility == "cooperation" and hasattr(holder, "shared_with"):
        return [c.pk for c in holder.shared_with.all()]
    return []


def _batch_share_ids(holders) -> dict:
    """:func:`share_ids` of many holders, ``{(model, pk): [cooperation id, …]}``: one query of
    the sharing table per model instead of one per holder (and no related managers)."""
    wanted = {}
    for holder in holders:
        if holder is not None and holder.visibility == "cooperation" and hasattr(holder, "shared_with"):
            wanted.setdefault(type(holder), set()).add(holder.pk)
    out = {}
    for model, pks in wanted.items():
        field = model._meta.get_field("shared_with")
        through = field.remote_field.through
        source = through._meta.get_field(field.m2m_field_name()).attname
        target = through._meta.get_field(field.m2m_reverse_field_name()).attname
        for pk, coop in through._base_manager.filter(**{f"{source}__in": pks}).values_list(source, target):
            out.setdefault((model, pk), []).append(coop)
    return out


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
    memo = {}
    values = entry_values(obj, spec, holder, ct.pk, coops, memo)
    note_indexed(ct.pk)
    with transaction.atomic():
        # On PostgreSQL ``vector`` is a generated column (migration 0006): written with the row.
        entry, _created = SearchEntry.objects.update_or_create(
            content_type=ct, object_id=obj.pk, defaults=values
        )
        SearchShare.objects.filter(entry=entry).delete()
        SearchShare.objects.bulk_create([SearchShare(entry=entry, cooperation_id=c) for c in coops])
        SearchFacet.objects.filter(entry=entry).delete()
        SearchFacet.objects.bulk_create(
            [
                SearchFacet(entry=entry, name=name, value=value)
                for name, value in facet_values(obj, spec, memo)
            ]
        )
    return entry


ENTRY_FIELDS = (
    "content_type_id",
    "object_id",
    "rule",
    "owner_id",
    "visibility",
    "acl",
    "title",
    "body",
    "title_idx",
    "title_keys",
    "body_idx",
    "url",
    "date",
)


def index_batch(objs, spec, ct) -> int:
    """Bulk-index objects that have no index row yet (``rebuild``): plain rows written with
    ``core.bulk.bulk_insert`` (multi-row ``INSERT`` on SQLite, ``COPY`` on PostgreSQL; no model
    instances), the new rows' ids read back in one query, then their shares and facets. Each
    object's values are read once for the text and the facets. SQLite: the FTS5 rows are
    written directly, not by the insert trigger (several times faster, migration 0007)."""
    plan = _Plan(spec)
    if plan.include:
        objs = [obj for obj in objs if plan.include(obj)]
    holders = [plan.holder(obj) for obj in objs]
    shares = _batch_share_ids(holders)
    sqlite = connection.vendor == "sqlite"
    ct_id = ct.pk
    columns = ENTRY_FIELDS[2:]
    entries, extras = [], {}
    for obj, holder in zip(objs, holders, strict=True):
        coops = shares.get((type(holder), holder.pk), []) if holder is not None else []
        memo = plan.read(obj)
        values = entry_values(obj, spec, holder, ct_id, coops, memo, analysed=sqlite)
        entries.append((ct_id, obj.pk, *[values[name] for name in columns]))
        extras[obj.pk] = (coops, facet_values(obj, spec, memo))
    if not entries:
        return 0
    note_indexed(ct_id)
    with transaction.atomic(), connection.cursor() as cursor:
        if sqlite:  # the insert trigger skips these rows; their FTS5 rows are written below
            cursor.execute("INSERT INTO search_bulkwrite (id) VALUES (1)")
        bulk_insert(SearchEntry, ENTRY_FIELDS, entries, batch_size=len(entries))
        # plain SQL: the ORM's IN lookup prepares every value
        cursor.execute(
            "SELECT object_id, id FROM search_searchentry WHERE content_type_id = %s "  # noqa: S608
            f"AND object_id IN ({', '.join(['%s'] * len(extras))})",
            [ct.pk, *extras],
        )
        ids = dict(cursor.fetchall())
        if sqlite:
            at = {name: i for i, name in enumerate(ENTRY_FIELDS)}
            fts = [(ids[row[1]], *(row[at[name]] for name in FTS_COLUMNS)) for row in entries]
            marks = ", ".join(["?"] * (len(FTS_COLUMNS) + 1))
            sqlite3.Cursor.executemany(  # the driver's own: no placeholder rewriting per row
                cursor.cursor,
                f"INSERT INTO search_fts (rowid, {', '.join(FTS_COLUMNS)}) VALUES ({marks})",  # noqa: S608
                fts,
            )
            cursor.execute("DELETE FROM search_bulkwrite")
        shares, facets = [], []
        for object_id, (coops, facet_pairs) in extras.items():
            entry_id = ids[object_id]
            shares += [(entry_id, c) for c in coops]
            facets += [(entry_id, name, value) for name, value in facet_pairs]
        bulk_insert(SearchShare, ("entry_id", "cooperation_id"), shares, batch_size=max(1, len(shares)))
        bulk_insert(SearchFacet, ("entry_id", "name", "value"), facets, batch_size=max(1, len(facets)))
    return len(entries)


FTS_COLUMNS = ("title_idx", "body_idx", "acl", "title_keys")  # search_fts (migrations 0003, 0004, 0007)


def facet_values(obj, spec, memo=None):
    out = []
    for name in spec.facets:
        value = _value(obj, name, memo)
        values = value if isinstance(value, list | tuple) else [value]
        for v in values:
            if v is None or v == "":
                continue
            if isinstance(v, datetime.date):
                v = v.year
            out.append((name, str(v)[:200]))
    return out


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


def clear(ct) -> None:
    """Remove the index rows of content type ``ct`` with their shares and facets: three
    statements (the ORM's delete would load every row, as the index listens to deletions)."""
    entries = "SELECT id FROM search_searchentry WHERE content_type_id = %s"
    with connection.cursor() as cursor:
        for table in ("search_searchfacet", "search_searchshare"):
            cursor.execute(f"DELETE FROM {table} WHERE entry_id IN ({entries})", [ct.pk])  # noqa: S608
        cursor.execute("DELETE FROM search_searchentry WHERE content_type_id = %s", [ct.pk])


def _gin_indexes() -> list[tuple[str, str]]:
    """(name, definition) of the GIN indexes of the index table (PostgreSQL: the vector and the
    title vector, migrations 0002 and 0006)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = %s AND indexdef LIKE %s ORDER BY indexname",
            [SearchEntry._meta.db_table, "% USING gin %"],
        )
        return cursor.fetchall()


def _gin_to_build_after(rows: int, content_type_ids: list[int]) -> list[tuple[str, str]]:
    """The GIN indexes to build after the rows (PostgreSQL, when the ``rows`` about to be
    written with ``content_type_ids`` are at least as many as the rows of other types that
    stay): one index build from sorted entries instead of an index update per row (the rebuild
    took about three times the bare ``COPY`` and ``CREATE INDEX``); none otherwise."""
    if connection.vendor != "postgresql":
        return []
    others = SearchEntry.objects.exclude(content_type_id__in=content_type_ids).count()
    return _gin_indexes() if rows >= others else []


@contextmanager
def _gin_built_after(indexes):
    """Drop ``indexes`` and create them again from their definitions on leaving; inside the
    caller's transaction, so nothing is committed without them (the table is locked, searches
    wait, until that transaction ends)."""
    if not indexes:
        yield
        return
    with connection.cursor() as cursor:
        # no index DDL on a table with pending (deferred) foreign-key checks: they are made now,
        # and deferred again afterwards, as Django's ``check_constraints`` does
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for _name, definition in indexes:
            cursor.execute(definition)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _read_by_batch(spec) -> set[str]:
    """Relations ``index_batch`` reads for a whole batch itself: the cooperations an object
    that carries its own sharing is shared with (a prefetch would make a related manager and
    a filtered queryset per object, most of them empty), unless the spec names them too."""
    found = spec.sharing_path()
    named = {spec.title, *spec.body, *spec.facets}
    return {"shared_with"} - named if found is not None and found[0] == "" else set()


def rebuild(keys=None, progress=None, batch=2000) -> int:
    """Re-index every registered model (or ``keys`` like ``documents.document``), one
    transaction per model; on PostgreSQL, when the GIN indexes are built after the rows
    (``_gin_to_build_after``), all in one transaction (progress is then seen at its end)."""
    count = 0
    selected = [s for k, s in specs().items() if keys is None or k in keys]
    total = sum(s.model._base_manager.count() for s in selected) or 1
    types = [ContentType.objects.get_for_model(s.model).pk for s in selected]
    indexes = _gin_to_build_after(total, types)
    with transaction.atomic() if indexes else nullcontext(), _gin_built_after(indexes):
        for spec in selected:
            ct = ContentType.objects.get_for_model(spec.model)
            qs = spec.model._base_manager.order_by("pk")
            if spec.extra.get("select_related"):
                qs = qs.select_related(*spec.extra["select_related"])
            prefetch = [p for p in spec.extra.get("prefetch_related", ()) if p not in _read_by_batch(spec)]
            if prefetch:
                qs = qs.prefetch_related(*prefetch)
            with transaction.atomic():
                clear(ct)
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
            SearchEntry.objects.exclude(content_type_id__in=types).delete()
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
