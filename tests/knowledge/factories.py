from django.core.files.base import ContentFile

from ikonnekt.knowledge.markdown_render import render_markdown
from ikonnekt.knowledge.models import Article, ArticleFile, ArticleRevision, Question
from tests.factories import factory


@factory(Article)
def make_article(cast, *, owner, visibility="private", created_by=None, shared_with=(), **fields):
    body = fields.pop("body", "## Ablauf\n\nGemeinsam sammeln spart Fahrten.")
    article = Article.objects.create(
        title=fields.pop("title", f"Testartikel {Article.objects.count() + 1}"),
        kind=fields.pop("kind", "good_practice"),
        summary=fields.pop("summary", "Kurzfassung"),
        body=body,
        body_html=render_markdown(body),
        owner=owner,
        visibility=visibility,
        created_by=created_by,
        **fields,
    )
    article.shared_with.set(shared_with)
    ArticleRevision.objects.create(
        article=article, number=1, title=article.title, body=body, author=created_by
    )
    return article


@factory(Question)
def make_question(cast, *, owner, visibility="private", created_by=None, shared_with=(), **fields):
    question = Question.objects.create(
        title=fields.pop("title", f"Hat jemand schon X gemacht? {Question.objects.count() + 1}"),
        body=fields.pop("body", "Details"),
        owner=owner,
        visibility=visibility,
        created_by=created_by,
        **fields,
    )
    question.shared_with.set(shared_with)
    return question


@factory(ArticleRevision)
def make_revision(cast, **kwargs):
    """The first revision, saved with the article."""
    return make_article(cast, **kwargs).revisions.get(number=1)


@factory(ArticleFile)
def make_article_file(cast, **kwargs):
    article = make_article(cast, **kwargs)
    item = ArticleFile(article=article, kind="attachment", name="plan.txt", content_type="text/plain", size=4)
    item.file.save("plan.txt", ContentFile(b"plan"), save=False)
    item.save()
    return item
