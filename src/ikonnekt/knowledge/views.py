"""Knowledge base pages. Views parse input and call ``knowledge.actions``; reading goes
through the sharing rule (``visible_to`` / ``get_visible_or_404``)."""

from functools import cache

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import BooleanField, Count, IntegerField
from django.db.models.expressions import RawSQL
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.formats import get_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikonnekt.cooperations.models import Cooperation
from ikonnekt.core.actions import record_download
from ikonnekt.core.audience import saved_message
from ikonnekt.core.audit import Actor
from ikonnekt.core.crud import SharedDeleteView, SharedDetailView, SharedListView
from ikonnekt.core.files import serve
from ikonnekt.core.forms import add_validation_error, style_widget
from ikonnekt.core.htmx import is_partial
from ikonnekt.core.prepared import Rows
from ikonnekt.core.sharing import get_editable_or_404, get_visible_or_404, orgs_with_role
from ikonnekt.knowledge import actions, display
from ikonnekt.knowledge.diffs import diff_stats, line_diff
from ikonnekt.knowledge.display import FilterLinks
from ikonnekt.knowledge.filters import ArticleFilter, QuestionFilter
from ikonnekt.knowledge.forms import AnswerForm, ArticleForm, CommentForm, FileForm, QuestionForm
from ikonnekt.knowledge.markdown_render import render_markdown
from ikonnekt.knowledge.models import (
    Answer,
    Article,
    ArticleFile,
    ArticleKind,
    ArticleLink,
    ArticleRevision,
    FileKind,
    HelpfulVote,
    Question,
    Sdg,
    Tag,
)
from ikonnekt.organizations.models import Organisation
from ikonnekt.reference.sdg import SDG_NUMBERS

# --- articles -----------------------------------------------------------------------------


# what comments and answers show of their author (their queries read only these)
AUTHOR_COLUMNS = (
    "author_id",
    "author_organisation_id",
    "created_at",
    "author__username",
    "author__first_name",
    "author__last_name",
    "author_organisation__name",
)


class ArticleList(SharedListView):
    model = Article
    filterset_class = ArticleFilter
    template_name = "knowledge/list.html"
    paginate_by = 20

    def get_base_queryset(self):
        return Article.objects.select_related("owner").only(
            "pk", "title", "kind", "summary", "reviewed", "updated_at", "helpful_count", "visibility",
            "owner_id", "owner__name", "created_by_id",
        )  # fmt: skip

    def get_template_names(self):
        return ["knowledge/_list_fragment.html" if is_partial(self.request) else self.template_name]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        articles = list(ctx["object_list"])
        ctx["object_list"] = articles
        if ctx.get("page_obj") is not None:
            ctx["page_obj"].object_list = articles
        self._decorate(articles)
        ctx["article_rows"] = display.article_rows(articles)
        if is_partial(self.request):
            return ctx
        # the owner filter's options: every organisation's id and name (the directory, no read
        # rule), read as rows with the SQL compiled once instead of one model per option, given to
        # the widget; the field still validates a chosen owner through its queryset
        owner = self.filterset.form.fields["owner"]
        empty = [] if owner.empty_label is None else [("", owner.empty_label)]
        owner.widget.choices = empty + _organisations()
        active_tag = self.request.GET.get("tag", "")
        active_sdg = self.request.GET.get("sdg", "")
        cloud = list(
            Tag.objects.filter(articles__in=self.visible.values("pk"))
            .annotate(n=Count("articles"))
            .order_by("-n", "name")
            .values_list("name", "slug", "n")[:30]
        )
        ctx["tag_cloud"] = cloud  # (name, slug, count) of the cloud, also for the page's tests
        links = FilterLinks(self.request.GET)
        ctx["tag_cloud_html"] = display.tag_cloud(links, cloud, active_tag) if cloud else ""
        ctx["sdg_bar_html"] = display.sdg_filter_bar(links, active_sdg)
        ctx["active_tag"] = active_tag
        ctx["active_sdg"] = active_sdg
        active_tag_obj = None
        if active_tag:
            name = next((name for name, slug, _n in cloud if slug == active_tag), None)
            active_tag_obj = (
                Tag(name=name, slug=active_tag) if name else Tag.objects.filter(slug=active_tag).first()
            )
        ctx["active_tag_obj"] = active_tag_obj
        ctx["active_sdg_obj"] = next((Sdg(number=n) for n in SDG_NUMBERS if str(n) == active_sdg), None)
        ctx["question_count"] = Question.objects.visible_to(user).count()
        return ctx

    @staticmethod
    def _decorate(articles):
        """Each row's kind label, date and SDG/tag chips, with two small queries for the page."""
        ids = [a.pk for a in articles]
        sdgs, tags = {}, {}
        if ids:
            for article_id, number in (
                Article.sdgs.through.objects.filter(article_id__in=ids)
                .order_by("sdg_id")
                .values_list("article_id", "sdg_id")
            ):
                sdgs.setdefault(article_id, []).append(number)
            for article_id, name, slug in (
                Article.tags.through.objects.filter(article_id__in=ids)
                .order_by("tag__name")
                .values_list("article_id", "tag__name", "tag__slug")
            ):
                tags.setdefault(article_id, []).append((name, slug))
        kinds = dict(ArticleKind.choices)
        date_format = get_format("SHORT_DATE_FORMAT")
        for a in articles:
            a.kind_label = kinds.get(a.kind, a.kind)
            a.updated_label = display.short_date(a.updated_at, date_format)
            a.chips_html = display.article_chips(sdgs.get(a.pk, ()), tags.get(a.pk, ()))


