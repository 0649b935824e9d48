"""Shared resource forms: the resource, bookings and usage."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikonnekt.administration import models as m
from ikonnekt.administration.forms.common import CooperationShareableForm
from ikonnekt.cooperations.models import Participation
from ikonnekt.core.forms import BootstrapForm
from ikonnekt.organizations.models import Organisation


class ResourceForm(CooperationShareableForm):
    class Meta:
        model = m.SharedResource
        fields = [
            "name",
            "owner",
            "cooperation",
            "kind",
            "description",
            "location",
            "usage_unit",
            "cost_rate",
            "requires_approval",
            "available_from",
            "available_until",
            "weekdays_only",
            "min_hours",
            "max_hours",
            "visibility",
            "shared_with",
        ]
        widgets = {
            "available_from": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "available_until": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }


class BookingForm(BootstrapForm):
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("Booking for"))
    start = forms.DateTimeField(label=_("Start"))
    end = forms.DateTimeField(label=_("End"))
    purpose = forms.CharField(label=_("Purpose"), required=False, max_length=255)

    def __init__(self, *args, resource, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=resource.booking_organisation_ids(user)
        )
        self.fields["organisation"].empty_label = None


class UsageForm(BootstrapForm):
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("Used by"))
    date = forms.DateField(label=_("Date"))
    quantity = forms.DecimalField(label=_("Quantity"), min_value=0.01, decimal_places=2)
    note = forms.CharField(label=_("Note"), required=False, max_length=255)

    def __init__(self, *args, resource, user, **kwargs):
        super().__init__(*args, **kwargs)
        ids = resource.booking_organisation_ids(user)
        if resource.can_edit(user):
            ids |= set(
                Participation.objects.filter(cooperation_id=resource.cooperation_id).values_list(
                    "organisation_id", flat=True
                )
            )
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=ids)
        self.fields["quantity"].help_text = resource.get_usage_unit_display()
        self.fields["date"].initial = timezone.localdate()
