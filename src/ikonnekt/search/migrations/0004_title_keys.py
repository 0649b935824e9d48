"""Hits with a search term in the title come first (see ``ikonnekt.search.engine``).

SQLite: adds ``search_searchentry.title_keys`` (the title's index tokens marked with ``_ti_``,
:func:`ikonnekt.search.text.title_keys`), fills it from the stored ``title_idx`` and re-creates
the FTS5 table with it as a fourth column (19 s for 100,000 entries on the benchmark machine; no need to run
``rebuild_search_index``). PostgreSQL: the column (filled alike, unused) and a GIN index on the
title's tsvector, which finds the title tier without reading every matching row.
"""

from django.db import migrations, models

ADD_COLUMN = "ALTER TABLE search_searchentry ADD COLUMN title_keys text NOT NULL DEFAULT ''"
FILL = (
    "UPDATE search_searchentry SET title_keys = CASE WHEN title_idx = '' THEN '' "
    "ELSE '_ti_' || replace(title_idx, ' ', ' _ti_') END"
)
DROP_FTS = [
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TABLE IF EXISTS search_fts",
]


def fts_statements(columns):
    """The FTS5 table over ``columns`` of ``search_searchentry``, its triggers and its build."""
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE search_fts USING fts5({cols}, content='search_searchentry', "
        "content_rowid='id', tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\", detail=full)",
        "CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN "
        f"INSERT INTO search_fts(rowid, {cols}) VALUES (new.id, {new}); END",
        "CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN "
        f"INSERT INTO search_fts(search_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER search_fts_au AFTER UPDATE OF {cols} ON search_searchentry BEGIN "
        f"INSERT INTO search_fts(search_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO search_fts(rowid, {cols}) VALUES (new.id, {new}); END",
        "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    ]


SQLITE = [ADD_COLUMN, FILL, *DROP_FTS, *fts_statements(["title_idx", "body_idx", "acl", "title_keys"])]
SQLITE_REVERSE = [
    *DROP_FTS,
    "ALTER TABLE search_searchentry DROP COLUMN title_keys",
    *fts_statements(["title_idx", "body_idx", "acl"]),
]
TITLE_INDEX = "search_entry_title_vector"
POSTGRES = [
    ADD_COLUMN,
    FILL,
    f"CREATE INDEX {TITLE_INDEX} ON search_searchentry USING gin (to_tsvector('german', search_fold(title)))",
]
POSTGRES_REVERSE = [f"DROP INDEX IF EXISTS {TITLE_INDEX}", "ALTER TABLE search_searchentry DROP COLUMN title_keys"]


def forward(apps, schema_editor):
    for sql in {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_acl_tokens")]
    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(forward, backward)],
            state_operations=[
                migrations.AddField(
                    model_name="searchentry", name="title_keys", field=models.TextField(blank=True)
                )
            ],
        )
    ]
