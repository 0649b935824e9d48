"""Permission tokens in the full-text index: the match narrows, the permission SQL decides."""

import importlib

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from ikonnekt.core.sharing import forget_user_caches
from ikonnekt.search import engine
from ikonnekt.search.acl import entry_tokens, user_tokens
from ikonnekt.search.engine import search
from ikonnekt.search.models import SearchEntry
from tests.factories import make


def doc(cast, visibility="private", shared_with=(), content="Kompostanlage am Gewerbegebiet", owner=None):
    from ikonnekt.documents.models import Document

    return make(
        Document,
        cast,
        owner=owner or cast.org_a,
        visibility=visibility,
        created_by=cast.a_editor,
        shared_with=list(shared_with),
        content=content,
    )


def ids(user, q, **kwargs):
    return {h.entry.object_id for h in search(user, q, **kwargs).hits}


def acl_of(obj):
    ct = ContentType.objects.get_for_model(type(obj))
    return SearchEntry.objects.get(content_type=ct, object_id=obj.pk).acl


@pytest.mark.django_db
def test_tokens_follow_owner_visibility_and_shares(cast):
    from ikonnekt.documents.models import Document

    ct = ContentType.objects.get_for_model(Document).pk
    shared = doc(cast, "cooperation", [cast.coop])
    assert acl_of(shared) == f"_t{ct} _o{cast.org_a.pk} _c{cast.coop.pk}"
    shared.visibility = "private"
    shared.save()  # the share is kept on the object but no longer counts
    assert acl_of(shared) == f"_t{ct} _o{cast.org_a.pk}"
    shared.visibility = "platform"
    shared.save()
    assert acl_of(shared) == f"_t{ct} _vsignedin _o{cast.org_a.pk}"
    shared.visibility = "public"
    shared.save()
    assert acl_of(shared) == f"_t{ct} _vpublic _vsignedin _o{cast.org_a.pk}"
    assert entry_tokens(7, "query") == "_t7 _rown"
    # the cooperation itself has its own rule (participants see it whatever its visibility)
    assert acl_of(cast.coop).endswith(" _rown")


@pytest.mark.django_db
def test_user_tokens_are_the_sharing_rule(cast):
    assert user_tokens(cast.anonymous) == ["_vpublic"]
    assert user_tokens(cast.b_viewer) == ["_vsignedin", f"_o{cast.org_b.pk}", f"_c{cast.coop.pk}"]
    assert user_tokens(cast.z_admin, own_rule=True)[-1] == "_rown"


@pytest.mark.django_db
def test_shared_then_unshared_disappears(cast):
    shared = doc(cast, "cooperation", [cast.coop])
    assert ids(cast.b_viewer, "Kompostanlage") == {shared.pk}
    shared.shared_with.remove(cast.coop)  # m2m change re-indexes the row and its tokens
    assert f"_c{cast.coop.pk}" not in acl_of(shared)
    assert ids(cast.b_viewer, "Kompostanlage") == set()
    assert search(cast.b_viewer, "Kompostanlage").total == 0
    assert ids(cast.a_viewer, "Kompostanlage") == {shared.pk}


@pytest.mark.django_db
def test_an_ended_cooperation_no_longer_shares(cast):
    shared = doc(cast, "cooperation", [cast.coop])
    assert ids(cast.b_viewer, "Kompostanlage") == {shared.pk}
    cast.coop.status = "ended"
    cast.coop.save()
    forget_user_caches(cast.b_viewer)
    assert ids(cast.b_viewer, "Kompostanlage") == set()
    assert search(cast.b_viewer, "Kompostanlage", models=["documents.document"]).facets == {}
    assert ids(cast.a_viewer, "Kompostanlage") == {shared.pk}


@pytest.mark.django_db
def test_a_user_of_another_organisation_gets_nothing(cast):
    for visibility in ("private", "cooperation"):
        doc(cast, visibility, [cast.coop] if visibility == "cooperation" else [])
    result = search(cast.z_admin, "Kompostanlage")
    assert result.hits == [] and result.total == 0 and result.facets == {}
    assert ids(cast.anonymous, "Kompostanlage") == set()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "_vsignedin",
        "vsignedin",
        "_vpublic OR Kompostanlage",
        "acl:_o1",
        "{acl}: rown",
        "_rown",
        '"_t1"',
        "Kompost* NEAR(",
        '"unbalanced',
        "-",
        "-Kompostanlage",
        "(Kompostanlage) AND _vsignedin",
        "^Kompostanlage",
        "Kompostanlage:*",
    ],
)
def test_query_syntax_cannot_reach_the_permission_tokens(cast, query):
    private = doc(cast, "private")
    result = search(cast.z_admin, query)
    assert private.pk not in {h.entry.object_id for h in result.hits}
    assert result.total == 0 or all(h.entry.object_id != private.pk for h in result.hits)


@pytest.mark.django_db
def test_permission_tokens_never_widen_what_is_shown(cast):
    """Defence in depth: a row whose tokens wrongly grant access is still refused by the
    permission SQL, in hits and facets."""
    private = doc(cast, "private")
    ct = ContentType.objects.get_for_model(type(private))
    SearchEntry.objects.filter(content_type=ct, object_id=private.pk).update(acl="_vsignedin _vpublic")
    assert ids(cast.z_admin, "Kompostanlage") == set()
    assert ids(cast.anonymous, "Kompostanlage") == set()
    assert search(cast.z_admin, "Kompostanlage").facets == {}
    assert ids(cast.a_viewer, "Kompostanlage") == {private.pk}


