"""Joint administrative action on a cooperation's page: agreements, shared staff, resources, groups."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ikonnekt.administration import models as m
from ikonnekt.cooperations.sections import choice_labels, object_group, object_section


def sections(request, cooperation):
    # Only the columns shown (title or name, status or kind): the rows are links.
    user = request.user
    statuses = choice_labels(m.Agreement, "status")
    kinds = choice_labels(m.WorkingGroup, "kind")
    return [
        object_section(
            _("Joint administration"),
            [
                object_group(
                    _("Agreements"),
                    m.Agreement.objects.visible_to(user).order_by("title"),
                    "administration:agreement_detail",
                    fields=("title", "status"),
                    describe=lambda row: statuses.get(row["status"], row["status"]),
                ),
                object_group(
                    _("Shared positions"),
                    m.SharedPosition.objects.visible_to(user).order_by("title"),
                    "administration:position_detail",
                ),
                object_group(
                    _("Shared resources"),
                    m.SharedResource.objects.visible_to(user).order_by("name"),
                    "administration:resource_detail",
                    fields=("name",),
                ),
                object_group(
                    _("Working groups"),
                    m.WorkingGroup.objects.visible_to(user).order_by("name"),
                    "administration:group_detail",
                    fields=("name", "kind"),
                    describe=lambda row: kinds.get(row["kind"], row["kind"]),
                ),
            ],
            more_url=reverse("administration:cooperation", args=[cooperation.pk]),
            more_label=_("Everything of this cooperation in joint administration"),
        )
    ]
