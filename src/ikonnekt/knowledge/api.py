"""Knowledge base API: articles and questions through the sharing rule; comments, votes,
revisions and answers as actions on them (a hidden parent answers 404 for all of them)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_serializer, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from ikonnekt.cooperations.models import Cooperation, Goal, GoalKey
from ikonnekt.core.api import ShareableSerializer, ShareableViewSet
from ikonnekt.knowledge import actions
from ikonnekt.knowledge.diffs import unified
from ikonnekt.knowledge.filters import QuestionApiFilter
from ikonnekt.knowledge.models import Answer, Article, ArticleRevision, Comment, Question, Sdg


class TagNamesField(serializers.ListField):
    child = serializers.CharField(max_length=60)

    def to_representation(self, value):
        return [t.name for t in value.all()]


class VisibleCooperationField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        request = self.context.get("request")
        return Cooperation.objects.visible_to(getattr(request, "user", None))


class LinkSerializer(serializers.Serializer):
    label = serializers.CharField(max_length=200, required=False, allow_blank=True)
    url = serializers.CharField(max_length=500)


class ArticleSerializer(ShareableSerializer):
    tags = TagNamesField(required=False, max_length=15)
    sdgs = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Sdg.objects.all(), required=False, help_text="SDG numbers 1–17"
    )
    goals = serializers.SlugRelatedField(
        many=True,
        slug_field="key",
        queryset=Goal.objects.all(),
        required=False,
        help_text="Keys of the six goals: " + ", ".join(GoalKey.values),
    )
    cooperations = VisibleCooperationField(many=True, required=False)
    links = LinkSerializer(many=True, required=False)
    note = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=200)
    body_html = serializers.CharField(
        read_only=True, help_text="Sanitised HTML rendering of the Markdown body."
    )

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "kind",
            "summary",
            "body",
            "body_html",
            "tags",
            "sdgs",
            "goals",
            "cooperations",
            "links",
            "reviewed",
            "reviewed_at",
            "helpful_count",
            "from_question",
            "owner",
            "visibility",
            "shared_with",
            "note",
            "can_edit",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "reviewed",
            "reviewed_at",
            "helpful_count",
            "from_question",
            "created_at",
            "updated_at",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["links"] = [{"label": link.label, "url": link.url} for link in instance.links.all()]
        # Only cooperations the reader may see are named.
        visible = self.context.get("_visible_cooperations")
        if visible is None:  # once per response, not per article
            request = self.context.get("request")
            visible = set(
                Cooperation.objects.visible_to(getattr(request, "user", None)).values_list("pk", flat=True)
            )
            self.context["_visible_cooperations"] = visible
        data["cooperations"] = [pk for pk in data["cooperations"] if pk in visible]
        return data

    def validate_links(self, value):
        text = "\n".join(f"{item.get('label', '')} | {item['url']}" for item in value)
        try:
            return actions.parse_links(text)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict["links"]) from None

    def split(self, validated):
        relations = {}
        for name in ("sdgs", "goals", "cooperations", "shared_with"):
            if name in validated:
                relations[name] = validated.pop(name)
        return (
            relations,
            validated.pop("tags", None),
            validated.pop("links", None),
            validated.pop("note", ""),
        )


class CommentSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.get_full_name", read_only=True, default="")
    organisation = serializers.CharField(source="author_organisation.name", read_only=True, default="")

    class Meta:
        model = Comment
        fields = ["id", "text", "author_name", "organisation", "created_at"]
        read_only_fields = ["created_at"]


class RevisionSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.get_full_name", read_only=True, default="")

    class Meta:
        model = ArticleRevision
        fields = ["number", "title", "summary", "body", "note", "author_name", "created_at"]


class ArticleViewSet(ShareableViewSet):
    """Knowledge articles visible to the user (Markdown body, sanitised HTML rendering)."""

    queryset = Article.objects.select_related("owner").prefetch_related(
        "tags", "sdgs", "goals", "cooperations", "links", "shared_with"
    )
    serializer_class = ArticleSerializer
    filterset_fields = ["kind", "owner", "reviewed"]
    search_fields = ["title", "summary", "body"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        relations, tags, links, note = serializer.split(data)
        article = Article(**data, created_by=self.request.user)
        serializer.instance = actions.create_article(
            self.actor(), article, m2m=relations, tag_names=tags, links=links, note=note
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        relations, tags, links, note = serializer.split(data)
        data.pop("owner", None)
        article = serializer.instance
        for key, value in data.items():
            setattr(article, key, value)
        serializer.instance = actions.update_article(
            self.actor(), article, m2m=relations, tag_names=tags, links=links, note=note
        )

    @extend_schema(
        request=inline_serializer("CommentIn", {"text": serializers.CharField()}),
        responses=CommentSerializer(many=True),
    )
    # the whole list, unpaginated and unfiltered: declared so in the schema (no page/filter parameters)
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def comments(self, request, pk=None):
        """Comments on the article; POST adds one (any reader who is signed in)."""
        article = self.get_object()
        if request.method == "POST":
            if not request.user.is_authenticated:
                raise PermissionDenied()
            actions.add_comment(self.actor(), article, str(request.data.get("text", "")))
        comments = article.comments.select_related("author", "author_organisation")
        return Response(CommentSerializer(comments, many=True).data)

    @extend_schema(
        request=None,
        responses=inline_serializer(
            "HelpfulOut", {"voted": serializers.BooleanField(), "count": serializers.IntegerField()}
        ),
    )
    @action(detail=True, methods=["post"])
    def helpful(self, request, pk=None):
        """Vote "helpful" or take the vote back."""
        article = self.get_object()
        voted, count = actions.toggle_helpful(self.actor(), article)
        return Response({"voted": voted, "count": count})

    @extend_schema(responses=RevisionSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def revisions(self, request, pk=None):
        """All revisions, newest first."""
        article = self.get_object()
        return Response(RevisionSerializer(article.revisions.select_related("author"), many=True).data)

    @extend_schema(
        responses=inline_serializer(
            "RevisionDiff",
            {
                "from": serializers.IntegerField(),
                "to": serializers.IntegerField(),
                "diff": serializers.CharField(),
            },
        )
    )
    @action(detail=True, methods=["get"], url_path=r"revisions/(?P<number>[0-9]+)/diff")
    def revision_diff(self, request, pk=None, number=None):
        """Unified diff of revision ``number`` against the one before."""
        article = self.get_object()
        revisions = {r.number: r for r in article.revisions.filter(number__in=[int(number), int(number) - 1])}
        if int(number) not in revisions:
            from django.http import Http404

            raise Http404
        new = revisions[int(number)]
        old = revisions.get(int(number) - 1)
        return Response(
            {
                "from": old.number if old else 0,
                "to": new.number,
                "diff": unified(
                    old.body if old else "", new.body, f"#{old.number if old else 0}", f"#{new.number}"
                ),
            }
        )


@extend_schema_serializer(component_name="KnowledgeAnswer")
class AnswerSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.get_full_name", read_only=True, default="")
    organisation = serializers.CharField(source="author_organisation.name", read_only=True, default="")

    class Meta:
        model = Answer
        fields = ["id", "body", "body_html", "author_name", "organisation", "created_at"]
        read_only_fields = ["body_html", "created_at"]


@extend_schema_serializer(component_name="KnowledgeQuestion")
class QuestionSerializer(ShareableSerializer):
    tags = TagNamesField(required=False, max_length=15)
    cooperation = VisibleCooperationField(
        required=False, allow_null=True, help_text="The cooperation the question belongs to."
    )
    answers = AnswerSerializer(many=True, read_only=True)

    class Meta:
        model = Question
        fields = [
            "id",
            "title",
            "body",
            "body_html",
            "tags",
            "cooperation",
            "is_closed",
            "accepted_answer",
            "answers",
            "owner",
            "visibility",
            "shared_with",
            "can_edit",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["body_html", "accepted_answer", "created_at", "updated_at"]


class QuestionViewSet(ShareableViewSet):
    """Questions to the network ("has anyone done X?") with their answers."""

    queryset = Question.objects.select_related("owner").prefetch_related(
        "tags", "shared_with", "answers__author", "answers__author_organisation"
    )
    serializer_class = QuestionSerializer
    filterset_class = QuestionApiFilter
    search_fields = ["title", "body"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        tags = data.pop("tags", None)
        shared = data.pop("shared_with", None)
        question = Question(**data, created_by=self.request.user)
        serializer.instance = actions.create_question(
            self.actor(), question, tag_names=tags, shared_with=shared
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        tags = data.pop("tags", None)
        shared = data.pop("shared_with", None)
        data.pop("owner", None)
        question = serializer.instance
        for key, value in data.items():
            setattr(question, key, value)
        serializer.instance = actions.update_question(
            self.actor(), question, tag_names=tags, shared_with=shared
        )

    @extend_schema(
        request=inline_serializer("AnswerIn", {"body": serializers.CharField()}), responses=AnswerSerializer
    )
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        """Answer the question (any reader who is signed in)."""
        question = self.get_object()
        if not request.user.is_authenticated:
            raise PermissionDenied()
        answer = actions.add_answer(self.actor(), question, str(request.data.get("body", "")))
        return Response(AnswerSerializer(answer).data, status=201)

    @extend_schema(
        request=inline_serializer("AcceptIn", {"answer": serializers.IntegerField(allow_null=True)}),
        responses=QuestionSerializer,
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Accept one answer (the asking organisation's editors); ``null`` withdraws it."""
        question = self.get_object()
        answer_id = request.data.get("answer")
        answer = None
        if answer_id not in (None, ""):
            answer = question.answers.filter(pk=answer_id).first() if str(answer_id).isdigit() else None
            if answer is None:
                raise serializers.ValidationError({"answer": _("This answer belongs to another question.")})
        actions.accept_answer(self.actor(), question, answer)
        question.refresh_from_db()
        return Response(self.get_serializer(question).data)

    @extend_schema(request=None, responses=ArticleSerializer)
    @action(detail=True, methods=["post"], url_path="to-article")
    def to_article(self, request, pk=None):
        """Turn the question and its answers into a draft article."""
        question = self.get_object()
        article = actions.question_to_article(self.actor(), question)
        return Response(ArticleSerializer(article, context=self.get_serializer_context()).data, status=201)


def register(router):
    router.register("knowledge/articles", ArticleViewSet, basename="knowledge-article")
    router.register("knowledge/questions", QuestionViewSet, basename="knowledge-question")
