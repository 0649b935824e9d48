"""PostgreSQL: ``search_searchentry.vector`` becomes a stored generated column (title weighted
A, body B, German stemming over umlaut-folded text, as before), so the vector is written with
the row: the indexer no longer updates every row a second time, and bulk loads with ``COPY``
(``core.bulk.bulk_insert``) get their vectors too. Re-computes the vectors of existing rows
(the table is rewritten once). SQLite: nothing (FTS5 is kept in step by triggers).
"""

from django.db import migrations

VECTOR = (
    "setweight(to_tsvector('german'::regconfig, search_fold(title)), 'A') || "
    "setweight(to_tsvector('german'::regconfig, search_fold(body)), 'B')"
)
POSTGRES = [
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS vector",
    f"ALTER TABLE search_searchentry ADD COLUMN vector tsvector GENERATED ALWAYS AS ({VECTOR}) STORED",
    "CREATE INDEX search_entry_vector ON search_searchentry USING gin(vector)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS vector",
    "ALTER TABLE search_searchentry ADD COLUMN vector tsvector",
    f"UPDATE search_searchentry SET vector = {VECTOR}",
    "CREATE INDEX search_entry_vector ON search_searchentry USING gin(vector)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_REVERSE:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_facet_covering_index")]
    operations = [migrations.RunPython(forward, backward)]
