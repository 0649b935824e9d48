"""Defaults and messages agree: what the message after saving says is what the others can see."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from ikonnekt.knowledge.forms import QuestionForm
from ikonnekt.knowledge.models import Question

pytestmark = pytest.mark.django_db


def _defaults(form):
    """The values a user submits who only types title and text (every other field as offered)."""
    data = {}
    for name, field in form.fields.items():
        value = form.get_initial_for_field(field, name)
        if value is None or value == []:
            continue
        data[name] = getattr(value, "pk", value)
    return data


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_new_question_is_offered_to_every_signed_in_user(cast):
    form = QuestionForm(user=cast.a_editor, active_organisation=cast.org_a)
    assert form.get_initial_for_field(form.fields["visibility"], "visibility") == "platform"


def test_question_with_the_offered_defaults_is_seen_by_colleagues_and_the_message_says_so(cast, client_for):
    client = client_for(cast.a_editor)
    form = QuestionForm(user=cast.a_editor, active_organisation=cast.org_a)
    data = _defaults(form) | {"title": "Wer hat Grüngut gemeinsam verwertet?", "body": "Erfahrungen?"}
    response = client.post(reverse("knowledge:question_create"), data)
    assert response.status_code == 302
    question = Question.objects.get(title__startswith="Wer hat Grüngut")
    assert question.visibility == "platform"
    (message,) = _messages(response)
    assert "angemeldeten" in message and "veröffentlicht" not in message
    # a colleague of the partner organisation in the cooperation and an outsider both can read it
    for user in (cast.b_editor, cast.z_admin):
        assert client_for(user).get(question.get_absolute_url()).status_code == 200


def test_private_question_message_says_only_own_organisation(cast, client_for):
    client = client_for(cast.a_editor)
    form = QuestionForm(user=cast.a_editor, active_organisation=cast.org_a)
    data = _defaults(form) | {"title": "Interne Frage?", "body": "…", "visibility": "private"}
    response = client.post(reverse("knowledge:question_create"), data)
    question = Question.objects.get(title="Interne Frage?")
    (message,) = _messages(response)
    assert f"nur Mitglieder von {cast.org_a.name}" in message and "veröffentlicht" not in message
    assert client_for(cast.b_editor).get(question.get_absolute_url()).status_code == 404


def test_answer_form_says_who_sees_the_answer():
    from ikonnekt.knowledge.forms import AnswerForm

    assert "Frage sehen" in str(AnswerForm().fields["body"].help_text)


def test_generic_create_message_names_the_audience(cast, client_for):
    """Every SharedCreateView: the success message names who sees the new object."""
    from ikonnekt.core.audience import saved_message
    from tests.market.factories import make_cycle

    cycle = make_cycle(cast, owner=cast.org_a, visibility="cooperation", shared_with=[cast.coop])
    assert cast.coop.name in saved_message(cycle)
    private = make_cycle(cast, owner=cast.org_a, visibility="private")
    assert saved_message(private).startswith("Gespeichert. Wer es sieht: nur Mitglieder von")
