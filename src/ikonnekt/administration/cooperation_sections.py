"""Joint administrative action on a cooperation's page: agreements, shared staff, resources, groups."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ikonnekt.administration import models as m
from ikonnekt.cooperations.sections import object_group, object_section


def sections(request, cooperation):
    # Only the columns shown (title or name, status or kind): the rows are links.
    user = request.user
    in_cooperation = {"cooperation": cooperation}
    return [
        object_section(
            _("Joint administration"),
            [
                object_group(
                    _("Agreements"),
                    m.Agreement.objects.visible_to(user)
                    .filter(**in_cooperation)
                    .only("title", "status")
                    .order_by("title"),
                    describe=lambda agreement: agreement.get_status_display(),
                ),
                object_group(
                    _("Shared positions"),
                    m.SharedPosition.objects.visible_to(user)
                    .filter(**in_cooperation)
                    .only("title")
                    .order_by("title"),
                ),
                object_group(
                    _("Shared resources"),
                    m.SharedResource.objects.visible_to(user)
                    .filter(**in_cooperation)
                    .only("name")
                    .order_by("name"),
                ),
                object_group(
                    _("Working groups"),
                    m.WorkingGroup.objects.visible_to(user)
                    .filter(**in_cooperation)
                    .only("name", "kind")
                    .order_by("name"),
                    describe=lambda group: group.get_kind_display(),
                ),
            ],
            more_url=reverse("administration:cooperation", args=[cooperation.pk]),
            more_label=_("Everything of this cooperation in joint administration"),
        )
    ]