@pytest.mark.django_db
def test_many_refused_rows_fall_back_to_an_exact_ranking(cast):
    """When the check refuses many of the best rows (here: stale tokens granting access), the
    hits are still exactly the best permitted rows, in rank order."""
    hidden = [doc(cast, "private", content="Radweg " * 5) for _ in range(30)]
    visible = [doc(cast, "platform", content=f"Radweg {'Text ' * n}") for n in range(1, 6)]
    ct = ContentType.objects.get_for_model(type(hidden[0]))
    SearchEntry.objects.filter(content_type=ct, object_id__in=[d.pk for d in hidden]).update(acl="_vsignedin")
    hits = search(cast.z_admin, "Radweg", limit=3).hits
    assert [h.entry.object_id for h in hits] == [d.pk for d in visible[:3]]
    result = search(cast.z_admin, "Radweg", offset=3, limit=3)
    assert [h.entry.object_id for h in result.hits] == [d.pk for d in visible[3:]]
    assert result.total == 5


@pytest.mark.django_db
def test_own_rule_models_are_decided_by_their_query(cast):
    """Cooperations have their own rule: participants see them whatever their visibility."""
    from ikonnekt.cooperations.models import Cooperation

    hidden = Cooperation.objects.create(
        name="Kompostanlage Verbund", form="arbeitskreis", status="active", owner=cast.org_z
    )
    assert acl_of(hidden).endswith("_rown")
    assert hidden.pk not in ids(cast.a_viewer, "Kompostanlage Verbund")
    assert hidden.pk not in ids(cast.a_viewer, "Kompostanlage", models=["cooperations.cooperation"])
    assert hidden.pk in ids(cast.z_admin, "Kompostanlage", models=["cooperations.cooperation"])


@pytest.mark.django_db
def test_paging_matches_one_ranking(cast, monkeypatch):
    """Pages from the checked first rows, from the full ranking (deep pages) and the total
    agree with each other."""
    docs = [doc(cast, "platform", content=f"Radweg {'Text ' * n}") for n in range(12)]
    expected = [d.pk for d in docs]  # shorter documents rank higher (bm25 / ts_rank length)
    pages = [
        [h.entry.object_id for h in search(cast.b_viewer, "Radweg", limit=5, offset=o).hits]
        for o in (0, 5, 10)
    ]
    assert sum(pages, []) == expected
    if connection.vendor != "sqlite":
        return
    monkeypatch.setattr(engine, "CANDIDATE_CAP", 3)  # every page now goes the deep way
    deep = [
        [h.entry.object_id for h in search(cast.b_viewer, "Radweg", limit=5, offset=o).hits]
        for o in (0, 5, 10)
    ]
    assert deep == pages


@pytest.mark.django_db
def test_migration_fill_writes_the_indexer_tokens(cast):
    doc(cast, "cooperation", [cast.coop])
    doc(cast, "platform")
    before = dict(SearchEntry.objects.values_list("id", "acl"))
    assert len(before) >= 3 and all(before.values())
    migration = importlib.import_module("ikonnekt.search.migrations.0003_acl_tokens")
    SearchEntry.objects.update(acl="")
    with connection.cursor() as cursor:
        cursor.execute(migration.FILL[connection.vendor])
    assert dict(SearchEntry.objects.values_list("id", "acl")) == before


@pytest.mark.django_db
def test_model_filter_with_either_form_of_type_tokens(cast, monkeypatch):
    """The chosen models are named in the match or the others excluded; both give the same."""
    from ikonnekt.documents.models import File

    document = doc(cast, "platform")
    file = make(File, cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
    file.title = "Kompostanlage Akte"
    file.save()
    results = []
    monkeypatch.setattr(engine, "_type_counts", {"at": -1e9, "counts": {}})  # counted afresh
    for share in (0.0, 1.0):
        monkeypatch.setattr(engine, "TYPE_TOKEN_SHARE", share)
        results.append(
            (
                ids(cast.b_viewer, "Kompostanlage", models=["documents.document"]),
                ids(cast.b_viewer, "Kompostanlage", models=["documents.file"]),
            )
        )
    assert results[0] == results[1] == ({document.pk}, {file.pk})


@pytest.mark.django_db
def test_totals_beyond_the_checked_rows(cast):
    """More matches than the first step checks: the total is counted by the match (models
    without their own rule) or with the check (own-rule models in scope, facets)."""
    for _ in range(60):
        doc(cast, "platform", content="Radweg")
    for _ in range(10):
        doc(cast, "private", content="Radweg")
    for user, expected in ((cast.b_viewer, 60), (cast.a_viewer, 70), (cast.anonymous, 0)):
        assert search(user, "Radweg", models=["documents.document"], with_facets=False).total == expected
        assert search(user, "Radweg", with_facets=False).total == expected
        result = search(user, "Radweg")
        assert result.total == expected
        assert sum(c for _v, c in result.facets.get("organisation_name", [])) == expected
