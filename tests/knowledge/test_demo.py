import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from ikonnekt.core.models import AuditLog
from ikonnekt.knowledge.models import Answer, Article, ArticleFile, ArticleRevision, Comment, Question

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_transfer_municipalities_read_shared_articles():
    call_command("load_demo", "--only", "knowledge", stdout=open("/dev/null", "w"))
    counts = (Article.objects.count(), ArticleRevision.objects.count(), Question.objects.count(),
              Answer.objects.count(), Comment.objects.count(), ArticleFile.objects.count(),
              AuditLog.objects.count())  # fmt: skip
    call_command("load_demo", "--only", "knowledge", stdout=open("/dev/null", "w"))
    assert counts == (Article.objects.count(), ArticleRevision.objects.count(), Question.objects.count(),
                      Answer.objects.count(), Comment.objects.count(), ArticleFile.objects.count(),
                      AuditLog.objects.count())  # fmt: skip
    assert counts[5] == 2
    chart = ArticleFile.objects.get(kind="image")
    assert chart.get_absolute_url() in chart.article.body_html and chart.article.reviewed
    assert counts[0] == 5 and counts[2] == 4
    # the former advice request of joint administration: a question of the transfer cooperation
    winter = Question.objects.get(title="Gemeinsame Vergabe Winterdienst (Demo)")
    assert winter.cooperation.name.startswith("KONNEKT-Transfer") and winter.visibility == "platform"
    assert winter.answers.get().author_organisation.slug == "nalbach"
    # a database whose advice request was copied by the migration (no cooperation): the demo adds it
    Question.objects.filter(pk=winter.pk).update(cooperation=None, is_demo=False)
    call_command("load_demo", "--only", "knowledge", stdout=open("/dev/null", "w"))
    winter.refresh_from_db()
    assert winter.cooperation.name.startswith("KONNEKT-Transfer") and winter.is_demo
    assert Question.objects.count() == 4
    users = get_user_model().objects
    erfurt = users.get(username="erfurt-viewer")
    titles = set(Article.objects.visible_to(erfurt).values_list("title", flat=True))
    assert any("Grüngutverwertung" in t for t in titles)
    assert any("Personalstelle" in t for t in titles)
    assert any("EVS" in t for t in titles)
    # A municipality outside the transfer network and the working group sees only the public one.
    bous = users.get(username="bous-viewer")
    assert list(Article.objects.visible_to(bous).values_list("visibility", flat=True)) == ["public"]
    assert all(a.is_demo for a in Article.objects.all())
