# SQL here is assembled from fixed fragments and "%s" placeholders only; every value is a parameter.
# ruff: noqa: S608
"""Ranked German full-text search over every registered model.

Hits with a search term in the title come first, then hits with the terms only in the text;
each tier is ranked by relevance (a frequent word is in few titles, so the first tier is small
and cheap to rank; the second is ranked only when the first does not fill the page).
SQLite: FTS5 ``MATCH`` on pre-stemmed tokens, ``bm25`` with the title weighted 10× the body;
the title tier is found through the marked title keys (:func:`ikonnekt.search.text.title_keys`).
The match also requires one of the user's permission tokens (:mod:`ikonnekt.search.acl`), so
FTS5 intersects terms and permissions in the inverted index and ranks only rows the user may
see.
PostgreSQL: ``tsvector @@ to_tsquery('german', …)``, the title tier through a GIN index on the
title's tsvector; ``ts_rank`` runs on capped candidate sets (ranking every match of a frequent
term costs >100 ms on 100,000 documents).

The permission SQL is applied to every returned and every faceted row (never a post-filter
that could lose rows): rows of shared objects are filtered on the owner, visibility and
cooperations stored with the row (the sharing rule, see :mod:`ikonnekt.core.sharing`); models
with their own rule are filtered with ``object_id IN (<their visible queryset>)``. On SQLite the
ranked rows are checked in rank order; if the check refuses rows, all matches are ranked with
the check in the query, so the hits are exactly the top rows of the permitted matches. Totals
without facets are counted by the match alone when it selects the same rows as the SQL (no
model with its own rule in scope, no facet filter): stale tokens could change that number but
never show a row.
"""

import json
import time
from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ikonnekt.core.sharing import user_cooperation_ids, user_org_ids
from ikonnekt.search.acl import match_any, type_tokens, user_tokens
from ikonnekt.search.models import SearchEntry
from ikonnekt.search.registry import spec_for_model, specs
from ikonnekt.search.snippets import snippet
from ikonnekt.search.text import (
    ParsedQuery,
    fts5_in_title,
    fts5_query,
    parse_query,
    tsquery,
    tsquery_any,
)

CANDIDATE_CAP = 1000  # PostgreSQL ranks at most this many matches; counts/facets are exact up to it
# Column weights: title 10, body 1; permission tokens and title keys do not count.
BM25 = "bm25(search_fts, 10.0, 1.0, 0.0, 0.0)"
MAX_DEPTH = 10_000  # offset + limit: deeper pages are refused (every earlier hit would be ranked)
FACET_VALUES = 12


@dataclass
class Hit:
    """One hit: the columns of its index row (``HIT_FIELDS``), its rank and what the page shows."""

    row: tuple  # values of HIT_FIELDS
    score: float
    snippet: str
    label: str
    spec_key: str

    @property
    def title(self):
        return self.row[3]

    @property
    def url(self):
        return self.row[5]

    @property
    def object_id(self):
        return self.row[2]

    @cached_property
    def entry(self) -> SearchEntry:
        """The index row as a model instance (made on first use; the page needs none)."""
        return SearchEntry.from_db(connection.alias, HIT_FIELDS, self.row)


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
            # Correlated: looked up for the checked rows only (an IN list would first collect
            # every row shared with these cooperations).
            shared.append(
                f"({alias}.visibility = 'cooperation' AND EXISTS (SELECT 1 FROM search_searchshare s "
                f"WHERE s.entry_id = {alias}.id AND s.cooperation_id IN ({', '.join(['%s'] * len(coop_ids))})))"
            )
            params += coop_ids
    parts = [f"({alias}.rule = 'shared' AND ({' OR '.join(shared)}))"]
    for key, spec in specs().items():
        if (keys is not None and key not in keys) or spec.sharing_path() is not None:
            continue
        sub_sql, sub_params = spec.visible(user).order_by().values("pk").query.sql_with_params()
        parts.append(f"({alias}.content_type_id = %s AND {alias}.object_id IN ({sub_sql}))")
        params += [content_type_ids()[key], *sub_params]
    return "(" + " OR ".join(parts) + ")", params


_CT_IDS: dict = {}  # spec key -> content type id (cleared after migrate/flush, as Django's own cache)


def content_type_ids() -> dict:
    """``{spec key: content type id}`` of every registered model: worked out once, not per
    search (a search asked ContentType's cache for every registered model, ~30 calls)."""
    global _CT_IDS
    all_specs = specs()
    ids = _CT_IDS
    if ids.keys() != all_specs.keys():
        # a new dict, not the old one refilled: another thread may be reading the old one
        ids = {k: ContentType.objects.get_for_model(spec.model).pk for k, spec in all_specs.items()}
        _CT_IDS = ids
    return ids


