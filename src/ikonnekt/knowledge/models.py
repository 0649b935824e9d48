"""Knowledge base: articles (fact sheets, good practice, lessons learned, guides), their
revisions, files, comments and votes, and questions with answers that can become articles.

Articles and questions are shared objects (the one sharing rule); everything hanging off them
inherits the parent's visibility (``sharing_parent``).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ikonnekt.core.links import row_url
from ikonnekt.core.sharing import ChildQuerySet, Shareable, SharedChild
from ikonnekt.reference.sdg import sdg_colour, sdg_text_colour, sdg_title


class ArticleKind(models.TextChoices):
    FACT_SHEET = "fact_sheet", _("Fact sheet")
    GOOD_PRACTICE = "good_practice", _("Good practice")
    LESSONS_LEARNED = "lessons_learned", _("Lessons learned")
    GUIDE = "guide", _("Guide")


KIND_ICONS = {
    ArticleKind.FACT_SHEET: "card-text",
    ArticleKind.GOOD_PRACTICE: "star",
    ArticleKind.LESSONS_LEARNED: "lightbulb",
    ArticleKind.GUIDE: "signpost-split",
}


class Sdg(models.Model):
    """One of the 17 Sustainable Development Goals (rows shipped by a data migration)."""

    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG")
        verbose_name_plural = _("SDGs")

    def __str__(self):
        return f"SDG {self.number} {self.title}"

    @property
    def title(self):
        return sdg_title(self.number)

    @property
    def colour(self):
        return sdg_colour(self.number)

    @property
    def text_colour(self):
        return sdg_text_colour(self.number)


class Tag(models.Model):
    """A free keyword; shared by all articles and questions (names are not confidential)."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name

    @classmethod
    def for_names(cls, names):
        """Existing or new tags for ``names`` (case-insensitive match on the slug)."""
        tags = []
        for name in names:
            slug = slugify(name)[:60]
            if not slug:
                continue
            tag, _created = cls.objects.get_or_create(slug=slug, defaults={"name": name[:60]})
            tags.append(tag)
        return tags


class Article(Shareable):
    """A knowledge article written in Markdown; ``body_html`` is the sanitised rendering,
    stored on save so lists and pages never render Markdown per request."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ArticleKind.choices, default=ArticleKind.GOOD_PRACTICE
    )
    summary = models.CharField(
        _("summary"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences shown in lists and search."),
    )
    body = models.TextField(_("text (Markdown)"), blank=True)
    body_html = models.TextField(_("rendered text"), blank=True, editable=False)
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles", verbose_name=_("tags"))
    sdgs = models.ManyToManyField(Sdg, blank=True, related_name="articles", verbose_name=_("SDGs"))
    goals = models.ManyToManyField(
        "cooperations.Goal",
        blank=True,
        related_name="knowledge_articles",
        verbose_name=_("goals served"),
        help_text=_("Which of the six cooperation goals this article serves."),
    )
    cooperations = models.ManyToManyField(
        "cooperations.Cooperation",
        blank=True,
        related_name="knowledge_articles",
        verbose_name=_("related cooperations"),
    )
    reviewed = models.BooleanField(_("reviewed"), default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed on"), null=True, blank=True)
    from_question = models.ForeignKey(
        "Question",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("from question"),
    )
    helpful_count = models.PositiveIntegerField(_("helpful votes"), default=0, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["kind"]), models.Index(fields=["-updated_at", "-id"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return row_url("knowledge:detail")(self.pk)

    @property
    def icon(self):
        return KIND_ICONS.get(self.kind, "file-text")


class ArticleLink(SharedChild, models.Model):
    """A loose link from an article to anything else (a document, site, measure, web page):
    the other modules are referred to by URL so the knowledge base depends on none of them."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="links", verbose_name=_("article")
    )
    label = models.CharField(_("label"), max_length=200)
    url = models.CharField(_("address"), max_length=500)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "article"

    class Meta:
        ordering = ["pk"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self):
        return self.label


class ArticleRevision(SharedChild, models.Model):
    """A saved state of an article's title, summary and text (numbered per article)."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("article")
    )
    number = models.PositiveIntegerField(_("revision"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    body = models.TextField(_("text (Markdown)"), blank=True)
    note = models.CharField(_("change note"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "article"

    class Meta:
        ordering = ["article", "-number"]
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="uniq_article_revision")]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self):
        return f"{self.article} #{self.number}"


class FileKind(models.TextChoices):
    IMAGE = "image", _("Image")
    ATTACHMENT = "attachment", _("Attachment")


def attachment_path(instance, filename):
    return f"knowledge/{instance.article_id}/{filename}"


class ArticleFile(SharedChild, models.Model):
    """An image or attachment of an article; served only through the sharing rule."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="files", verbose_name=_("article")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=FileKind.choices)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    description = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "article"

    class Meta:
        ordering = ["kind", "name"]
        # Not "file": that msgid means "Akte" in the DMS catalogue, and catalogues are merged.
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("knowledge:file", args=[self.article_id, self.pk])


class Comment(SharedChild, models.Model):
    """A comment on an article by anyone who may read it (signed in)."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="comments", verbose_name=_("article")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    author_organisation = models.ForeignKey(
        "organizations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    text = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "article"

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return self.text[:60]


class HelpfulVote(SharedChild, models.Model):
    """One "this was helpful" per user and article."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="votes", verbose_name=_("article")
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "article"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "user"], name="uniq_helpful_vote")]
        verbose_name = _("helpful vote")
        verbose_name_plural = _("helpful votes")

    def __str__(self):
        return f"{self.user_id} → {self.article_id}"


class Question(Shareable):
    """ "Has anyone done X?" – answered by anyone who can read it; the asker's organisation
    accepts an answer, closes the question and can turn it into an article. A question can belong
    to a cooperation (its partners' questions to each other); who reads it is the sharing rule's."""

    title = models.CharField(_("question"), max_length=200)
    body = models.TextField(_("details (Markdown)"), blank=True)
    body_html = models.TextField(blank=True, editable=False)
    tags = models.ManyToManyField(Tag, blank=True, related_name="questions", verbose_name=_("tags"))
    cooperation = models.ForeignKey(
        "cooperations.Cooperation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="knowledge_questions",
        verbose_name=_("cooperation"),
        help_text=_("The cooperation this question belongs to; its page lists the question."),
    )
    is_closed = models.BooleanField(
        _("answered / closed"),
        default=False,
        help_text=_("The asking organisation needs no further answers."),
    )
    # The advice request this question was copied from (administration's former Q&A, issue #19):
    # its old address redirects here.
    former_advice_id = models.PositiveIntegerField(null=True, blank=True, unique=True, editable=False)
    accepted_answer = models.OneToOneField(
        "Answer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted answer"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return row_url("knowledge:question_detail")(self.pk)


class Answer(SharedChild, models.Model):
    """An answer to a question."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    author_organisation = models.ForeignKey(
        "organizations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    body = models.TextField(_("answer (Markdown)"), max_length=20000)
    body_html = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "question"

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return self.body[:60]
