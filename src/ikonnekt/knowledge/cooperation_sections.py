"""Knowledge exchange on a cooperation's page: the articles assigned to it."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ikonnekt.cooperations.sections import object_group, object_section
from ikonnekt.knowledge.models import Article


def sections(request, cooperation):
    articles = Article.objects.visible_to(request.user).filter(cooperations=cooperation)
    return [
        object_section(
            _("Knowledge"),
            [object_group(_("Articles"), articles.order_by("title"))],
            more_url=reverse("knowledge:list"),
            more_label=_("All knowledge articles"),
        )
    ]
