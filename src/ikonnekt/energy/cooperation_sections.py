"""Energy management on a cooperation's page: the joint energy reports."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ikonnekt.cooperations.sections import object_group, object_section
from ikonnekt.energy.models import EnergyReport


def sections(request, cooperation):
    return [
        object_section(
            _("Energy management"),
            [
                object_group(
                    _("Energy reports"),
                    EnergyReport,
                    "energy:report_detail",
                    order_by=("-year", "title"),
                    fields=("title", "year"),
                    describe=lambda row: str(row["year"]),
                )
            ],
            more_url=reverse("energy:report_list"),
            more_label=_("All energy reports"),
        )
    ]
