"""Dashboard panel: newest articles and open questions the user may see."""

from ikonnekt.core.prepared import Rows
from ikonnekt.knowledge.models import Article, Question

# the SQL of both lists is built once per connection and reader shape (core.prepared)
_articles = Rows(
    lambda user: (
        Article.objects.visible_to(user)
        .select_related("owner")
        .only("title", "kind", "owner__name")
        .order_by("-updated_at")[:5]
    )
)
_open_questions = Rows(
    lambda user: (
        Question.objects.visible_to(user)
        .filter(accepted_answer__isnull=True)
        .select_related("owner")
        .only("title", "owner__name")
        .order_by("-created_at")[:5]
    )
)


def panels(request):
    user = request.user
    if not user.is_authenticated:
        return []
    articles = _articles(user)
    open_questions = _open_questions(user)
    if not articles and not open_questions:
        return []
    return [
        {"template": "knowledge/_dashboard_panel.html", "articles": articles, "questions": open_questions}
    ]
