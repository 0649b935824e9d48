"""Dashboard panel: newest articles and open questions the user may see."""

from ikonnekt.knowledge.models import Article, Question


def panels(request):
    user = request.user
    if not user.is_authenticated:
        return []
    articles = list(
        Article.objects.visible_to(user)
        .select_related("owner")
        .only("title", "kind", "owner__name")
        .order_by("-updated_at")[:5]
    )
    open_questions = list(
        Question.objects.visible_to(user)
        .filter(accepted_answer__isnull=True)
        .select_related("owner")
        .only("title", "owner__name")
        .order_by("-created_at")[:5]
    )
    if not articles and not open_questions:
        return []
    return [
        {"template": "knowledge/_dashboard_panel.html", "articles": articles, "questions": open_questions}
    ]
