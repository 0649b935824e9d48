"""Issue #19: administration's advice requests become knowledge questions (one Q&A).

Every ``AdviceRequest`` is copied with its owner, visibility, cooperations shared with, author,
"closed" state and timestamps; its answers keep author, organisation and time. A request shared
with exactly one cooperation belongs to that cooperation. ``former_advice_id`` remembers the old
id (the old address redirects to the copy) and makes the copy idempotent. Plain ORM rows only,
so it runs alike on SQLite and PostgreSQL. administration 0004 deletes the advice tables after it.
"""

from django.db import migrations

from ikonnekt.knowledge.markdown_render import render_markdown


def copy_advice(apps, schema_editor):
    AdviceRequest = apps.get_model("administration", "AdviceRequest")
    AdviceAnswer = apps.get_model("administration", "AdviceAnswer")
    Question = apps.get_model("knowledge", "Question")
    Answer = apps.get_model("knowledge", "Answer")
    done = set(Question.objects.exclude(former_advice_id=None).values_list("former_advice_id", flat=True))
    for advice in AdviceRequest.objects.order_by("pk").prefetch_related("shared_with"):
        if advice.pk in done:
            continue
        cooperations = list(advice.shared_with.all())
        question = Question.objects.create(
            owner_id=advice.owner_id,
            visibility=advice.visibility,
            created_by_id=advice.created_by_id or advice.asked_by_id,
            title=advice.topic[:200],
            body=advice.question,
            body_html=render_markdown(advice.question),
            cooperation=cooperations[0] if len(cooperations) == 1 else None,
            is_closed=advice.is_closed,
            former_advice_id=advice.pk,
        )
        question.shared_with.set(cooperations)
        # auto_now / auto_now_add would stamp today: set the original times afterwards.
        Question.objects.filter(pk=question.pk).update(
            created_at=advice.created_at, updated_at=advice.updated_at
        )
        for old in AdviceAnswer.objects.filter(request_id=advice.pk).order_by("created_at", "pk"):
            answer = Answer.objects.create(
                question=question,
                author_id=old.author_id,
                author_organisation_id=old.organisation_id,
                body=old.text,
                body_html=render_markdown(old.text),
            )
            Answer.objects.filter(pk=answer.pk).update(created_at=old.created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0004_question_cooperation"),
        ("administration", "0003_usage_counts_bookings"),
    ]

    # Backwards keeps the questions (administration 0004 backwards recreates empty advice tables).
    operations = [migrations.RunPython(copy_advice, migrations.RunPython.noop)]
