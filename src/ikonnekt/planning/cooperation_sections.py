"""Joint planning on a cooperation's page: its visions and the measures it carries."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ikonnekt.cooperations.sections import choice_labels, object_group, object_section
from ikonnekt.planning.models import Measure, Vision


def sections(request, cooperation):
    statuses = choice_labels(Measure, "status")
    return [
        object_section(
            _("Joint planning"),
            [
                object_group(
                    _("Visions"),
                    Vision,
                    "planning:vision_detail",
                    order_by=("horizon", "title"),
                    fields=("title", "horizon"),
                    text=lambda row: f"{row['title']} ({row['horizon']})",  # as Vision.__str__
                ),
                object_group(
                    _("Measures"),
                    Measure,
                    "planning:measure_detail",
                    order_by=("title",),
                    fields=("title", "status"),
                    describe=lambda row: statuses.get(row["status"], row["status"]),
                ),
            ],
            more_url=reverse("planning:board"),
            more_label=_("To Vision 2100 and the goal tree"),
        )
    ]
