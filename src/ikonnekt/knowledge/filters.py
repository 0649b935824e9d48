import django_filters
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ikonnekt.cooperations.models import Cooperation, GoalKey
from ikonnekt.knowledge.models import Article, ArticleKind, Question
from ikonnekt.organizations.models import Organisation
from ikonnekt.reference.sdg import SDG_TITLES

# format_lazy: built at import, the labels still follow the language of each request
SDG_CHOICES = [(n, format_lazy("{} {}", n, title)) for n, title in SDG_TITLES.items()]
REVIEW_CHOICES = [("yes", _("reviewed")), ("no", _("not yet reviewed"))]
ANSWERED_CHOICES = [("yes", _("solved")), ("no", _("open")), ("closed", _("closed"))]


# The choice filters get their fixed choices as functions: every request deep-copies the filters
# and then the form's fields, which copies a list of choices (with its lazy labels) each time but
# keeps a function as it is (#18); the options and the validation are the same.
def _article_kinds():
    return ArticleKind.choices


def _sdgs():
    return SDG_CHOICES


def _goals():
    return GoalKey.choices


def _reviewed():
    return REVIEW_CHOICES


def _answered():
    return ANSWERED_CHOICES


def search_text(queryset, name, value):
    terms = value.split()[:8]
    for term in terms:
        queryset = queryset.filter(
            Q(title__icontains=term) | Q(summary__icontains=term) | Q(body__icontains=term)
        )
    return queryset


def visible_cooperations(request):
    """Cooperations the user may see (the one rule), for the cooperation filters."""
    if request is None:
        return Cooperation.objects.none()
    return Cooperation.objects.visible_to(request.user).order_by("name")


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=_article_kinds, label=_("Kind"))
    tag = django_filters.CharFilter(method="filter_tag", label=_("Tag"))
    sdg = django_filters.TypedChoiceFilter(
        field_name="sdgs__number", choices=_sdgs, coerce=int, label=_("SDG"), method="filter_sdg"
    )
    goal = django_filters.ChoiceFilter(choices=_goals, label=_("Goal"), method="filter_goal")
    owner = django_filters.ModelChoiceFilter(
        # the options show names only (Organisation.__str__), so only those are read
        queryset=Organisation.objects.only("pk", "name"),
        label=_("Author organisation"),
    )
    reviewed = django_filters.ChoiceFilter(
        choices=_reviewed,
        label=_("Review"),
        method="filter_reviewed",
    )

    class Meta:
        model = Article
        fields = ["q", "kind", "tag", "sdg", "goal", "owner", "reviewed"]

    def get_form_class(self):
        # No field depends on the request (the owner choices are all organisations, labels are
        # lazy), so the form class is built once, not per request; every form still copies its
        # fields (#18). A filter whose choices depend on the user must not do this.
        cls = type(self)
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            form_class = cls._form_class = super().get_form_class()
        return form_class

    # Related filters use id__in subqueries so rows are never duplicated and counts stay right.
    def filter_q(self, queryset, name, value):
        return search_text(queryset, name, value)

    def filter_tag(self, queryset, name, value):
        return queryset.filter(
            pk__in=Article.tags.through.objects.filter(tag__slug=value).values("article_id")
        )

    def filter_sdg(self, queryset, name, value):
        return queryset.filter(pk__in=Article.sdgs.through.objects.filter(sdg_id=value).values("article_id"))

    def filter_reviewed(self, queryset, name, value):
        return queryset.filter(reviewed=(value == "yes"))

    def filter_goal(self, queryset, name, value):
        return queryset.filter(
            pk__in=Article.goals.through.objects.filter(goal__key=value).values("article_id")
        )


class QuestionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    tag = django_filters.CharFilter(method="filter_tag", label=_("Tag"))
    answered = django_filters.ChoiceFilter(
        choices=_answered,
        label=_("Status"),
        method="filter_answered",
    )
    cooperation = django_filters.ModelChoiceFilter(queryset=visible_cooperations, label=_("Cooperation"))

    class Meta:
        model = Question
        fields = ["q", "tag", "cooperation", "answered"]

    def filter_answered(self, queryset, name, value):
        if value == "closed":
            return queryset.filter(is_closed=True)
        return queryset.filter(is_closed=False, accepted_answer__isnull=(value == "no"))

    def filter_q(self, queryset, name, value):
        for term in value.split()[:8]:
            queryset = queryset.filter(Q(title__icontains=term) | Q(body__icontains=term))
        return queryset

    def filter_tag(self, queryset, name, value):
        return queryset.filter(
            pk__in=Question.tags.through.objects.filter(tag__slug=value).values("question_id")
        )


class QuestionApiFilter(django_filters.FilterSet):
    """The API's question filters: a cooperation the reader may not see is "not a valid choice",
    as one that does not exist (no answer tells an outsider which ids exist)."""

    cooperation = django_filters.ModelChoiceFilter(queryset=visible_cooperations)

    class Meta:
        model = Question
        fields = ["owner", "cooperation", "is_closed"]