def clear_content_type_ids(**kwargs) -> None:
    global _CT_IDS
    _CT_IDS = {}


def _scope_keys(model_keys):
    all_specs = specs()
    return [k for k in (model_keys or all_specs) if k in all_specs]


TYPE_TOKEN_SHARE = 0.5  # name the chosen models in the ranked match up to this share of the index
_type_counts = {"at": -1e9, "counts": {}}


def note_indexed(content_type_id) -> None:
    """Called by the indexer for every written row: the first row of a model not counted in
    ``_type_counts`` makes the next search count again (in this process)."""
    if not _type_counts["counts"].get(content_type_id):
        _type_counts["at"] = -1e9


def _index_share(ct_ids) -> float:
    """Share of index rows of these content types (counted at most every 5 minutes, and after
    a model's first rows were indexed in this process). Only chooses how the match is written,
    like a planner statistic: totals and hits do not depend on it."""
    now = time.monotonic()
    if now - _type_counts["at"] > 300:
        counts = SearchEntry.objects.values_list("content_type_id").annotate(n=Count("id"))
        _type_counts.update(at=now, counts=dict(counts))
    counts = _type_counts["counts"]
    return sum(counts.get(ct, 0) for ct in ct_ids) / max(1, sum(counts.values()))


def acl_match(user, model_keys=None) -> tuple[str, str | None]:
    """FTS5 expressions for the rows ``user`` may see among the chosen models (the narrowing
    half of the permission filter; :func:`permission_sql` decides): one to rank with, and one
    that selects exactly the rows the permission and model SQL allow (if the tokens are
    current), to count without checking each row — None when a model with its own rule is in
    scope.

    Every token in a ranked match costs time for each matching row (bm25 loops over all
    phrases), so the ranking expression names the chosen models only when they are the smaller
    part of the index; otherwise the permission SQL refuses rows of other models."""
    all_specs = specs()
    keys = _scope_keys(model_keys)
    own_rule = any(all_specs[k].sharing_path() is None for k in keys)
    rank = count = match_any(user_tokens(user, own_rule=own_rule))
    if model_keys:
        ids = content_type_ids()
        ct_ids = [ids[k] for k in keys]
        others = [ct for ct in ids.values() if ct not in ct_ids]
        if not ct_ids:
            rank = count = f'{rank} AND "_t0"'
        elif others and _index_share(ct_ids) > TYPE_TOKEN_SHARE:
            # Every other model, also those without rows when last counted: another process may
            # have indexed some since, and the total must not count them.
            count = f"{count} NOT {match_any(type_tokens(others))}"
        elif others:
            rank = count = f"{rank} AND {match_any(type_tokens(ct_ids))}"
    return rank, None if own_rule else count


def _scope_sql(model_keys, filters, alias="e"):
    """Restrict to registered models (or the chosen ones) and facet filters."""
    ids = content_type_ids()
    ct_ids = [ids[k] for k in _scope_keys(model_keys)] or [0]
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
    if offset + limit > MAX_DEPTH:
        n = number_format(MAX_DEPTH, force_grouping=True)
        result.notes.append(_("Only the first %(n)s hits can be paged through.") % {"n": n})
        return result
    if connection.vendor == "sqlite":
        rank_acl, count_acl = acl_match(user, models)
        terms = fts5_query(parsed)
        if any(v not in (None, "") for v in (filters or {}).values()):
            count_acl = None  # facet filters are SQL only
        count_match = f"({terms}) AND {count_acl}" if count_acl else None
        rows, total, facet_rows = _sqlite(
            f"({terms}) AND {rank_acl}",
            fts5_in_title(parsed),
            where,
            params,
            limit,
            offset,
            with_facets,
            count_match,
        )
    elif connection.vendor == "postgresql":
        rows, total, facet_rows = _postgresql(
            tsquery(parsed), tsquery_any(parsed), where, params, limit, offset, with_facets
        )
    else:  # pragma: no cover - other databases are not supported by the foundation
        raise NotImplementedError(connection.vendor)
    result.total = min(total, CANDIDATE_CAP)
    result.total_capped = total > CANDIDATE_CAP
    labels = {}  # content type id -> (label, spec key)
    for row in rows:
        hit_row = (row[0], *row[2:])
        content_type_id, body, title = hit_row[1], hit_row[4], hit_row[3]
        label = labels.get(content_type_id)
        if label is None:
            spec = _spec_for_ct(content_type_id)
            label = labels[content_type_id] = (str(spec.display_label()), spec.key) if spec else ("", "")
        result.hits.append(
            Hit(
                row=hit_row,
                score=float(row[1] or 0),
                snippet=snippet(body, parsed) or snippet(title, parsed),
                label=label[0],
                spec_key=label[1],
            )
        )
    for name, value, count in facet_rows:
        result.facets.setdefault(name, []).append((value, count))
    for name in result.facets:
        result.facets[name] = sorted(result.facets[name], key=lambda vc: (-vc[1], vc[0]))[:FACET_VALUES]
    return result


