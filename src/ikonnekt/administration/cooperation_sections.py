"""Joint administrative action on a cooperation's page: agreements, shared staff, resources, groups."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ikonnekt.administration import models as m
from ikonnekt.cooperations.sections import choice_labels, object_group, object_section


def sections(request, cooperation):
    # Only the columns shown (title or name, status or kind): the rows are links.
    statuses = choice_labels(m.Agreement, "status")
    kinds = choice_labels(m.WorkingGroup, "kind")
    return [
        object_section(
            _("Joint administration"),
            [
                object_group(
                    _("Agreements"),
                    m.Agreement,
                    "administration:agreement_detail",
                    order_by=("title",),
                    fields=("title", "status"),
                    describe=lambda row: statuses.get(row["status"], row["status"]),
                ),
                object_group(
                    _("Shared positions"),
                    m.SharedPosition,
                    "administration:position_detail",
                    order_by=("title",),
                ),
                object_group(
                    _("Shared resources"),
                    m.SharedResource,
                    "administration:resource_detail",
                    order_by=("name",),
                    fields=("name",),
                ),
                object_group(
                    _("Working groups"),
                    m.WorkingGroup,
                    "administration:group_detail",
                    order_by=("name",),
                    fields=("name", "kind"),
                    describe=lambda row: kinds.get(row["kind"], row["kind"]),
                ),
            ],
            more_url=reverse("administration:cooperation", args=[cooperation.pk]),
            more_label=_("Everything of this cooperation in joint administration"),
        )
    ]
