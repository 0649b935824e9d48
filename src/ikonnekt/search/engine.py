# SQL here is assembled from fixed fragments and "%s" placeholders only; every value is a parameter.
# ruff: noqa: S608
"""Ranked German full-text search over every registered model.

SQLite: FTS5 ``MATCH`` on pre-stemmed tokens, ``bm25`` with the title weighted 10× the body.
PostgreSQL: ``tsvector @@ to_tsquery('german', …)``; ``ts_rank`` runs on a capped candidate
set (ranking every match of a frequent term costs >100 ms on 100,000 documents).

The permission filter is part of the SQL (never a post-filter of a top-N): rows of shared
objects are filtered on the owner, visibility and cooperations stored with the row (the
sharing rule, see :mod:`ikonnekt.core.sharing`); models with their own rule are filtered with
``object_id IN (<their visible queryset>)``.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from ikonnekt.core.sharing import user_cooperation_ids, user_org_ids
from ikonnekt.search.models import SearchEntry
from ikonnekt.search.registry import specs
from ikonnekt.search.text import ParsedQuery, fts5_query, parse_query, snippet, tsquery

CANDIDATE_CAP = 1000  # PostgreSQL ranks at most this many matches; counts/facets are exact up to it
FACET_VALUES = 12


@dataclass
class Hit:
    entry: SearchEntry
    score: float
    snippet: str
    label: str
    spec_key: str

    @property
    def title(self):
        return self.entry.title

    @property
    def url(self):
        return self.entry.url


@dataclass
class SearchResult:
    query: str
    parsed: ParsedQuery
    hits: list = field(default_factory=list)
    total: int = 0
    total_capped: bool = False
    facets: dict = field(default_factory=dict)  # name -> [(value, count)]
    notes: list = field(default_factory=list)


def permission_sql(user, alias="e", keys=None):
    """``(sql, params)``: rows of ``SearchEntry`` ``user`` may see (the sharing rule)."""
    authenticated = bool(user is not None and user.is_authenticated)
    vis = ["public", "platform"] if authenticated else ["public"]
    shared = [f"{alias}.visibility IN ({', '.join(['%s'] * len(vis))})"]
    params = list(vis)
    if authenticated:
        org_ids = sorted(user_org_ids(user))
        if org_ids:
            shared.append(f"{alias}.owner_id IN ({', '.join(['%s'] * len(org_ids))})")
            params += org_ids
        coop_ids = sorted(user_cooperation_ids(user))
        if coop_ids:
            shared.append(
                f"({alias}.visibility = 'cooperation' AND {alias}.id IN (SELECT s.entry_id FROM "
                f"search_searchshare s WHERE s.cooperation_id IN ({', '.join(['%s'] * len(coop_ids))})))"
            )
            params += coop_ids
    parts = [f"({alias}.rule = 'shared' AND ({' OR '.join(shared)}))"]
    for key, spec in specs().items():
        if spec.sharing_path() is not None or (keys is not None and key not in keys):
            continue
        sub_sql, sub_params = spec.visible(user).order_by().values("pk").query.sql_with_params()
        parts.append(f"({alias}.content_type_id = %s AND {alias}.object_id IN ({sub_sql}))")
        params += [ContentType.objects.get_for_model(spec.model).pk, *sub_params]
    return "(" + " OR ".join(parts) + ")", params


def _scope_sql(model_keys, filters, alias="e"):
    """Restrict to registered models (or the chosen ones) and facet filters."""
    all_specs = specs()
    keys = [k for k in (model_keys or all_specs) if k in all_specs]
    ct_ids = [ContentType.objects.get_for_model(all_specs[k].model).pk for k in keys] or [0]
    sql = [f"{alias}.content_type_id IN ({', '.join(['%s'] * len(ct_ids))})"]
    params = list(ct_ids)
    for name, value in sorted((filters or {}).items()):
        if value in (None, ""):
            continue
        sql.append(
            f"{alias}.id IN (SELECT f.entry_id FROM search_searchfacet f WHERE f.name = %s AND f.value = %s)"
        )
        params += [name, str(value)]
    return " AND ".join(sql), params


def search(
    user, query: str, *, models=None, filters=None, limit=20, offset=0, with_facets=True
) -> SearchResult:
    """Search what ``user`` may see. ``models``: spec keys like ``documents.document``;
    ``filters``: ``{facet_name: value}``."""
    parsed = parse_query(query)
    result = SearchResult(query=query, parsed=parsed, notes=list(parsed.notes))
    if parsed.is_empty:
        return result
    perm_sql, perm_params = permission_sql(user, keys=models)
    scope_sql, scope_params = _scope_sql(models, filters)
    where = f"{perm_sql} AND {scope_sql}"
    params = perm_params + scope_params
    limit, offset = max(1, min(int(limit), 100)), max(0, int(offset))
    if connection.vendor == "sqlite":
        rows, total, facet_rows = _sqlite(fts5_query(parsed), where, params, limit, offset, with_facets)
    elif connection.vendor == "postgresql":
        rows, total, facet_rows = _postgresql(tsquery(parsed), where, params, limit, offset, with_facets)
    else:  # pragma: no cover - other databases are not supported by the foundation
        raise NotImplementedError(connection.vendor)
    result.total = min(total, CANDIDATE_CAP)
    result.total_capped = total > CANDIDATE_CAP
    entries = SearchEntry.objects.in_bulk([r[0] for r in rows])
    ct_specs = {ContentType.objects.get_for_model(s.model).pk: s for s in specs().values()}
    for entry_id, score in rows:
        entry = entries.get(entry_id)
        if entry is None:
            continue
        spec = ct_specs.get(entry.content_type_id)
        result.hits.append(
            Hit(
                entry=entry,
                score=float(score or 0),
                snippet=snippet(entry.body, parsed) or snippet(entry.title, parsed),
                label=str(spec.display_label()) if spec else "",
                spec_key=spec.key if spec else "",
            )
        )
    for name, value, count in facet_rows:
        result.facets.setdefault(name, []).append((value, count))
    for name in result.facets:
        result.facets[name] = sorted(result.facets[name], key=lambda vc: (-vc[1], vc[0]))[:FACET_VALUES]
    return result


def _facet_sql(candidates_sql):
    return (
        f"SELECT f.name, f.value, COUNT(*) FROM search_searchfacet f WHERE f.entry_id IN ({candidates_sql}) "
        "GROUP BY f.name, f.value"
    )


def _sqlite(match, where, params, limit, offset, with_facets):
    with connection.cursor() as cursor:
        cursor.execute(
            # CROSS JOIN fixes the join order: the FTS match drives, each hit is checked
            # by primary key. Otherwise SQLite may scan entries and re-run MATCH per row.
            "SELECT e.id, bm25(search_fts, 10.0, 1.0) AS score FROM search_fts "
            "CROSS JOIN search_searchentry e ON e.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND {where} ORDER BY score LIMIT %s OFFSET %s",
            [match, *params, limit, offset],
        )
        rows = [(r[0], -r[1]) for r in cursor.fetchall()]
        candidates = (
            "SELECT e.id FROM search_fts CROSS JOIN search_searchentry e ON e.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND {where} LIMIT {CANDIDATE_CAP + 1}"
        )
        if offset == 0 and len(rows) < limit:
            total = len(rows)
        else:
            cursor.execute(f"SELECT COUNT(*) FROM ({candidates})", [match, *params])
            total = cursor.fetchone()[0]
        facet_rows = []
        if with_facets and total:
            cursor.execute(_facet_sql(candidates), [match, *params])
            facet_rows = cursor.fetchall()
    return rows, total, facet_rows


def _postgresql(tsq, where, params, limit, offset, with_facets):
    candidates = (
        "SELECT e.id, e.vector FROM search_searchentry e "
        f"WHERE e.vector @@ to_tsquery('german', %s) AND {where} LIMIT {CANDIDATE_CAP + 1}"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH c AS MATERIALIZED ({candidates}) SELECT c.id, "
            "ts_rank('{0.1, 0.2, 0.4, 1.0}', c.vector, to_tsquery('german', %s)) AS score "
            "FROM c ORDER BY score DESC, c.id LIMIT %s OFFSET %s",
            [tsq, *params, tsq, limit, offset],
        )
        rows = cursor.fetchall()
        if offset == 0 and len(rows) < limit:
            total = len(rows)
        else:
            cursor.execute(f"SELECT COUNT(*) FROM ({candidates}) c", [tsq, *params])
            total = cursor.fetchone()[0]
        facet_rows = []
        if with_facets and total:
            ids_sql = f"SELECT c.id FROM ({candidates}) c"
            cursor.execute(_facet_sql(ids_sql), [tsq, *params])
            facet_rows = cursor.fetchall()
    return rows, total, facet_rows


def search_all(user, query: str, limit_per_model: int = 20):
    """Backwards-compatible grouped results (one group per registered model)."""
    groups = []
    for key, spec in specs().items():
        result = search(user, query, models=[key], limit=limit_per_model, with_facets=False)
        if result.hits:
            groups.append(
                {
                    "spec": spec,
                    "label": spec.display_label(),
                    "hits": [
                        {"object": h.entry, "url": h.url, "title": h.title, "snippet": h.snippet}
                        for h in result.hits
                    ],
                }
            )
    return groups