# The columns a hit shows, fetched by the ranking statement itself (``_ranked``,
# ``_postgresql``): every returned row is ``(id, score, *HIT_FIELDS[1:])``.
HIT_FIELDS = ("id", "content_type_id", "object_id", "title", "body", "url")
HIT_COLUMNS = ", ".join(f"x.{name}" for name in HIT_FIELDS[1:])


def _spec_for_ct(content_type_id):
    """The spec of a content type id (None if no longer registered); cached lookups only."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return spec_for_model(model) if model is not None else None


def _facet_sql(candidates_sql):
    return (
        f"SELECT f.name, f.value, COUNT(*) FROM search_searchfacet f WHERE f.entry_id IN ({candidates_sql}) "
        "GROUP BY f.name, f.value"
    )


# SQLite reads the permission columns from the narrow index ``search_entry_permission``
# (migration 0003; INDEXED BY, as the planner would otherwise read the wide row, whose last
# column content_type_id lies in its overflow pages).


def _ranked(cursor, match, where, params, need):
    """The best permitted rows of ``match`` in rank order: ``(rows, complete)``. ``rows`` holds
    at least the first ``need`` permitted rows if there are as many, the first ``need`` of them
    with the hit's columns (``(id, score, *HIT_FIELDS[1:])``; the others with ``None``);
    ``complete``: ``rows`` is every permitted row of the match."""
    fetch = 2 * need + 10  # ranked rows checked in the first step
    if need <= CANDIDATE_CAP:  # (deeper pages go straight to step 2)
        # 1. One statement: the best ``fetch`` rows of the match (terms AND permission tokens)
        #    checked by the permission SQL on the narrow index, the number of ranked rows (one
        #    row even when none is allowed), and the columns of the first ``need`` allowed rows
        #    (the wide row is read for these only).
        cursor.execute(
            "WITH f AS MATERIALIZED ("
            f"SELECT rowid, {BM25} AS score FROM search_fts "
            "WHERE search_fts MATCH %s ORDER BY score, rowid LIMIT %s), "
            "a AS (SELECT f.rowid AS id, f.score, ROW_NUMBER() OVER (ORDER BY f.score, f.rowid) AS rn "
            f"FROM f CROSS JOIN search_searchentry e INDEXED BY search_entry_permission ON e.id = f.rowid WHERE {where}) "
            f"SELECT n.n, a.id, a.score, {HIT_COLUMNS} FROM (SELECT COUNT(*) AS n FROM f) n "
            "LEFT JOIN a ON 1 LEFT JOIN search_searchentry x ON x.id = a.id AND a.rn <= %s ORDER BY a.rn",
            [match, fetch, *params, need],
        )
        checked = cursor.fetchall()
        allowed = [(r[1], -r[2], *r[3:]) for r in checked if r[1] is not None]
        complete = checked[0][0] < fetch  # every match was checked
        if complete or len(allowed) >= need:
            # Exact: the first ``need`` allowed rows in rank order are the top of all allowed
            # matches, since every unchecked match ranks below every checked one.
            return allowed, complete
    # 2. The check refused many rows (own-rule models, facet filters, stale tokens) or a deep
    #    page: rank every match with the permission SQL in the query.
    cursor.execute(
        f"SELECT r.id, r.score, {HIT_COLUMNS} FROM (SELECT e.id, {BM25} AS score FROM search_fts "
        # CROSS JOIN fixes the join order: the FTS match drives, each hit is checked by
        # primary key. Otherwise SQLite may scan entries and re-run MATCH per row.
        "CROSS JOIN search_searchentry e INDEXED BY search_entry_permission ON e.id = search_fts.rowid "
        f"WHERE search_fts MATCH %s AND {where} ORDER BY score, e.id LIMIT %s) r "
        "CROSS JOIN search_searchentry x ON x.id = r.id ORDER BY r.score, r.id",
        [match, *params, need],
    )
    rows = [(r[0], -r[1], *r[2:]) for r in cursor.fetchall()]
    return rows, len(rows) < need


def _sqlite(match, in_title, where, params, limit, offset, with_facets, count_match=None):
    """Hits, total and facet counts. Hits with a term in the title come first (each tier
    ranked by bm25): ranking only that tier is what makes a frequent term fast, as it holds
    far fewer rows than all matches. ``count_match``: a match that alone selects the rows the
    SQL allows (if the permission tokens are current), so the total is counted without the
    per-row check; hits and facets are always checked."""
    want = offset + limit
    allowed, exhausted = [], True  # exhausted: ``allowed`` is every permitted match
    with connection.cursor() as cursor:
        for tier in (f"{in_title} AND ({match})", f"({match}) NOT {in_title}"):
            if len(allowed) >= want:
                exhausted = False  # the next tier was not looked at
                break
            rows, complete = _ranked(cursor, tier, where, params, want - len(allowed))
            allowed += rows
            exhausted = exhausted and complete
        rows = allowed[offset:want]
        facet_rows = []
        if exhausted:  # all allowed matches are known: no second match for count and facets
            if with_facets and allowed:
                ids = json.dumps([r[0] for r in allowed])
                cursor.execute(_facet_sql("SELECT value FROM json_each(%s)"), [ids])
                facet_rows = cursor.fetchall()
            return rows, len(allowed), facet_rows
        candidates = (
            "SELECT e.id FROM search_fts CROSS JOIN search_searchentry e INDEXED BY search_entry_permission ON e.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND {where} LIMIT {CANDIDATE_CAP + 1}"
        )
        if not with_facets:
            if count_match:
                cursor.execute(
                    "SELECT COUNT(*) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
                    f"LIMIT {CANDIDATE_CAP + 1})",
                    [count_match],
                )
            else:
                cursor.execute(f"SELECT COUNT(*) FROM ({candidates})", [match, *params])
            return rows, cursor.fetchone()[0], facet_rows
        # Count and facets over one evaluation of the capped candidates (the count row has
        # name NULL; facet names are never NULL).
        cursor.execute(
            f"WITH c AS MATERIALIZED ({candidates}) SELECT NULL, NULL, COUNT(*) FROM c UNION ALL "
            "SELECT f.name, f.value, COUNT(*) FROM c CROSS JOIN search_searchfacet f ON f.entry_id = c.id "
            "GROUP BY f.name, f.value",
            [match, *params],
        )
        total = 0
        for name, value, count in cursor.fetchall():
            if name is None:
                total = count
            else:
                facet_rows.append((name, value, count))
    return rows, total, facet_rows


TITLE_VECTOR = "to_tsvector('german', search_fold(e.title))"  # GIN-indexed (migration 0004)
TS_RANK = "ts_rank('{{0.1, 0.2, 0.4, 1.0}}', {0}.vector, to_tsquery('german', %s))"


def _postgresql(tsq, title_tsq, where, params, limit, offset, with_facets):
    """One statement. The hits with a term in the title (found through the title's own GIN
    index, at most ``CANDIDATE_CAP``) and the capped candidates of all matches are selected
    once, then ranked (title tier first), counted and (if asked) faceted."""
    capped = f"AND {where} LIMIT {CANDIDATE_CAP + 1}"
    want = offset + limit
    facets = (
        "(SELECT json_agg(json_build_array(f.name, f.value, f.n)) FROM (SELECT f.name, f.value, "
        "COUNT(*) AS n FROM c JOIN search_searchfacet f ON f.entry_id = c.id GROUP BY f.name, f.value) f)"
        if with_facets
        else "NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH c AS MATERIALIZED (SELECT e.id, e.vector FROM search_searchentry e "
            f"WHERE e.vector @@ to_tsquery('german', %s) {capped}), "
            "t AS MATERIALIZED (SELECT e.id, e.vector FROM search_searchentry e "
            f"WHERE {TITLE_VECTOR} @@ to_tsquery('german', %s) AND e.vector @@ to_tsquery('german', %s) {capped}), "
            # The text tier is ranked only when the title tier does not fill the page (the
            # count condition is evaluated once, before any row of c is ranked).
            f"r1 AS (SELECT t.id, 1 AS tier, {TS_RANK.format('t')} AS score FROM t "
            "ORDER BY score DESC, t.id LIMIT %s), "
            f"r2 AS (SELECT c.id, 0 AS tier, {TS_RANK.format('c')} AS score FROM c "
            "WHERE (SELECT COUNT(*) FROM t) < %s AND c.id NOT IN (SELECT id FROM t) "
            "ORDER BY score DESC, c.id LIMIT %s), "
            "r AS (SELECT * FROM r1 UNION ALL SELECT * FROM r2 ORDER BY tier DESC, score DESC, id LIMIT %s OFFSET %s) "
            "SELECT (SELECT json_agg(json_build_array(r.id, r.score, "
            f"{HIT_COLUMNS}) ORDER BY r.tier DESC, r.score DESC, r.id) "
            f"FROM r JOIN search_searchentry x ON x.id = r.id), (SELECT COUNT(*) FROM c), {facets}",
            [tsq, *params, title_tsq, tsq, *params, tsq, want, tsq, want, want, limit, offset],
        )
        hits, total, facet_rows = (json.loads(v) if isinstance(v, str) else v for v in cursor.fetchone())
    rows = [tuple(hit) for hit in hits or []]
    return rows, total, [tuple(f) for f in facet_rows or []]


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
