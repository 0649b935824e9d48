"""Questions and answers: ask, answer, accept, turn into an article."""

import pytest
from django.urls import reverse

from ikonnekt.knowledge.models import Answer, Article, Question
from tests.knowledge.factories import make_question

pytestmark = pytest.mark.django_db


def test_ask_answer_accept_and_turn_into_article(cast, client_for):
    asker = client_for(cast.a_editor)
    response = asker.post(
        reverse("knowledge:question_create"),
        {
            "title": "Hat jemand Grüngut gemeinsam verwertet?",
            "body": "Wie habt ihr die Kosten verteilt?",
            "tag_names": "Grüngut",
            "owner": cast.org_a.pk,
            "visibility": "cooperation",
            "shared_with": [cast.coop.pk],
        },
    )
    question = Question.objects.get()
    assert response["Location"] == question.get_absolute_url()
    # Outsiders neither see nor answer it.
    assert client_for(cast.z_admin).get(question.get_absolute_url()).status_code == 404
    assert (
        client_for(cast.z_admin)
        .post(reverse("knowledge:answer_add", args=[question.pk]), {"body": "x"})
        .status_code
        == 404
    )
    # A partner's viewer answers.
    client_for(cast.b_viewer).post(
        reverse("knowledge:answer_add", args=[question.pk]), {"body": "Nach **Menge**."}
    )
    answer = Answer.objects.get()
    assert answer.author == cast.b_viewer and "<strong>Menge</strong>" in answer.body_html
    # The partner cannot accept, the asker can.
    url = reverse("knowledge:answer_accept", args=[question.pk, answer.pk])
    assert client_for(cast.b_editor).post(url).status_code == 403
    client_for(cast.a_editor).post(url)
    question.refresh_from_db()
    assert question.accepted_answer == answer
    # Turn into an article: same owner and sharing, the accepted answer in the text, unreviewed.
    response = client_for(cast.a_editor).post(reverse("knowledge:question_to_article", args=[question.pk]))
    article = Article.objects.get()
    assert response["Location"] == reverse("knowledge:edit", args=[article.pk])
    assert article.from_question == question and not article.reviewed
    assert article.owner == cast.org_a and list(article.shared_with.all()) == [cast.coop]
    assert "Nach **Menge**." in article.body and [t.name for t in article.tags.all()] == ["Grüngut"]
    page = client_for(cast.b_viewer).get(question.get_absolute_url()).content.decode()
    assert article.title in page


def test_question_without_answers_cannot_become_an_article(cast, client_for):
    question = make_question(cast, owner=cast.org_a, created_by=cast.a_editor)
    response = client_for(cast.a_editor).post(
        reverse("knowledge:question_to_article", args=[question.pk]), follow=True
    )
    assert not Article.objects.exists()
    assert response.status_code == 200


def test_answer_from_another_question_cannot_be_accepted(cast, client_for):
    q1 = make_question(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
    q2 = make_question(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
    client_for(cast.b_viewer).post(reverse("knowledge:answer_add", args=[q2.pk]), {"body": "Antwort"})
    answer = Answer.objects.get()
    assert (
        client_for(cast.a_editor)
        .post(reverse("knowledge:answer_accept", args=[q1.pk, answer.pk]))
        .status_code
        == 404
    )


def test_empty_answer_is_refused(cast, client_for):
    question = make_question(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
    client_for(cast.z_admin).post(reverse("knowledge:answer_add", args=[question.pk]), {"body": "   "})
    assert not Answer.objects.exists()


def test_question_list_shows_answer_counts(cast, client_for):
    question = make_question(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
    client_for(cast.z_admin).post(reverse("knowledge:answer_add", args=[question.pk]), {"body": "Ja"})
    response = client_for(cast.b_viewer).get(reverse("knowledge:questions"))
    assert [(q.title, q.answer_count) for q in response.context["object_list"]] == [(question.title, 1)]


def test_closed_question_takes_no_answers(cast, client_for):
    question = make_question(cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor)
    Question.objects.filter(pk=question.pk).update(is_closed=True)
    client = client_for(cast.z_admin)
    page = client.get(question.get_absolute_url()).content.decode()
    assert 'id="answer-form"' not in page
    assert "geschlossen und nimmt keine Antworten mehr an" in page
    response = client.post(
        reverse("knowledge:answer_add", args=[question.pk]), {"body": "Late answer"}, follow=True
    )
    assert "geschlossen und nimmt keine Antworten mehr an" in response.content.decode()
    api = client.post(
        reverse("api:knowledge-question-answer", args=[question.pk]),
        {"body": "Late"},
        content_type="application/json",
    )
    assert api.status_code == 400
    assert "body" in api.json()
    assert not Answer.objects.exists()


def test_editing_keeps_a_cooperation_the_editor_cannot_see(cast, client_for):
    from ikonnekt.cooperations.models import Cooperation, Participation

    hidden = Cooperation.objects.create(
        name="Verborgene Kooperation B–Z",
        form="zweckvereinbarung",
        status="active",
        owner=cast.org_b,
        visibility="private",
        created_by=cast.b_editor,
    )
    Participation.objects.create(cooperation=hidden, organisation=cast.org_b, part="lead")
    question = make_question(
        cast, owner=cast.org_a, visibility="platform", created_by=cast.a_editor, cooperation=hidden
    )
    client = client_for(cast.a_editor)
    page = client.get(reverse("knowledge:question_edit", args=[question.pk])).content.decode()
    assert "Verborgene Kooperation" not in page
    response = client.post(
        reverse("knowledge:question_edit", args=[question.pk]),
        {"title": "Neuer Titel?", "body": "Details", "owner": cast.org_a.pk, "visibility": "platform"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    question.refresh_from_db()
    assert question.title == "Neuer Titel?"
    assert question.cooperation_id == hidden.pk
