"""Public Vision 2100 pictures for the start page of anonymous visitors."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ikonnekt.planning.models import Vision


def sections(user):
    visions = Vision.objects.visible_to(user).select_related("owner").order_by("-created_at")[:4]
    return [
        {
            "order": 30,
            "icon": "easel",
            "title": _("Vision 2100"),
            "url": reverse("planning:board"),
            "items": [(v.title, v.get_absolute_url(), v.owner.name) for v in visions],
        }
    ]
