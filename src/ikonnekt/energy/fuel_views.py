"""Page linking a quarter's biomass variant to a green-waste scenario (energy.greenwaste_fuel)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ikonnekt.core.audit import Actor
from ikonnekt.core.forms import BootstrapForm, add_validation_error
from ikonnekt.core.sharing import ensure_can_edit, get_visible_or_404
from ikonnekt.energy import greenwaste_fuel
from ikonnekt.energy.models import Variant


class FuelLinkForm(BootstrapForm):
    scenario = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=gettext_lazy("Green-waste scenario"),
        empty_label=gettext_lazy("— none: wood chips price of the quarter —"),
    )
    heating_value = forms.DecimalField(
        label=gettext_lazy("heating value (MWh per tonne of green waste)"),
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=3,
        localize=True,  # "0,9" as a German user types it
        help_text=gettext_lazy(
            "Converts the scenario's cost per tonne into a fuel price, e.g. woody share × MWh/t."
        ),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from ikonnekt.materials.models import GreenWasteScenario

        self.fields["scenario"].queryset = GreenWasteScenario.objects.visible_to(user).order_by("name")


@login_required
def variant_fuel(request, pk):
    variant = get_visible_or_404(
        Variant.objects.select_related("quarter", "fuel_scenario"), request.user, pk=pk
    )
    quarter = variant.quarter
    ensure_can_edit(request.user, quarter)
    initial = {"scenario": variant.fuel_scenario_id, "heating_value": variant.fuel_heating_value}
    form = FuelLinkForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            greenwaste_fuel.set_link(
                Actor.from_request(request),
                variant,
                form.cleaned_data["scenario"],
                form.cleaned_data["heating_value"],
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(quarter.get_absolute_url())
    return render(
        request,
        "energy/variant_fuel.html",
        {"variant": variant, "quarter": quarter, "form": form, "link": greenwaste_fuel.link_of(variant)},
    )


variant_fuel.shareable_model = Variant