@cache
def _article_counts_sql() -> tuple[str, str]:
    """The SQL of an article's revision count and of "the user voted helpful" (the user id is
    the one parameter), correlated to the article table of the outer query."""
    quote = connection.ops.quote_name
    article = f"{quote(Article._meta.db_table)}.{quote(Article._meta.pk.column)}"
    revision, vote = ArticleRevision._meta, HelpfulVote._meta
    revisions = "SELECT COUNT(*) FROM {} WHERE {} = {}".format(  # noqa: S608 - names from the models
        quote(revision.db_table), quote(revision.get_field("article").column), article
    )
    voted = "EXISTS(SELECT 1 FROM {} WHERE {} = {} AND {} = %s)".format(  # noqa: S608 - names from the models
        quote(vote.db_table),
        quote(vote.get_field("article").column),
        article,
        quote(vote.get_field("user").column),
    )
    return revisions, voted


# Every organisation's id and name, in the directory's order (Organisation.Meta.ordering).
_organisations = Rows(lambda: Organisation.objects.values_list("pk", "name"))


# The article page's lists below the article (its read rule already checked), as rows with the
# SQL compiled once (core.prepared, #18).
_sdgs = Rows(
    lambda article_id: (
        Article.sdgs.through.objects.filter(article_id=article_id).order_by("sdg_id").values_list("sdg_id")
    )
)
_goal_keys = Rows(
    lambda article_id: (
        Article.goals.through.objects.filter(article_id=article_id)
        .order_by("goal__order")
        .values_list("goal__key")
    )
)
_tags = Rows(
    lambda article_id: (
        Article.tags.through.objects.filter(article_id=article_id)
        .order_by("tag__name")
        .values_list("tag__name", "tag__slug")
    )
)
_links = Rows(
    lambda article_id: (
        ArticleLink.objects.filter(article_id=article_id).order_by("pk").values_list("label", "url")
    )
)
_shared_with = Rows(
    lambda article_id: (
        Article.shared_with.through.objects.filter(article_id=article_id)
        .order_by("cooperation__name")
        .values_list("cooperation__name")
    )
)


