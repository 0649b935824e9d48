"""Public knowledge articles for the start page of anonymous visitors."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ikonnekt.knowledge.models import Article


def sections(user):
    articles = Article.objects.visible_to(user).select_related("owner").order_by("-created_at")[:4]
    return [
        {
            "order": 50,
            "icon": "journal-richtext",
            "title": _("Knowledge"),
            "url": reverse("knowledge:list"),
            "items": [(a.title, a.get_absolute_url(), a.owner.name) for a in articles],
        }
    ]
