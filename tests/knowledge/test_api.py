"""The API goes through the same rule and action functions as the pages."""

import pytest
from django.urls import reverse

from ikonnekt.core.models import AuditLog
from ikonnekt.knowledge.models import Answer, Article
from tests.knowledge.factories import make_article, make_question

pytestmark = pytest.mark.django_db


def test_create_article_via_api(cast, client_for):
    client = client_for(cast.a_editor)
    response = client.post(
        reverse("api:knowledge-article-list"),
        {
            "title": "Per API",
            "kind": "guide",
            "body": "# Titel\n<script>alert(1)</script>",
            "tags": ["Grüngut", "API"],
            "sdgs": [12],
            "goals": ["resources"],
            "links": [{"label": "Heizwerk", "url": "/cooperations/"}],
            "owner": cast.org_a.pk,
            "visibility": "platform",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["tags"] == ["API", "Grüngut"] or sorted(data["tags"]) == ["API", "Grüngut"]
    assert "<script" not in data["body_html"] and data["sdgs"] == [12]
    assert data["links"] == [{"label": "Heizwerk", "url": "/cooperations/"}]
    article = Article.objects.get()
    assert article.revisions.count() == 1
    assert AuditLog.objects.filter(action="create", object_id=str(article.pk)).exists()


def test_bad_link_via_api_is_refused_and_nothing_stored(cast, client_for):
    response = client_for(cast.a_editor).post(
        reverse("api:knowledge-article-list"),
        {"title": "x", "owner": cast.org_a.pk, "links": [{"url": "javascript:alert(1)"}]},
        content_type="application/json",
    )
    assert response.status_code == 400 and "links" in response.json()
    assert not Article.objects.exists()


def test_update_via_api_adds_revision_and_diff(cast, client_for):
    article = make_article(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
    client = client_for(cast.a_editor)
    response = client.patch(
        reverse("api:knowledge-article-detail", args=[article.pk]),
        {"body": "Neuer Text", "note": "API"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    revisions = client.get(reverse("api:knowledge-article-revisions", args=[article.pk])).json()
    assert [r["number"] for r in revisions] == [2, 1] and revisions[0]["note"] == "API"
    diff = client.get(reverse("api:knowledge-article-revision-diff", args=[article.pk, 2])).json()
    assert "+Neuer Text" in diff["diff"] and diff["from"] == 1
    assert (
        client_for(cast.b_editor)
        .patch(
            reverse("api:knowledge-article-detail", args=[article.pk]),
            {"body": "x"},
            content_type="application/json",
        )
        .status_code
        == 403
    )


def test_comments_and_votes_via_api(cast, client_for):
    article = make_article(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
    client = client_for(cast.z_admin)
    response = client.post(
        reverse("api:knowledge-article-comments", args=[article.pk]),
        {"text": "Danke"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()[0]["text"] == "Danke"
    assert client.post(reverse("api:knowledge-article-helpful", args=[article.pk])).json() == {
        "voted": True,
        "count": 1,
    }
    hidden = make_article(cast, owner=cast.org_a, visibility="private")
    assert client.post(reverse("api:knowledge-article-helpful", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("api:knowledge-article-comments", args=[hidden.pk])).status_code == 404


def test_question_answer_accept_via_api(cast, client_for):
    question = make_question(
        cast, owner=cast.org_a, visibility="cooperation", created_by=cast.a_editor, shared_with=[cast.coop]
    )
    response = client_for(cast.b_viewer).post(
        reverse("api:knowledge-question-answer", args=[question.pk]),
        {"body": "So!"},
        content_type="application/json",
    )
    assert response.status_code == 201
    answer = Answer.objects.get()
    assert (
        client_for(cast.b_editor)
        .post(
            reverse("api:knowledge-question-accept", args=[question.pk]),
            {"answer": answer.pk},
            content_type="application/json",
        )
        .status_code
        == 403
    )
    response = client_for(cast.a_editor).post(
        reverse("api:knowledge-question-accept", args=[question.pk]),
        {"answer": answer.pk},
        content_type="application/json",
    )
    assert response.json()["accepted_answer"] == answer.pk
    response = client_for(cast.a_editor).post(
        reverse("api:knowledge-question-to-article", args=[question.pk])
    )
    assert response.status_code == 201 and response.json()["from_question"] == question.pk


def test_api_list_hides_invisible_and_names_only_visible_cooperations(cast, client_for):
    from ikonnekt.cooperations.models import Cooperation

    article = make_article(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
    make_article(cast, owner=cast.org_a, visibility="private")
    article.cooperations.set([cast.coop])
    data = client_for(cast.z_admin).get(reverse("api:knowledge-article-list")).json()
    results = data["results"] if isinstance(data, dict) else data
    assert [a["id"] for a in results] == [article.pk]
    assert results[0]["cooperations"] == []
    assert Cooperation.objects.count() == 1


def test_openapi_schema_lists_the_endpoints(cast, client_for):
    response = client_for(cast.a_viewer).get(reverse("schema"))
    text = response.content.decode()
    assert "/api/v1/knowledge/articles/" in text and "/api/v1/knowledge/questions/{id}/to-article/" in text


def test_api_list_query_count_does_not_grow_with_articles(cast, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(cast.b_viewer)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("api:knowledge-article-list")).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(2):
        a = make_article(cast, owner=cast.org_a, visibility="platform")
        a.cooperations.set([cast.coop])
    few = count()
    for _ in range(10):
        a = make_article(cast, owner=cast.org_a, visibility="cooperation", shared_with=[cast.coop])
        a.cooperations.set([cast.coop])
    assert count() == few
