"""Engine-specific full-text structures.

SQLite: an FTS5 table over ``title_idx``/``body_idx`` (external content: the text lives once,
in ``search_searchentry``) kept in sync by triggers, so the index changes in the same
transaction as the row. PostgreSQL: a weighted ``tsvector`` column with a GIN index and an
immutable folding function (ä→ae, ö→oe, ü→ue, ß→ss) used before German stemming.
"""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title_idx, body_idx, content='search_searchentry', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0', detail=full)",
    "CREATE TRIGGER IF NOT EXISTS search_fts_ai AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_fts(rowid, title_idx, body_idx) VALUES (new.id, new.title_idx, new.body_idx); END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_ad AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_idx, body_idx) "
    "VALUES ('delete', old.id, old.title_idx, old.body_idx); END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_au AFTER UPDATE OF title_idx, body_idx ON search_searchentry BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_idx, body_idx) "
    "VALUES ('delete', old.id, old.title_idx, old.body_idx); "
    "INSERT INTO search_fts(rowid, title_idx, body_idx) VALUES (new.id, new.title_idx, new.body_idx); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES = [
    "CREATE OR REPLACE FUNCTION search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ "
    "SELECT replace(replace(replace(replace(replace(replace(replace(lower(t), 'ä', 'ae'), 'ö', 'oe'), "
    "'ü', 'ue'), 'ß', 'ss'), 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue') $$",
    "ALTER TABLE search_searchentry ADD COLUMN IF NOT EXISTS vector tsvector",
    "CREATE INDEX IF NOT EXISTS search_entry_vector ON search_searchentry USING gin(vector)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS vector",
    "DROP FUNCTION IF EXISTS search_fold(text)",
]


def forward(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}.get(
        schema_editor.connection.vendor, []
    )
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
