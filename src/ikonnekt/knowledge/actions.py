"""Every change in the knowledge base: permission check + write + audit in one transaction.

Pages, the API and the demo loader call these functions, so they behave identically.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ikonnekt.core import actions as core_actions
from ikonnekt.core import audit
from ikonnekt.core.audit import Actor, AuditAction
from ikonnekt.core.sharing import Role, user_roles
from ikonnekt.knowledge import uploads
from ikonnekt.knowledge.markdown_render import render_markdown
from ikonnekt.knowledge.models import (
    Answer,
    Article,
    ArticleFile,
    ArticleKind,
    ArticleLink,
    ArticleRevision,
    Comment,
    FileKind,
    HelpfulVote,
    Question,
    Tag,
)

REVISED_FIELDS = ("title", "summary", "body")


def parse_links(text: str) -> list[tuple[str, str]]:
    """Lines "Label | https://…" (or just an address) → ``[(label, url)]``; a clear message
    naming the line for anything that is not an http(s) or relative address."""
    links = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        label, sep, url = line.rpartition("|")
        if not sep:
            label, url = "", line
        label, url = label.strip(), url.strip()
        if not (
            url.startswith(("https://", "http://")) or (url.startswith("/") and not url.startswith("//"))
        ):
            raise ValidationError(
                {
                    "links": _(
                        "Line %(line)d: “%(url)s” is not a web address (https://…) or a page of the platform (/…)."
                    )
                    % {"line": number, "url": url[:80]}
                }
            )
        if len(url) > 500 or len(label) > 200:
            raise ValidationError({"links": _("Line %(line)d is too long.") % {"line": number}})
        links.append((label or url, url))
    return links


def _apply_relations(article, *, m2m, tag_names, links):
    for name, values in (m2m or {}).items():
        getattr(article, name).set(values)
    if tag_names is not None:
        article.tags.set(Tag.for_names(tag_names))
    if links is not None:
        article.links.all().delete()
        ArticleLink.objects.bulk_create(
            ArticleLink(article=article, label=lbl, url=url) for lbl, url in links
        )


def _add_revision(actor, article, note):
    last = article.revisions.order_by("-number").first()
    if last and all(getattr(last, f) == getattr(article, f) for f in REVISED_FIELDS):
        return None
    return ArticleRevision.objects.create(
        article=article,
        number=(last.number + 1) if last else 1,
        title=article.title,
        summary=article.summary,
        body=article.body,
        note=note[:200],
        author=actor.user if actor and actor.user and actor.user.pk else None,
    )


def create_article(
    actor: Actor, article: Article, *, m2m=None, tag_names=None, links=None, note=""
) -> Article:
    """Create ``article`` (unsaved, fields set) with its relations and revision 1."""

    def save():
        article.body_html = render_markdown(article.body)
        if article.created_by_id is None and actor.user is not None:
            article.created_by = actor.user
        article.save()
        _apply_relations(article, m2m=m2m, tag_names=tag_names, links=links)
        _add_revision(actor, article, note or _("First version"))
        return article

    return core_actions.create_object(actor, article.owner_id, save)


def update_article(
    actor: Actor, article: Article, *, m2m=None, tag_names=None, links=None, note=""
) -> Article:
    """Save changes to ``article`` (instance carrying the new values); a new revision when the
    title, summary or text changed. Changing the text of a reviewed article resets the review."""

    def save():
        stored = Article.objects.get(pk=article.pk)
        text_changed = any(getattr(stored, f) != getattr(article, f) for f in REVISED_FIELDS)
        if text_changed and article.reviewed:
            article.reviewed, article.reviewed_by, article.reviewed_at = False, None, None
        article.body_html = render_markdown(article.body)
        article.save()
        _apply_relations(article, m2m=m2m, tag_names=tag_names, links=links)
        _add_revision(actor, article, note)
        return article

    return core_actions.update_object(actor, article, save)


def can_review(user, article) -> bool:
    """Administrators of the owner organisation confirm that an article was reviewed."""
    return user_roles(user).get(article.owner_id) == Role.ADMIN


@transaction.atomic
def set_reviewed(actor: Actor, article: Article, reviewed: bool) -> Article:
    if not can_review(actor.user, article):
        raise PermissionDenied(
            _("Only administrators of the owner organisation may mark an article as reviewed.")
        )
    article = Article.objects.select_for_update().get(pk=article.pk)
    before = article.reviewed
    article.reviewed = reviewed
    article.reviewed_by = actor.user if reviewed else None
    article.reviewed_at = timezone.now() if reviewed else None
    article.save(update_fields=["reviewed", "reviewed_by", "reviewed_at", "updated_at"])
    audit.record(actor, AuditAction.UPDATE, article, changes={"reviewed": [before, reviewed]})
    return article


@transaction.atomic
def restore_revision(actor: Actor, article: Article, revision: ArticleRevision) -> Article:
    """Make an older revision the current text again (as a new revision)."""
    if revision.article_id != article.pk:
        raise ValidationError(_("This revision belongs to another article."))
    article.title, article.summary, article.body = revision.title, revision.summary, revision.body
    return update_article(
        actor, article, note=_("Restored revision %(number)d") % {"number": revision.number}
    )


@transaction.atomic
def add_file(actor: Actor, article: Article, upload, kind: str, description: str = "") -> ArticleFile:
    if not article.can_edit(actor.user):
        raise PermissionDenied(_("You may read this, but not change it."))
    checked = uploads.check_image(upload) if kind == FileKind.IMAGE else uploads.check_attachment(upload)
    item = ArticleFile(
        article=article,
        kind=FileKind.IMAGE if checked.is_image and kind == FileKind.IMAGE else FileKind.ATTACHMENT,
        name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        description=(description or "")[:200],
        uploaded_by=actor.user,
    )
    upload.seek(0)
    item.file.save(checked.name, ContentFile(upload.read()), save=False)
    item.save()
    audit.record(
        actor, AuditAction.CREATE, item, changes={"article": article.pk, "name": item.name, "size": item.size}
    )
    return item


@transaction.atomic
def delete_file(actor: Actor, item: ArticleFile) -> None:
    if not item.article.can_edit(actor.user):
        raise PermissionDenied(_("You may read this, but not change it."))
    audit.record(actor, AuditAction.DELETE, item, changes={"article": item.article_id, "name": item.name})
    storage, path = item.file.storage, item.file.name
    item.delete()
    transaction.on_commit(lambda: storage.delete(path))


def _require_reader(actor, obj):
    user = actor.user
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Please sign in first."))
    if not obj.is_visible_to(user):
        raise PermissionDenied(_("You may not see this."))


@transaction.atomic
def add_comment(actor: Actor, article: Article, text: str) -> Comment:
    _require_reader(actor, article)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Please write a comment.")})
    if len(text) > 4000:
        raise ValidationError({"text": _("A comment may have at most 4000 characters.")})
    comment = Comment.objects.create(
        article=article, author=actor.user, author_organisation=actor.organisation, text=text
    )
    audit.record(actor, AuditAction.CREATE, comment, changes={"article": article.pk, "text": text[:200]})
    return comment


def can_delete_comment(user, comment) -> bool:
    return bool(user and user.is_authenticated) and (
        comment.author_id == user.pk or user_roles(user).get(comment.article.owner_id) == Role.ADMIN
    )


@transaction.atomic
def delete_comment(actor: Actor, comment: Comment) -> None:
    if not can_delete_comment(actor.user, comment):
        raise PermissionDenied(_("Only the author or the owner's administrators may delete a comment."))
    audit.record(actor, AuditAction.DELETE, comment, changes={"article": comment.article_id})
    comment.delete()


@transaction.atomic
def toggle_helpful(actor: Actor, article: Article) -> tuple[bool, int]:
    """Vote "helpful" or take the vote back; returns (voted now, count)."""
    _require_reader(actor, article)
    deleted, _rows = HelpfulVote.objects.filter(article=article, user=actor.user).delete()
    if deleted:
        Article.objects.filter(pk=article.pk).update(helpful_count=F("helpful_count") - 1)
        voted = False
    else:
        HelpfulVote.objects.create(article=article, user=actor.user)
        Article.objects.filter(pk=article.pk).update(helpful_count=F("helpful_count") + 1)
        voted = True
    count = Article.objects.values_list("helpful_count", flat=True).get(pk=article.pk)
    return voted, count


# --- questions and answers ------------------------------------------------------------------


def create_question(actor: Actor, question: Question, *, tag_names=None, shared_with=None) -> Question:
    def save():
        question.body_html = render_markdown(question.body)
        if question.created_by_id is None:
            question.created_by = actor.user
        question.save()
        if shared_with is not None:
            question.shared_with.set(shared_with)
        if tag_names is not None:
            question.tags.set(Tag.for_names(tag_names))
        return question

    return core_actions.create_object(actor, question.owner_id, save)


def update_question(actor: Actor, question: Question, *, tag_names=None, shared_with=None) -> Question:
    def save():
        question.body_html = render_markdown(question.body)
        question.save()
        if shared_with is not None:
            question.shared_with.set(shared_with)
        if tag_names is not None:
            question.tags.set(Tag.for_names(tag_names))
        return question

    return core_actions.update_object(actor, question, save)


@transaction.atomic
def add_answer(actor: Actor, question: Question, body: str) -> Answer:
    _require_reader(actor, question)
    if question.is_closed:
        raise ValidationError({"body": _("This question is closed and takes no more answers.")})
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Please write an answer.")})
    if len(body) > 20000:
        raise ValidationError({"body": _("An answer may have at most 20,000 characters.")})
    answer = Answer.objects.create(
        question=question,
        author=actor.user,
        author_organisation=actor.organisation,
        body=body,
        body_html=render_markdown(body),
    )
    audit.record(actor, AuditAction.CREATE, answer, changes={"question": question.pk, "body": body[:200]})
    return answer


@transaction.atomic
def accept_answer(actor: Actor, question: Question, answer: Answer | None) -> Question:
    """The asking organisation marks the answer that solved its question (``None`` undoes it)."""
    if not question.can_edit(actor.user):
        raise PermissionDenied(_("Only the asking organisation may accept an answer."))
    if answer is not None and answer.question_id != question.pk:
        raise ValidationError(_("This answer belongs to another question."))
    before = question.accepted_answer_id
    question.accepted_answer = answer
    question.save(update_fields=["accepted_answer", "updated_at"])
    audit.record(
        actor,
        AuditAction.UPDATE,
        question,
        changes={"accepted_answer": [before, answer.pk if answer else None]},
    )
    return question


def question_article_body(question: Question, answers) -> str:
    """Markdown of a new article made from a question and its answers (accepted one first)."""
    parts = [_("## Question"), "", question.title, ""]
    if question.body:
        parts += [question.body, ""]
    accepted = [a for a in answers if a.pk == question.accepted_answer_id]
    others = [a for a in answers if a.pk != question.accepted_answer_id]
    if accepted:
        parts += [_("## Answer"), "", accepted[0].body, ""]
    if others:
        parts += [_("## Further answers"), ""]
        for answer in others:
            org = answer.author_organisation.name if answer.author_organisation_id else ""
            parts += [f"**{org}**" if org else "", "", answer.body, ""]
    return "\n".join(parts).strip() + "\n"


@transaction.atomic
def question_to_article(actor: Actor, question: Question) -> Article:
    """A new article (not yet reviewed, same owner, visibility and cooperations) from a question
    and its answers; the question links to it."""
    if not question.can_edit(actor.user):
        raise PermissionDenied(_("Only the asking organisation may turn its question into an article."))
    answers = list(question.answers.select_related("author_organisation"))
    if not answers:
        raise ValidationError(_("A question without answers cannot become an article yet."))
    article = Article(
        owner_id=question.owner_id,
        visibility=question.visibility,
        title=question.title[:200],
        kind=ArticleKind.GUIDE,
        summary="",
        body=question_article_body(question, answers),
        from_question=question,
        created_by=actor.user,
    )
    return create_article(
        actor,
        article,
        m2m={"shared_with": list(question.shared_with.all())},
        tag_names=[t.name for t in question.tags.all()],
        note=_("Made from the question “%(title)s”") % {"title": question.title[:120]},
    )
