import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikonnekt.core.forms import BootstrapForm, BootstrapModelForm, ShareableForm
from ikonnekt.core.sharing import user_org_ids
from ikonnekt.energy.domain import importers
from ikonnekt.energy.models import (
    Building,
    BuildingGroup,
    EmissionFactorSet,
    EnergyReport,
    Measure,
    Meter,
    MeterExchange,
    Quarter,
    QuarterBuilding,
    Tariff,
    Variant,
    WeatherStation,
)

BERLIN = ZoneInfo("Europe/Berlin")


class BuildingForm(ShareableForm):
    class Meta:
        model = Building
        fields = [
            "name",
            "property_name",
            "use_type",
            "reference_area",
            "area_kind",
            "year_built",
            "address",
            "postcode",
            "latitude",
            "longitude",
            "caretaker",
            "station",
            "weather_method",
            "heating_share",
            "groups",
            "owner",
            "visibility",
            "shared_with",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = user_org_ids(self.user)
        self.fields["caretaker"].queryset = (
            get_user_model().objects.filter(memberships__organisation__in=orgs).distinct()
        )
        self.fields["station"].queryset = WeatherStation.objects.visible_to(self.user)
        self.fields["groups"].queryset = BuildingGroup.objects.visible_to(self.user).filter(owner_id__in=orgs)
        self.fields["groups"].widget = forms.CheckboxSelectMultiple(choices=self.fields["groups"].choices)
        self.fields["groups"].required = False


class GroupForm(ShareableForm):
    class Meta:
        model = BuildingGroup
        fields = ["name", "description", "owner", "visibility", "shared_with"]


class StationForm(ShareableForm):
    class Meta:
        model = WeatherStation
        fields = [
            "name",
            "station_id",
            "latitude",
            "longitude",
            "long_term_degree_days",
            "reference_period",
            "is_sample",
            "source",
            "owner",
            "visibility",
            "shared_with",
        ]


class MeterForm(BootstrapModelForm):
    class Meta:
        model = Meter
        fields = [
            "number",
            "name",
            "carrier",
            "unit",
            "kind",
            "parent",
            "formula",
            "digits",
            "state_number",
            "calorific_value",
            "calorific_basis",
            "conversion_factor",
            "installed_on",
            "active",
        ]

    def __init__(self, *args, building, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.building = building
        qs = building.meters.all()
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = qs

    def clean(self):
        data = super().clean()
        from ikonnekt.energy.services import parse_formula

        if data.get("kind") == "virtual" and data.get("formula"):
            try:
                terms = parse_formula(data["formula"])
            except ValueError:
                self.add_error("formula", _("Write meter numbers joined by + and −, e.g. “Z1 - Z2”."))
                return data
            numbers = set(
                self.instance.building.meters.exclude(kind="virtual").values_list("number", flat=True)
            )
            unknown = [n for _s, n in terms if n not in numbers]
            if unknown:
                self.add_error(
                    "formula",
                    _("Unknown or virtual meters in the formula: %(n)s") % {"n": ", ".join(unknown)},
                )
        if (
            data.get("carrier") == "natural_gas"
            and data.get("unit") == "m3"
            and data.get("calorific_basis") != "hs"
        ):
            self.add_error(
                "calorific_basis",
                _("Gas in m³ is converted with the Brennwert (Hs); choose Hs, the balance converts to Hi."),
            )
        return data


class LocalDateTimeField(forms.DateTimeField):
    """A local (Europe/Berlin) date and time; stored as UTC."""

    def to_python(self, value):
        result = super().to_python(value)
        if result is not None and timezone.is_naive(result):
            result = result.replace(tzinfo=BERLIN)
        return result


def _now_local():
    return timezone.now().astimezone(BERLIN).replace(second=0, microsecond=0, tzinfo=None)


class ReadingForm(BootstrapForm):
    timestamp = LocalDateTimeField(label=_("Date and time"), initial=_now_local)
    value = forms.CharField(
        label=_("Reading"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "autofocus": True}),
        help_text=_("As shown on the meter; decimal comma or point."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)
    confirm = forms.BooleanField(label=_("The value is correct, save it despite the warning"), required=False)

    def clean_value(self):
        try:
            value = importers.parse_number(self.cleaned_data["value"])
        except ValueError:
            raise forms.ValidationError(_("Enter a number, e.g. 12345,6.")) from None
        if value < 0:
            raise forms.ValidationError(_("A meter reading cannot be negative."))
        return round(value, 3)


class ExchangeForm(BootstrapModelForm):
    timestamp = LocalDateTimeField(label=_("Time of exchange"))

    class Meta:
        model = MeterExchange
        fields = ["timestamp", "old_final_reading", "new_initial_reading", "new_number", "note"]


class TariffForm(BootstrapModelForm):
    class Meta:
        model = Tariff
        fields = ["valid_from", "valid_to", "energy_price", "base_price", "supplier"]


class MeasureForm(BootstrapModelForm):
    class Meta:
        model = Measure
        fields = [
            "title",
            "description",
            "status",
            "carrier",
            "cost",
            "expected_savings_kwh",
            "baseline_year",
            "done_on",
        ]


class ImportForm(BootstrapForm):
    kind = forms.ChoiceField(
        label=_("Data"),
        choices=[
            ("cumulative", _("Meter readings (cumulative)")),
            ("interval", _("Interval data (15 min / hourly)")),
        ],
    )
    value_mode = forms.ChoiceField(
        label=_("Values in interval files"),
        choices=[("kwh", _("energy per interval (kWh)")), ("kw", _("mean power (kW)"))],
        required=False,
    )
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("Columns: time; value; optional unit. Times in German local time."),
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        name = f.name.lower()
        if not name.endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError(_("Only CSV or XLSX files can be imported."))
        limit = importers.MAX_XLSX_BYTES if name.endswith(".xlsx") else importers.MAX_CSV_BYTES
        if f.size > limit:
            raise forms.ValidationError(
                _("The file is too large (at most %(mb)s MB).") % {"mb": limit // 1024 // 1024}
            )
        head = f.read(4096)
        f.seek(0)
        if name.endswith(".xlsx") and not head.startswith(b"PK"):
            raise forms.ValidationError(_("This is not an XLSX file."))
        if not name.endswith(".xlsx") and b"\x00" in head:
            raise forms.ValidationError(_("This is not a text (CSV) file."))
        return f


class TemperatureImportForm(BootstrapForm):
    file = forms.FileField(label=_("CSV file"), help_text=_("Columns: date; daily mean temperature (°C)."))

    def clean_file(self):
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Only CSV files can be imported."))
        if f.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is too large (at most 5 MB)."))
        data = f.read()
        rows, errors = [], []
        try:
            table = list(importers.read_table(f.name, data))
        except importers.FileRejected:
            raise forms.ValidationError(_("This is not a text (CSV) file.")) from None
        for number, cells in enumerate(table, start=1):
            if not cells or not str(cells[0]).strip():
                continue
            try:
                stamp, _has_time = importers.parse_time(cells[0])
            except ValueError:
                if number == 1:
                    continue  # header
                errors.append(_("Row %(row)s, column A: cannot read the date.") % {"row": number})
                continue
            try:
                temp = importers.parse_number(cells[1]) if len(cells) > 1 else None
            except ValueError:
                temp = None
            if temp is None or not -40 <= temp <= 45:
                errors.append(
                    _("Row %(row)s, column B: temperature missing or implausible.") % {"row": number}
                )
                continue
            rows.append((stamp.date(), temp))
        if errors:
            raise forms.ValidationError(errors[:20])
        if not rows:
            raise forms.ValidationError(_("The file contains no data rows."))
        dates = [d for d, _t in rows]
        if len(set(dates)) != len(dates):
            raise forms.ValidationError(_("A date occurs twice in the file."))
        self.rows = rows
        return f


class ReportForm(ShareableForm):
    class Meta:
        model = EnergyReport
        fields = [
            "title",
            "year",
            "cooperation",
            "factor_set",
            "summary",
            "owner",
            "visibility",
            "shared_with",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from ikonnekt.cooperations.models import Cooperation
        from ikonnekt.core.sharing import user_cooperation_ids

        self.fields["cooperation"].queryset = Cooperation.objects.filter(
            pk__in=user_cooperation_ids(self.user)
        )
        self.fields["factor_set"].queryset = EmissionFactorSet.objects.all()
        if not self.instance.pk:
            self.fields["year"].initial = dt.date.today().year - 1


class QuarterForm(ShareableForm):
    class Meta:
        model = Quarter
        fields = [
            "name",
            "description",
            "assessed_area",
            "station",
            "factor_set",
            "interest_rate",
            "period_years",
            "price_electricity",
            "price_heat_pump",
            "price_gas",
            "price_wood",
            "price_district_heat",
            "feed_in_tariff",
            "price_increase",
            "investment_price_increase",
            "operation_price_increase",
            "co2_price_path",
            "owner",
            "visibility",
            "shared_with",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = WeatherStation.objects.visible_to(self.user)

    def clean_co2_price_path(self):
        from ikonnekt.energy.domain.quarter_calc import InputError, parse_path

        try:
            parse_path(self.cleaned_data["co2_price_path"])
        except InputError:
            raise forms.ValidationError(
                _("Write year:price pairs separated by commas, e.g. “2026:55, 2030:100”.")
            ) from None
        return self.cleaned_data["co2_price_path"]


class QuarterBuildingForm(BootstrapModelForm):
    class Meta:
        model = QuarterBuilding
        fields = ["name", "count", "area", "heat_demand", "dhw_demand", "electricity"]


class VariantForm(BootstrapModelForm):
    class Meta:
        model = Variant
        fields = [
            "name",
            "heat_source",
            "efficiency",
            "network_loss",
            "capex",
            "lifetime",
            "maintenance_pct",
            "pv_kwp",
            "pv_capex_per_kwp",
            "battery_kwh",
            "battery_capex_per_kwh",
            "solar_thermal_share",
            "solar_thermal_capex",
            "operation_cost",
            "other_cost",
            "subsidy",
            "notes",
        ]
