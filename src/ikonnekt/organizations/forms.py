from django import forms
from django.utils.translation import gettext_lazy as _

from ikonnekt.core.forms import BootstrapForm, BootstrapModelForm
from ikonnekt.core.sharing import Role
from ikonnekt.organizations.models import Organisation


class OrganisationForm(BootstrapModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "code",
            "kind",
            "is_transfer_municipality",
            "parent",
            "ags",
            "inhabitants",
            "area_km2",
            "latitude",
            "longitude",
            "website",
            "description",
        ]

    def clean(self):
        data = super().clean()
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lon is None):
            raise forms.ValidationError(_("Enter both latitude and longitude, or neither."))
        if lat is not None and not (-90 <= lat <= 90):
            self.add_error("latitude", _("The latitude lies between -90 and 90."))
        if lon is not None and not (-180 <= lon <= 180):
            self.add_error("longitude", _("The longitude lies between -180 and 180."))
        parent = data.get("parent")
        if parent is not None and self.instance.pk and parent.pk == self.instance.pk:
            self.add_error("parent", _("An organisation cannot belong to itself."))
        return data


class InviteForm(BootstrapForm):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.VIEWER)


class RoleForm(BootstrapForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
