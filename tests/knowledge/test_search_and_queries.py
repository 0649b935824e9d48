"""Global search finds articles through the sharing rule; list pages have a constant query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ikonnekt.knowledge.models import Tag
from ikonnekt.search.engine import search_all
from tests.knowledge.factories import make_article, make_question

pytestmark = pytest.mark.django_db


def test_search_finds_visible_articles_and_questions_only(cast):
    make_article(
        cast, owner=cast.org_a, visibility="cooperation", shared_with=[cast.coop], title="Biomasse-Heizwerk"
    )
    make_article(cast, owner=cast.org_a, visibility="private", title="Biomasse intern")
    make_question(cast, owner=cast.org_a, visibility="platform", title="Wer hat ein Biomasse-Heizwerk?")
    partner = {h["title"] for g in search_all(cast.b_viewer, "biomasse") for h in g["hits"]}
    assert partner == {"Biomasse-Heizwerk", "Wer hat ein Biomasse-Heizwerk?"}
    outsider = {h["title"] for g in search_all(cast.z_admin, "biomasse") for h in g["hits"]}
    assert outsider == {"Wer hat ein Biomasse-Heizwerk?"}


def test_search_page_links_to_the_article(cast, client_for):
    article = make_article(cast, owner=cast.org_a, visibility="platform", title="Kriterienkatalog Gewerbe")
    html = client_for(cast.z_admin).get(reverse("search:results"), {"q": "Kriterienkatalog"}).content.decode()
    assert article.get_absolute_url() in html


def _list_queries(client, **params):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("knowledge:list"), params).status_code == 200
    return len(ctx.captured_queries)


def test_list_page_query_count_does_not_grow_with_articles(cast, client_for):
    client = client_for(cast.b_viewer)
    client.get("/")  # the CSRF cookie a browser holds after its first page
    tags = Tag.for_names(["Grüngut", "Wärme", "Personal"])
    for i in range(3):
        a = make_article(cast, owner=cast.org_a, visibility="platform")
        a.tags.set(tags[: i + 1])
        a.sdgs.set([7, 12])
    few = _list_queries(client)
    filtered_few = _list_queries(client, tag="grungut", sdg=7)
    for i in range(25):
        a = make_article(cast, owner=cast.org_a, visibility="cooperation", shared_with=[cast.coop])
        a.tags.set(tags)
        a.sdgs.set([i % 17 + 1])
    many = _list_queries(client)
    assert many == few
    assert _list_queries(client, tag="grungut", sdg=7) == filtered_few


def test_detail_page_query_count_does_not_grow_with_comments(cast, client_for):
    from ikonnekt.core.audit import Actor
    from ikonnekt.knowledge import actions

    article = make_article(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
    client = client_for(cast.b_viewer)
    actions.add_comment(Actor(user=cast.z_admin), article, "eins")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(article.get_absolute_url())
        return len(ctx.captured_queries)

    few = count()
    for i in range(10):
        actions.add_comment(Actor(user=cast.b_viewer), article, f"Kommentar {i}")
    assert count() == few
