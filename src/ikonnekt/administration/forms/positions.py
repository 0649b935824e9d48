"""Shared position forms: the position, time shares, time records and their CSV import."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikonnekt.administration import models as m
from ikonnekt.administration.forms.common import CooperationShareableForm, _participants
from ikonnekt.core.forms import BootstrapForm
from ikonnekt.core.sharing import orgs_with_role
from ikonnekt.organizations.models import Organisation


class PositionForm(CooperationShareableForm):
    class Meta:
        model = m.SharedPosition
        fields = [
            "title",
            "owner",
            "cooperation",
            "agreement",
            "holder",
            "fte",
            "annual_personnel_costs",
            "overhead_rate_percent",
            "start_date",
            "description",
            "visibility",
            "shared_with",
        ]
        labels = {"owner": _("Employer")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = m.Agreement.objects.visible_to(self.user)
        self.fields["holder"].queryset = (
            get_user_model()
            .objects.filter(memberships__organisation_id__in=orgs_with_role(self.user))
            .distinct()
        )


class SharesForm(BootstrapForm):
    """One planned percentage per participant of the position's cooperation."""

    def __init__(self, *args, position, **kwargs):
        super().__init__(*args, **kwargs)
        current = {s.organisation_id: s.planned_percent for s in position.shares.all()}
        self.orgs = list(_participants(position.cooperation))
        for org in self.orgs:
            self.fields[f"org_{org.pk}"] = forms.DecimalField(
                label=org.name,
                required=False,
                min_value=0,
                max_value=100,
                decimal_places=2,
                initial=current.get(org.pk),
            )

    def shares(self):
        return {
            org: self.cleaned_data[f"org_{org.pk}"]
            for org in self.orgs
            if self.cleaned_data.get(f"org_{org.pk}")
        }


class TimeRecordForm(BootstrapForm):
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("Worked for"))
    date = forms.DateField(label=_("Date"))
    hours = forms.DecimalField(label=_("Hours"), min_value=0.01, max_value=24, decimal_places=2)
    note = forms.CharField(label=_("Note"), required=False, max_length=255)

    def __init__(self, *args, position, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=position.shares.values("organisation_id")
        )
        self.fields["date"].initial = timezone.localdate()


class CsvImportForm(BootstrapForm):
    file = forms.FileField(label=_("CSV file"), help_text=_("Columns: datum;person;partner;stunden;notiz"))
