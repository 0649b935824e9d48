"""What the forms of joint administration share: the cooperation choice of the top-level objects."""

from django.utils.translation import gettext_lazy as _

from ikonnekt.cooperations.models import Cooperation
from ikonnekt.core.forms import ShareableForm
from ikonnekt.core.sharing import orgs_with_role
from ikonnekt.organizations.models import Organisation


def _cooperations_for(user):
    return (
        Cooperation.objects.visible_to(user)
        .filter(participations__organisation_id__in=orgs_with_role(user))
        .distinct()
    )


def _participants(cooperation):
    return Organisation.objects.filter(participations__cooperation=cooperation).distinct()


class CooperationShareableForm(ShareableForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "cooperation" in self.fields:
            self.fields["cooperation"].queryset = _cooperations_for(self.user)
            if self.instance.pk:
                self.fields["cooperation"].disabled = True

    def clean(self):
        data = super().clean()
        coop, owner = data.get("cooperation"), data.get("owner") or getattr(self.instance, "owner", None)
        if coop and owner and not coop.participations.filter(organisation=owner).exists():
            self.add_error(
                "cooperation", _("%(org)s does not take part in this cooperation.") % {"org": owner}
            )
        return data
