"""Cost sharing forms: cost keys with their components, cost items, advance payments and the
settlement year."""

from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikonnekt.administration import models as m
from ikonnekt.core.forms import BootstrapForm, BootstrapModelForm
from ikonnekt.organizations.models import Organisation


class CostKeyForm(BootstrapModelForm):
    class Meta:
        model = m.CostKey
        fields = ["name"]


class ComponentForm(BootstrapModelForm):
    class Meta:
        model = m.CostKeyComponent
        fields = ["basis", "weight_percent", "reference_date", "resource", "position"]

    def __init__(self, *args, agreement=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].queryset = m.SharedResource.objects.visible_to(user).filter(
            cooperation=agreement.cooperation
        )
        self.fields["position"].queryset = m.SharedPosition.objects.visible_to(user).filter(
            cooperation=agreement.cooperation
        )
        for field in self.fields.values():
            field.required = False


ComponentFormSet = formset_factory(ComponentForm, extra=3, max_num=5)


class CostItemForm(BootstrapModelForm):
    class Meta:
        model = m.CostItem
        fields = ["year", "category", "label", "amount", "overhead_rate_percent", "cost_key"]

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cost_key"].queryset = agreement.cost_keys.all()
        self.fields["year"].initial = timezone.localdate().year


class AdvanceForm(BootstrapModelForm):
    class Meta:
        model = m.AdvancePayment
        fields = ["organisation", "year", "amount"]

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=agreement.parties.values("organisation_id")
        )

    def validate_unique(self):
        pass  # an existing row of the party and year is updated by the action


class SettlementForm(BootstrapForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    reason = forms.CharField(
        label=_("Reason for correction"),
        required=False,
        max_length=255,
        help_text=_("Needed when a settlement for this year was already issued."),
    )
