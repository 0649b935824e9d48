"""Hits with a search term in the title come first; each tier is ranked by relevance.

Runs on SQLite (title keys in the FTS5 index) and PostgreSQL (GIN index on the title's
tsvector) alike."""

import importlib

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from ikonnekt.search import engine
from ikonnekt.search.engine import search
from ikonnekt.search.models import SearchEntry
from ikonnekt.search.text import fts5_in_title, parse_query, title_keys, tsquery_any
from tests.factories import make

pytestmark = pytest.mark.django_db


def doc(cast, title, content, visibility="platform", owner=None):
    from ikonnekt.documents.models import Document

    document = make(
        Document, cast, owner=owner or cast.org_a, visibility=visibility, created_by=cast.a_editor
    )
    document.title = title
    document.content = content
    document.save()
    return document


def hit_ids(user, q, **kwargs):
    return [h.entry.object_id for h in search(user, q, **kwargs).hits]


def test_a_title_hit_ranks_above_any_text_hit(cast):
    # A short text full of the word would win on relevance alone against a long title.
    text = doc(cast, "Protokoll", "Radweg Radweg Radweg Radweg")
    title = doc(
        cast, "Bericht über den neuen Radweg an der Saar mit vielen Worten im Betreff", "Anlage " * 300
    )
    assert hit_ids(cast.b_viewer, "Radweg") == [title.pk, text.pk]


def test_each_tier_is_ranked_and_pages_run_across_the_tiers(cast):
    titles = [doc(cast, f"Radweg {'Zusatz ' * n}", "Inhalt") for n in range(3)]  # shorter first
    texts = [doc(cast, "Protokoll", f"Radweg {'Text ' * n}") for n in range(4)]
    expected = [d.pk for d in titles + texts]
    pages = [hit_ids(cast.b_viewer, "Radweg", limit=2, offset=o) for o in (0, 2, 4, 6)]
    assert sum(pages, []) == expected
    result = search(cast.b_viewer, "Radweg", limit=2, offset=2)
    assert result.total == 7
    if connection.vendor == "sqlite":  # the deep way (step 2 in each tier) gives the same pages
        engine_cap = engine.CANDIDATE_CAP
        try:
            engine.CANDIDATE_CAP = 1
            deep = [hit_ids(cast.b_viewer, "Radweg", limit=2, offset=o) for o in (0, 2, 4, 6)]
        finally:
            engine.CANDIDATE_CAP = engine_cap
        assert deep == pages


def test_every_term_must_occur_and_excluded_terms_apply_in_both_tiers(cast):
    both = doc(cast, "Radweg am Kreisel", "Förderung beantragt")
    only_title = doc(cast, "Radweg Nord", "ohne Geld")
    excluded = doc(cast, "Radweg Süd", "Förderung abgelehnt")
    in_text = doc(cast, "Protokoll", "Radweg und Förderung")
    assert hit_ids(cast.b_viewer, "Radweg Förderung -abgelehnt") == [both.pk, in_text.pk]
    assert only_title.pk not in hit_ids(cast.b_viewer, "Radweg Förderung")
    assert excluded.pk in hit_ids(cast.b_viewer, "Radweg Förderung")


def test_prefix_and_phrase_terms_find_the_title_tier(cast):
    title = doc(cast, "Gelbe Tonne: Abfuhrplan", "Termine")
    text = doc(cast, "Protokoll", "Die gelbe Tonne und der Abfuhrplan")
    assert hit_ids(cast.b_viewer, '"gelbe Tonne"') == [title.pk, text.pk]
    assert hit_ids(cast.b_viewer, "Abfuhr*") == [title.pk, text.pk]


def test_the_title_tier_follows_the_sharing_rule(cast):
    hidden = doc(cast, "Radweg geheim", "Inhalt", visibility="private")
    shown = doc(cast, "Protokoll", "Radweg")
    assert hit_ids(cast.b_viewer, "Radweg") == [shown.pk]
    assert hit_ids(cast.a_viewer, "Radweg") == [hidden.pk, shown.pk]


def test_paging_beyond_the_limit_is_refused_with_a_note(cast):
    doc(cast, "Radweg", "Inhalt")
    result = search(cast.b_viewer, "Radweg", offset=engine.MAX_DEPTH)
    assert result.hits == [] and result.notes


def test_query_expressions_for_the_title():
    parsed = parse_query('"gelbe Tonne" Kompost* -Rechnung')
    assert fts5_in_title(parsed) == '("_ti_gelb _ti_tonn" OR "_ti_kompost"*)'
    assert tsquery_any(parsed) == "(gelbe <-> tonne) | kompost:*"
    assert title_keys("gelb tonn") == "_ti_gelb _ti_tonn" and title_keys("") == ""


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="PostgreSQL analyses title and body itself: the indexer leaves the analysed columns empty",
)
def test_migration_fill_writes_the_indexer_title_keys(cast):
    doc(cast, "Grünschnitt-Sammlung 2026", "Inhalt")
    ct = ContentType.objects.get(app_label="documents", model="document")
    before = dict(SearchEntry.objects.filter(content_type=ct).values_list("id", "title_keys"))
    assert all(before.values())
    migration = importlib.import_module("ikonnekt.search.migrations.0004_title_keys")
    SearchEntry.objects.update(title_keys="")
    with connection.cursor() as cursor:
        cursor.execute(migration.FILL)
    assert dict(SearchEntry.objects.filter(content_type=ct).values_list("id", "title_keys")) == before
