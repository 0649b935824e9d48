"""Permission tokens in the full-text index (see :mod:`ikonnekt.search.acl`).

Adds ``search_searchentry.acl`` and fills it from the owner, visibility and cooperations
already stored in the index (no need to run ``rebuild_search_index``). On SQLite the FTS5
table is re-created with the ``acl`` column (``_`` kept inside tokens) and rebuilt from
``search_searchentry``, and gets the index ``search_entry_permission`` (the columns of the
permission SQL); that takes about a minute per 100,000 entries. PostgreSQL only gets the column.
"""

from django.db import migrations, models

ADD_COLUMN = "ALTER TABLE search_searchentry ADD COLUMN acl text NOT NULL DEFAULT ''"
# The text ikonnekt.search.acl.entry_tokens writes, computed from the stored index rows.
FILL = {
    "sqlite": (
        "UPDATE search_searchentry SET acl = '_t' || content_type_id || CASE WHEN rule = 'shared' THEN "
        "CASE visibility WHEN 'public' THEN ' _vpublic _vsignedin' WHEN 'platform' THEN ' _vsignedin' ELSE '' END "
        "|| coalesce(' _o' || owner_id, '') || coalesce(' ' || ("
        "SELECT group_concat(t, ' ') FROM (SELECT '_c' || s.cooperation_id AS t FROM search_searchshare s "
        "WHERE s.entry_id = search_searchentry.id ORDER BY s.cooperation_id)), '') "
        "ELSE ' _rown' END"
    ),
    "postgresql": (
        "UPDATE search_searchentry SET acl = '_t' || content_type_id || CASE WHEN rule = 'shared' THEN "
        "CASE visibility WHEN 'public' THEN ' _vpublic _vsignedin' WHEN 'platform' THEN ' _vsignedin' ELSE '' END "
        "|| coalesce(' _o' || owner_id, '') || coalesce(' ' || ("
        "SELECT string_agg('_c' || s.cooperation_id, ' ' ORDER BY s.cooperation_id) "
        "FROM search_searchshare s WHERE s.entry_id = search_searchentry.id), '') "
        "ELSE ' _rown' END"
    ),
}
DROP_FTS = [
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TABLE IF EXISTS search_fts",
]


def fts_statements(columns, tokenize):
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE search_fts USING fts5({cols}, content='search_searchentry', "
        f"content_rowid='id', tokenize=\"{tokenize}\", detail=full)",
        "CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN "
        f"INSERT INTO search_fts(rowid, {cols}) VALUES (new.id, {new}); END",
        "CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN "
        f"INSERT INTO search_fts(search_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER search_fts_au AFTER UPDATE OF {cols} ON search_searchentry BEGIN "
        f"INSERT INTO search_fts(search_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO search_fts(rowid, {cols}) VALUES (new.id, {new}); END",
        "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    ]


# The columns the permission SQL reads, for lookups by id without reading the wide row.
PERMISSION_INDEX = (
    "CREATE INDEX search_entry_permission ON search_searchentry "
    "(id, rule, visibility, owner_id, content_type_id, object_id)"
)
SQLITE = [
    ADD_COLUMN,
    FILL["sqlite"],
    PERMISSION_INDEX,
    *DROP_FTS,
    *fts_statements(["title_idx", "body_idx", "acl"], "unicode61 remove_diacritics 0 tokenchars '_'"),
]
SQLITE_REVERSE = [
    *DROP_FTS,
    "DROP INDEX IF EXISTS search_entry_permission",
    "ALTER TABLE search_searchentry DROP COLUMN acl",
    *fts_statements(["title_idx", "body_idx"], "unicode61 remove_diacritics 0"),
]
POSTGRES = [ADD_COLUMN, FILL["postgresql"]]
POSTGRES_REVERSE = ["ALTER TABLE search_searchentry DROP COLUMN acl"]


def forward(apps, schema_editor):
    for sql in {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]
    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(forward, backward)],
            state_operations=[
                migrations.AddField(
                    model_name="searchentry", name="acl", field=models.TextField(blank=True)
                )
            ],
        )
    ]
