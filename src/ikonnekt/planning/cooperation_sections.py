"""Joint planning on a cooperation's page: its visions and the measures it carries."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ikonnekt.cooperations.sections import object_group, object_section
from ikonnekt.planning.models import Measure, Vision


def sections(request, cooperation):
    user = request.user
    return [
        object_section(
            _("Joint planning"),
            [
                object_group(
                    _("Visions"),
                    Vision.objects.visible_to(user)
                    .filter(cooperation=cooperation)
                    .order_by("horizon", "title"),
                ),
                object_group(
                    _("Measures"),
                    Measure.objects.visible_to(user).filter(cooperation=cooperation).order_by("title"),
                    describe=lambda measure: measure.get_status_display(),
                ),
            ],
            more_url=reverse("planning:board"),
            more_label=_("To Vision 2100 and the goal tree"),
        )
    ]
