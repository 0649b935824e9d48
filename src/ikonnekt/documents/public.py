"""Public documents for the start page of anonymous visitors."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ikonnekt.documents.models import Document


def sections(user):
    docs = Document.objects.visible_to(user).select_related("owner").order_by("-created_at")[:4]
    return [
        {
            "order": 40,
            "icon": "file-earmark-text",
            "title": _("Public documents"),
            "url": reverse("documents:list"),
            "items": [(d.title, d.get_absolute_url(), d.owner.name) for d in docs],
        }
    ]
