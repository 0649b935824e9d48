"""PostgreSQL: ``search_fold`` also turns every run of characters that are not letters or digits
into a space, as the Python analyser (``search.text.tokens``) does. PostgreSQL's parser otherwise
keeps an e-mail address (``name.surname@example.org``) or a host name as one lexeme, so a search for
one of its words found nothing on PostgreSQL while SQLite found it. The stored vectors and the
title index are rebuilt once. SQLite: nothing.
"""

from django.db import migrations

FOLD = (
    "replace(replace(replace(replace(replace(replace(replace(lower(t), 'ä', 'ae'), 'ö', 'oe'), "
    "'ü', 'ue'), 'ß', 'ss'), 'Ä', 'ae'), 'Ö', 'oe'), 'Ü', 'ue')"
)


def _function(body):
    return f"CREATE OR REPLACE FUNCTION search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT {body} $$"


REBUILD = [
    "UPDATE search_searchentry SET title = title",  # recomputes the generated ``vector``
    "REINDEX INDEX search_entry_title_vector",
]
POSTGRES = [_function(f"regexp_replace({FOLD}, '[^[:alnum:]]+', ' ', 'g')"), *REBUILD]
POSTGRES_REVERSE = [_function(FOLD), *REBUILD]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_REVERSE:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_bulk_write_flag")]
    operations = [migrations.RunPython(forward, backward)]
