"""Issue #19: knowledge 0005 copies administration's advice requests and answers into questions
before administration 0004 drops them (rows made with the historical models at the old state)."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("knowledge", "0004_question_cooperation"), ("administration", "0003_usage_counts_bookings")]
AFTER = [("knowledge", "0005_copy_advice_requests"), ("administration", "0004_delete_advice")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_advice_requests_become_knowledge_questions(cast):
    old = _migrate(BEFORE)
    try:
        AdviceRequest = old.get_model("administration", "AdviceRequest")
        AdviceAnswer = old.get_model("administration", "AdviceAnswer")
        asked = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)
        answered = datetime(2024, 3, 2, 14, 0, tzinfo=UTC)
        scoped = AdviceRequest.objects.create(
            owner_id=cast.org_a.pk,
            visibility="cooperation",
            created_by_id=cast.a_editor.pk,
            asked_by_id=cast.a_editor.pk,
            topic="Gemeinsame Vergabe Winterdienst",
            question="Wer hat *gemeinsam* ausgeschrieben?",
            is_closed=True,
        )
        scoped.shared_with.set([cast.coop.pk])
        AdviceRequest.objects.filter(pk=scoped.pk).update(created_at=asked, updated_at=answered)
        reply = AdviceAnswer.objects.create(
            request=scoped, author_id=cast.b_editor.pk, organisation_id=cast.org_b.pk, text="Wir, 2023."
        )
        AdviceAnswer.objects.filter(pk=reply.pk).update(created_at=answered)
        platform = AdviceRequest.objects.create(
            owner_id=cast.org_b.pk,
            visibility="platform",
            asked_by_id=cast.b_editor.pk,
            topic="LED-Contracting",
            question="Erfahrungen?",
        )
    finally:
        _migrate(AFTER)  # the test database ends at the newest state whatever happens

    from ikonnekt.knowledge.models import Question

    assert "administration_advicerequest" not in connection.introspection.table_names()
    copy = Question.objects.get(former_advice_id=scoped.pk)
    assert (copy.owner, copy.visibility, copy.created_by) == (cast.org_a, "cooperation", cast.a_editor)
    assert (
        copy.title == "Gemeinsame Vergabe Winterdienst" and copy.body == "Wer hat *gemeinsam* ausgeschrieben?"
    )
    assert "<em>gemeinsam</em>" in copy.body_html
    assert copy.cooperation == cast.coop and list(copy.shared_with.all()) == [cast.coop]
    assert copy.is_closed and (copy.created_at, copy.updated_at) == (asked, answered)
    answer = copy.answers.get()
    assert (answer.author, answer.author_organisation, answer.body) == (
        cast.b_editor,
        cast.org_b,
        "Wir, 2023.",
    )
    assert answer.created_at == answered and answer.body_html == "<p>Wir, 2023.</p>"
    second = Question.objects.get(former_advice_id=platform.pk)
    # no created_by: the asker is the author; shared with no cooperation: belongs to none
    assert second.created_by == cast.b_editor and second.cooperation is None and not second.is_closed
    assert second.visibility == "platform" and not second.answers.exists()
    # the one rule applies to the copies: outsiders do not see the cooperation's question
    assert copy not in Question.objects.visible_to(cast.z_admin)
    assert copy in Question.objects.visible_to(cast.b_viewer)