class ArticleDetail(SharedDetailView):
    model = Article
    template_name = "knowledge/detail.html"

    def get_base_queryset(self):
        # Only the owner rides along (its name and link); the sidebar's lists are read below as
        # plain rows, cheaper than prefetching model instances (#18).
        return Article.objects.select_related("owner").only(
            "pk", "owner_id", "visibility", "created_by_id", "updated_at", "title", "kind", "summary",
            "body_html", "reviewed", "reviewed_at", "from_question_id", "helpful_count",
            "owner__name", "owner__slug",
        )  # fmt: skip

    def get_object(self, queryset=None):
        # The helpful-vote check and the revision count ride along in the article's own query,
        # as SQL written once from the models' names (a Subquery/Exists with OuterRef cost
        # more CPU to resolve and compile than the rest of the query, #18).
        user = self.request.user
        revisions_sql, voted_sql = _article_counts_sql()
        annotations = {"revision_total": RawSQL(revisions_sql, (), output_field=IntegerField())}  # noqa: S611 - names from the models, no input
        if user.is_authenticated:
            annotations["user_voted"] = RawSQL(voted_sql, (user.pk,), output_field=BooleanField())  # noqa: S611 - the user id is a parameter
        return get_visible_or_404(
            self.get_base_queryset().annotate(**annotations), user, pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        article = self.object
        pk = article.pk
        ctx["sidebar_html"] = display.article_sidebar(
            sdgs=[sdg for (sdg,) in _sdgs(pk)],
            goal_keys=[key for (key,) in _goal_keys(pk)],
            tags=_tags(pk),
        )
        ctx["links"] = _links(pk)
        ctx["cooperations"] = list(
            Cooperation.objects.visible_to(user).filter(knowledge_articles=pk).values_list("pk", "name")
        )
        ctx["shared_with"] = (
            [name for (name,) in _shared_with(pk)] if article.visibility == "cooperation" else []
        )
        ctx.update(_comment_context(self.request, article))
        ctx["voted"] = user.is_authenticated and article.user_voted
        ctx["can_review"] = actions.can_review(user, article)
        ctx["revision_count"] = article.revision_total
        if ctx["can_edit"]:
            ctx["file_form"] = FileForm()
        files = list(
            ArticleFile.objects.filter(article_id=pk)
            .order_by("kind", "name")
            .only("pk", "article_id", "kind", "name", "size", "description")
        )
        ctx["images"] = [f for f in files if f.kind == FileKind.IMAGE]
        ctx["attachments"] = [f for f in files if f.kind == FileKind.ATTACHMENT]
        if article.from_question_id:
            ctx["from_question"] = (
                Question.objects.visible_to(user)
                .filter(pk=article.from_question_id)
                .only("pk", "title")
                .first()
            )
        return ctx


def _comment_context(request, article):
    comments = list(
        article.comments.select_related("author", "author_organisation").only(
            "pk", "article_id", "text", *AUTHOR_COLUMNS
        )
    )
    for comment in comments:
        comment.deletable = actions.can_delete_comment(request.user, comment)
    return {"article": article, "comments": comments, "comment_form": CommentForm()}


def _article_form_page(request, form, title, cancel_url):
    return render(request, "knowledge/form.html", {"form": form, "title": title, "cancel_url": cancel_url})


@login_required
def article_create(request):
    if not orgs_with_role(request.user):
        raise PermissionDenied(_("You need the editor role in an organisation to write articles."))
    form = ArticleForm(
        request.POST or None, user=request.user, active_organisation=request.active_organisation
    )
    if request.method == "POST" and form.is_valid():
        article = form.save(commit=False)
        article.created_by = request.user
        try:
            article = actions.create_article(
                Actor.from_request(request),
                article,
                m2m=form.m2m(),
                tag_names=form.cleaned_data["tag_names"],
                links=form.cleaned_data["links_text"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(
                request, saved_message(article, _("Article “%(title)s”") % {"title": article.title})
            )
            return redirect(article)
    return _article_form_page(request, form, _("New article"), reverse("knowledge:list"))


@login_required
def article_edit(request, pk):
    article = get_editable_or_404(Article, request.user, pk=pk)
    form = ArticleForm(request.POST or None, instance=article, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            article = actions.update_article(
                Actor.from_request(request),
                form.save(commit=False),
                m2m=form.m2m(),
                tag_names=form.cleaned_data["tag_names"],
                links=form.cleaned_data["links_text"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(article)
    return _article_form_page(
        request, form, _("Edit “%(title)s”") % {"title": article.title}, article.get_absolute_url()
    )


article_edit.shareable_model = Article


class ArticleDelete(SharedDeleteView):
    model = Article
    success_url = reverse_lazy("knowledge:list")


@login_required
@require_POST
def markdown_preview(request):
    """htmx: the sanitised rendering of the Markdown being typed (nothing is stored)."""
    text = request.POST.get("body", "")
    html = render_markdown(text)
    return render(request, "knowledge/_preview.html", {"html": html, "empty": not text.strip()})


@login_required
@require_POST
def article_review(request, pk):
    article = get_visible_or_404(Article, request.user, pk=pk)
    reviewed = request.POST.get("reviewed") == "1"
    actions.set_reviewed(Actor.from_request(request), article, reviewed)
    messages.success(request, _("Marked as reviewed.") if reviewed else _("Review mark removed."))
    return redirect(article)


article_review.shareable_model = Article


@login_required
@require_POST
def article_helpful(request, pk):
    article = get_visible_or_404(Article, request.user, pk=pk)
    voted, count = actions.toggle_helpful(Actor.from_request(request), article)
    if is_partial(request):
        return render(request, "knowledge/_helpful.html", {"object": article, "voted": voted, "count": count})
    return redirect(article)


article_helpful.shareable_model = Article


@login_required
@require_POST
def comment_add(request, pk):
    article = get_visible_or_404(Article, request.user, pk=pk)
    form = CommentForm(request.POST)
    error = None
    if form.is_valid():
        try:
            actions.add_comment(Actor.from_request(request), article, form.cleaned_data["text"])
        except ValidationError as exc:
            error = "; ".join(exc.messages)
    else:
        error = "; ".join(e for errors in form.errors.values() for e in errors)
    if is_partial(request):
        ctx = _comment_context(request, article)
        if error:
            ctx["comment_form"] = form
            ctx["comment_error"] = error
        return render(request, "knowledge/_comments.html", ctx)
    if error:
        messages.error(request, error)
    return redirect(article.get_absolute_url() + "#comments")


comment_add.shareable_model = Article


@login_required
@require_POST
def comment_delete(request, pk, comment_pk):
    article = get_visible_or_404(Article, request.user, pk=pk)
    comment = article.comments.filter(pk=comment_pk).select_related("article").first()
    if comment is None:
        raise Http404
    actions.delete_comment(Actor.from_request(request), comment)
    if is_partial(request):
        return render(request, "knowledge/_comments.html", _comment_context(request, article))
    return redirect(article.get_absolute_url() + "#comments")


comment_delete.shareable_model = Article


@login_required
@require_POST
def file_upload(request, pk):
    article = get_editable_or_404(Article, request.user, pk=pk)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            item = actions.add_file(
                Actor.from_request(request),
                article,
                form.cleaned_data["file"],
                form.cleaned_data["kind"],
                form.cleaned_data["description"],
            )
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(request, _("“%(name)s” uploaded.") % {"name": item.name})
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {'; '.join(errors)}" if label else "; ".join(errors))
    return redirect(article.get_absolute_url() + "#files")


file_upload.shareable_model = Article


def file_serve(request, pk, file_pk):
    """Images inline, attachments as downloads; only for readers of the article."""
    article = get_visible_or_404(Article, request.user, pk=pk)
    item = ArticleFile.objects.filter(article=article, pk=file_pk).first()
    if item is None:
        raise Http404
    if not item.file.storage.exists(item.file.name):
        raise Http404
    is_image = item.kind == FileKind.IMAGE
    if not is_image and request.user.is_authenticated:
        record_download(Actor.from_request(request), article, item.name)
    response = serve(
        item.file, content_type=item.content_type, as_attachment=not is_image, filename=item.name
    )
    return response


file_serve.shareable_model = Article


@login_required
@require_POST
def file_delete(request, pk, file_pk):
    article = get_editable_or_404(Article, request.user, pk=pk)
    item = ArticleFile.objects.filter(article=article, pk=file_pk).select_related("article").first()
    if item is None:
        raise Http404
    actions.delete_file(Actor.from_request(request), item)
    messages.success(request, _("“%(name)s” deleted.") % {"name": item.name})
    return redirect(article.get_absolute_url() + "#files")


file_delete.shareable_model = Article


def article_history(request, pk):
    article = get_visible_or_404(Article, request.user, pk=pk)
    revisions = list(article.revisions.select_related("author"))
    return render(
        request,
        "knowledge/history.html",
        {"object": article, "revisions": revisions, "can_edit": article.can_edit(request.user)},
    )


article_history.shareable_model = Article


def _revision_or_404(article, number):
    revision = ArticleRevision.objects.filter(article=article, number=number).select_related("author").first()
    if revision is None:
        raise Http404
    return revision


def revision_diff(request, pk, number):
    """What changed in revision ``number`` against ``?against=`` (default: the one before)."""
    article = get_visible_or_404(Article, request.user, pk=pk)
    revision = _revision_or_404(article, number)
    try:
        against_number = int(request.GET.get("against", number - 1))
    except ValueError:
        against_number = number - 1
    older = ArticleRevision.objects.filter(article=article, number=against_number).first()
    old_body = older.body if older else ""
    lines = line_diff(old_body, revision.body)
    return render(
        request,
        "knowledge/diff.html",
        {
            "object": article,
            "revision": revision,
            "older": older,
            "lines": lines,
            "stats": diff_stats(lines),
            "title_changed": older is not None and older.title != revision.title,
            "summary_changed": older is not None and older.summary != revision.summary,
            "numbers": list(article.revisions.values_list("number", flat=True)),
            "can_edit": article.can_edit(request.user),
        },
    )


revision_diff.shareable_model = Article


@login_required
@require_POST
def revision_restore(request, pk, number):
    article = get_editable_or_404(Article, request.user, pk=pk)
    revision = _revision_or_404(article, number)
    actions.restore_revision(Actor.from_request(request), article, revision)
    messages.success(request, _("Revision %(number)d restored.") % {"number": number})
    return redirect(article)


revision_restore.shareable_model = Article


# --- questions and answers -------------------------------------------------------------------


@cache
def _answer_count_sql() -> str:
    """The SQL of a question's answer count, correlated to the question table of the outer query."""
    quote = connection.ops.quote_name
    answer = Answer._meta
    return "SELECT COUNT(*) FROM {} WHERE {} = {}.{}".format(  # noqa: S608 - names from the models
        quote(answer.db_table),
        quote(answer.get_field("question").column),
        quote(Question._meta.db_table),
        quote(Question._meta.pk.column),
    )


class QuestionList(SharedListView):
    model = Question
    filterset_class = QuestionFilter
    template_name = "knowledge/question_list.html"

    def get_base_queryset(self):
        # The answer count as a correlated count (no GROUP BY over the shown columns, #18).
        return (
            Question.objects.select_related("owner")
            .only(
                "pk", "title", "created_at", "owner_id", "owner__name", "visibility", "created_by_id",
                "cooperation_id", "is_closed", "accepted_answer_id",
            )
            .annotate(answer_count=RawSQL(_answer_count_sql(), (), output_field=IntegerField()))  # noqa: S611 - names from the models
            .order_by("-created_at", "-pk")
        )  # fmt: skip

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        for field in self.filterset.form.fields.values():
            style_widget(field)
        questions = ctx["object_list"]
        ids = {q.cooperation_id for q in questions if q.cooperation_id}
        # A question's cooperation is named only to those who may see the cooperation.
        visible = (
            {c.pk: c for c in Cooperation.objects.visible_to(self.request.user).filter(pk__in=ids)}
            if ids
            else {}
        )
        tags = {}
        if questions:
            for question_id, name, slug in (
                Question.tags.through.objects.filter(question_id__in=[q.pk for q in questions])
                .order_by("tag__name")
                .values_list("question_id", "tag__name", "tag__slug")
            ):
                tags.setdefault(question_id, []).append((name, slug))
        for question in questions:
            question.visible_cooperation = visible.get(question.cooperation_id)
            question.tag_list = tags.get(question.pk, ())
        return ctx


class QuestionDetail(SharedDetailView):
    model = Question
    template_name = "knowledge/question_detail.html"

    def get_base_queryset(self):
        return Question.objects.select_related("owner").only(
            "pk", "title", "body_html", "created_at", "owner_id", "owner__name", "visibility", "created_by_id",
            "cooperation_id", "is_closed", "accepted_answer_id",
        )  # fmt: skip

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        question = self.object
        user = self.request.user
        ctx["tags"] = list(
            Question.tags.through.objects.filter(question_id=question.pk)
            .order_by("tag__name")
            .values_list("tag__name", "tag__slug")
        )
        ctx["answers"] = list(
            question.answers.select_related("author", "author_organisation").only(
                "pk", "question_id", "body_html", *AUTHOR_COLUMNS
            )
        )
        ctx["answer_form"] = AnswerForm()
        ctx["articles"] = list(
            Article.objects.visible_to(user).filter(from_question_id=question.pk).only("pk", "title")
        )
        ctx["cooperation"] = (
            Cooperation.objects.visible_to(user).filter(pk=question.cooperation_id).only("pk", "name").first()
            if question.cooperation_id
            else None
        )
        return ctx


@login_required
def question_create(request):
    if not orgs_with_role(request.user):
        raise PermissionDenied(_("You need the editor role in an organisation to ask in its name."))
    form = QuestionForm(
        request.POST or None,
        user=request.user,
        active_organisation=request.active_organisation,
        initial={"cooperation": request.GET.get("cooperation", "")},
    )
    if request.method == "POST" and form.is_valid():
        question = form.save(commit=False)
        question.created_by = request.user
        try:
            question = actions.create_question(
                Actor.from_request(request),
                question,
                tag_names=form.cleaned_data["tag_names"],
                shared_with=form.cleaned_data.get("shared_with") or [],
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, saved_message(question, _("Your question")))
            return redirect(question)
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("Ask the network"),
            "intro": _("Other municipalities and partners who can see your question can answer it."),
            "cancel_url": reverse("knowledge:questions"),
        },
    )


@login_required
def question_edit(request, pk):
    question = get_editable_or_404(Question, request.user, pk=pk)
    form = QuestionForm(request.POST or None, instance=question, user=request.user)
    if request.method == "POST" and form.is_valid():
        shared = None if form.fields["shared_with"].disabled else (form.cleaned_data.get("shared_with") or [])
        try:
            actions.update_question(
                Actor.from_request(request),
                form.save(commit=False),
                tag_names=form.cleaned_data["tag_names"],
                shared_with=shared,
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(question)
    return render(
        request,
        "core/form.html",
        {"form": form, "title": _("Edit question"), "cancel_url": question.get_absolute_url()},
    )


question_edit.shareable_model = Question


class QuestionDelete(SharedDeleteView):
    model = Question
    success_url = reverse_lazy("knowledge:questions")


@login_required
@require_POST
def answer_add(request, pk):
    question = get_visible_or_404(Question, request.user, pk=pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            actions.add_answer(Actor.from_request(request), question, form.cleaned_data["body"])
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(request, _("Thank you for your answer."))
    else:
        messages.error(request, _("Please write an answer (at most 20,000 characters)."))
    return redirect(question.get_absolute_url() + "#answers")


answer_add.shareable_model = Question


@login_required
@require_POST
def answer_accept(request, pk, answer_pk):
    question = get_visible_or_404(Question, request.user, pk=pk)
    answer = Answer.objects.filter(question=question, pk=answer_pk).first()
    if answer is None:
        raise Http404
    undo = question.accepted_answer_id == answer.pk
    actions.accept_answer(Actor.from_request(request), question, None if undo else answer)
    messages.success(request, _("Acceptance withdrawn.") if undo else _("Answer accepted."))
    return redirect(question.get_absolute_url() + "#answers")


answer_accept.shareable_model = Question


@login_required
@require_POST
def question_to_article(request, pk):
    question = get_visible_or_404(Question, request.user, pk=pk)
    try:
        article = actions.question_to_article(Actor.from_request(request), question)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return redirect(question)
    messages.success(request, _("Draft article created from the question. Please revise and complete it."))
    return redirect("knowledge:edit", pk=article.pk)


question_to_article.shareable_model = Question


def advice_moved(request, pk=None, to="knowledge:questions"):
    """The former advice pages of joint administration (issue #19) answer 301: an old request's
    page leads to the question it became (404 as before for whoever may not read it), the list
    to the questions (of the cooperation given as ``?cooperation=``), "new" to asking one."""
    if pk is not None:
        question = get_visible_or_404(Question, request.user, former_advice_id=pk)
        return HttpResponsePermanentRedirect(question.get_absolute_url())
    target = reverse(to)
    cooperation = request.GET.get("cooperation", "")
    if cooperation.isdigit():
        target += "?" + urlencode({"cooperation": cooperation})
    return HttpResponsePermanentRedirect(target)


advice_moved.shareable_model = Question
