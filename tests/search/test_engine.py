import pytest
from django.db import connection

from ikonnekt.documents.models import Document
from ikonnekt.search import indexer
from ikonnekt.search.engine import search
from tests.factories import make


@pytest.fixture
def docs(cast):
    from ikonnekt.documents.models import Document

    private = make(
        Document,
        cast,
        owner=cast.org_a,
        visibility="private",
        created_by=cast.a_editor,
        content="Grünschnitt der Gemeinde A",
    )
    shared = make(
        Document,
        cast,
        owner=cast.org_a,
        visibility="cooperation",
        created_by=cast.a_editor,
        shared_with=[cast.coop],
        content="Grünschnitt geteilt",
    )
    public = make(
        Document,
        cast,
        owner=cast.org_b,
        visibility="public",
        created_by=cast.b_editor,
        content="Gewerbegebiete im Kreis",
    )
    return private, shared, public


def ids(user, q):
    return {h.entry.object_id for h in search(user, q).hits}


@pytest.mark.django_db
def test_results_follow_the_sharing_rule(cast, docs):
    private, shared, public = docs
    assert ids(cast.a_viewer, "Gruenschnitt") == {private.pk, shared.pk}
    assert ids(cast.b_viewer, "Gruenschnitt") == {shared.pk}
    assert ids(cast.z_admin, "Gruenschnitt") == set()
    assert ids(cast.anonymous, "Gewerbegebiet") == {public.pk}


@pytest.mark.django_db
def test_visibility_change_updates_the_index_in_the_same_transaction(cast, docs):
    private, _shared, _public = docs
    private.visibility = "platform"
    private.save()
    assert private.pk in ids(cast.z_admin, "Grünschnitt")


@pytest.mark.django_db
def test_deleted_and_trashed_objects_leave_the_index(cast, docs):
    private, shared, _public = docs
    private.delete()
    shared.deleted_at = shared.created_at
    shared.save()
    assert ids(cast.a_admin, "Grünschnitt") == set()


@pytest.mark.django_db
def test_title_ranks_above_body(cast):
    from ikonnekt.documents.models import Document

    body = make(Document, cast, owner=cast.org_a, created_by=cast.a_editor, content="Kompost Kompost")
    title = make(Document, cast, owner=cast.org_a, created_by=cast.a_editor, content="anderes")
    title.title = "Kompostplatz Kompost"
    title.save()
    hits = search(cast.a_admin, "Kompost").hits
    assert [h.entry.object_id for h in hits][:2] == [title.pk, body.pk]


@pytest.mark.django_db
def test_facets_and_filters(cast, docs):
    result = search(cast.a_admin, "Grünschnitt")
    assert dict(result.facets["organisation_name"]) == {"Gemeinde A": 2}
    assert search(cast.a_admin, "Grünschnitt", filters={"organisation_name": "Stadt B"}).total == 0


@pytest.mark.django_db
def test_rebuild_restores_a_wiped_index(cast, docs):
    from ikonnekt.search.models import SearchEntry

    SearchEntry.objects.all().delete()
    assert ids(cast.a_admin, "Grünschnitt") == set()
    indexer.rebuild()
    assert len(ids(cast.a_admin, "Grünschnitt")) == 2


@pytest.mark.django_db
def test_rebuilt_rows_are_found_and_changed_like_indexed_ones(cast, docs):
    """The rebuild writes FTS5 rows itself (SQLite, the insert trigger skips them while the
    flag row exists): the flag is gone afterwards, and a rebuilt row is updated and removed
    through the triggers like any other."""
    indexer.rebuild()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM search_bulkwrite")
            assert cursor.fetchone()[0] == 0
    found = ids(cast.a_admin, "Grünschnitt")
    assert len(found) == 2
    first = Document.objects.get(pk=min(found))
    first.title = "Kompostwerk Nord"
    first.content = "Kompost"
    first.save()
    assert ids(cast.a_admin, "Grünschnitt") == found - {first.pk}
    assert ids(cast.a_admin, "Kompostwerk") == {first.pk}


@pytest.mark.django_db
def test_rebuild_builds_the_gin_indexes_again_after_the_rows(cast, docs):
    """PostgreSQL: a rebuild of (nearly) all rows drops the GIN indexes and creates them again
    from the same definitions once the rows are in; a rebuild of a small share keeps them."""
    if connection.vendor != "postgresql":
        pytest.skip("GIN indexes are PostgreSQL's")
    before = indexer._gin_indexes()
    assert {name for name, _d in before} == {"search_entry_title_vector", "search_entry_vector"}
    executed = []

    def record(execute, sql, *args):
        executed.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(record):
        indexer.rebuild()
    assert indexer._gin_indexes() == before
    assert [sql for sql in executed if sql.startswith("CREATE INDEX")] == [d for _n, d in before]
    assert len(ids(cast.a_admin, "Grünschnitt")) == 2
    assert ids(cast.a_admin, "Gewerbegebiete")  # the public one
    # other types outnumber the documents: a rebuild of the documents alone keeps the indexes
    from django.contrib.auth.models import Group

    from ikonnekt.search.models import SearchEntry

    ct = indexer.ContentType.objects.get_for_model(Group)  # not indexed: its rows stay
    SearchEntry.objects.bulk_create(
        [SearchEntry(content_type=ct, object_id=i, title="x", body="y") for i in range(1000)]
    )
    executed.clear()
    with connection.execute_wrapper(record):
        indexer.rebuild(keys=["documents.document"])
    assert not [sql for sql in executed if sql.startswith(("CREATE INDEX", "DROP INDEX"))]
    assert len(ids(cast.a_admin, "Grünschnitt")) == 2


@pytest.mark.django_db
def test_search_page_and_api(cast, client_for, docs):
    client = client_for(cast.b_viewer)
    page = client.get("/search/?q=Gruenschnitt")
    assert page.status_code == 200 and b"<mark>" in page.content
    data = client.get("/api/v1/search/?q=Gr%C3%BCnschnitt").json()
    assert data["total"] == 1
    bad = client.get("/api/v1/search/?q=%22NEAR(").json()
    assert bad["total"] == 0 and bad["notes"]


def test_every_facet_has_a_label_and_choice_values_read_as_words():
    from django.utils import translation

    from ikonnekt.search.views import facet_display, facet_labels

    with translation.override("de"):
        labels = facet_labels()
        assert [name for name, label in labels.items() if str(label) == name] == []
        assert facet_display("status", "in_force") == "in Kraft"
        assert facet_display("kind", "minutes") == "Protokoll"
        assert facet_display("year", "2026") == "2026"  # not a choice: shown as stored
