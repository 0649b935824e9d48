from django import forms
from django.utils.translation import gettext_lazy as _

from ikonnekt.core.forms import BootstrapForm, BootstrapModelForm, ShareableForm
from ikonnekt.materials.models import (
    CollectionPoint,
    DataQuality,
    GreenWasteScenario,
    Layer,
    MfaSystem,
    Plant,
    Unit,
)

MAX_UPLOAD = 5 * 1024 * 1024


class SystemForm(ShareableForm):
    class Meta:
        model = MfaSystem
        fields = [
            "name",
            "description",
            "boundary",
            "first_year",
            "last_year",
            "owner",
            "visibility",
            "shared_with",
        ]

    def clean(self):
        data = super().clean()
        if data.get("first_year") and data.get("last_year") and data["last_year"] < data["first_year"]:
            self.add_error("last_year", _("The last period lies before the first."))
        return data


class ScenarioForm(ShareableForm):
    class Meta:
        model = GreenWasteScenario
        exclude = ["result", "result_at", "created_by", "use_imported_distances"]


class PointForm(BootstrapModelForm):
    class Meta:
        model = CollectionPoint
        fields = [
            "name",
            "municipality",
            "latitude",
            "longitude",
            "opening_hours",
            "fractions",
            "quantity_m3",
            "quantity_t",
            "method",
            "responsibility",
        ]

    def clean(self):
        data = super().clean()
        if data.get("quantity_m3") is None and data.get("quantity_t") is None:
            raise forms.ValidationError(_("Give the annual quantity in m³ or in t."))
        return data


class PlantForm(BootstrapModelForm):
    class Meta:
        model = Plant
        exclude = ["scenario"]

    def clean(self):
        data = super().clean()
        operator = data.get("operator")
        own = operator is not None and operator.kind in ("municipality", "district")
        if not data.get("candidate") and not own and (data.get("fixed_cost") or 0) > 0:
            self.add_error(
                "fixed_cost",
                _(
                    "A third-party plant's fixed costs are part of its gate fee: enter 0, or choose the "
                    "municipality that owns or operates the plant."
                ),
            )
        if bool(data.get("thermal_kw")) != bool(data.get("full_load_hours")):
            self.add_error(
                "full_load_hours",
                _("Give both the rated heat output and the full-load hours, or neither."),
            )
        return data


class UploadForm(BootstrapForm):
    file = forms.FileField(
        label=_("File"), help_text=_("XLSX (sheets processes, flows, values, stocks) or JSON, at most 5 MB.")
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        head = f.read(4)
        f.seek(0)
        name = f.name.lower()
        if name.endswith(".xlsx") and head == b"PK\x03\x04":
            self.kind = "xlsx"
        elif name.endswith(".json") and head[:1] in (b"{", b" ", b"\n", b"\r", b"\t", b"\xef"):
            self.kind = "json"
        else:
            raise forms.ValidationError(_("Upload an .xlsx workbook or a .json file (checked by content)."))
        return f


class ImportSystemForm(UploadForm):
    owner = forms.ModelChoiceField(queryset=None, label=_("owner organisation"), empty_label=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from ikonnekt.core.sharing import orgs_with_role
        from ikonnekt.organizations.models import Organisation

        self.fields["owner"].queryset = Organisation.objects.filter(pk__in=orgs_with_role(user))
        self.fields["owner"].widget.attrs["class"] = "form-select"


class DistanceUploadForm(BootstrapForm):
    file = forms.FileField(
        label=_("CSV file"), help_text=_("Columns: collection point; plant; km (one row per pair).")
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        raw = f.read()
        if b"\x00" in raw[:4096]:
            raise forms.ValidationError(_("This is not a text (CSV) file."))
        try:
            self.text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            self.text = raw.decode("latin-1")
        return f


class AnalysisForm(BootstrapForm):
    year = forms.IntegerField(label=_("Period"))
    layer = forms.ChoiceField(label=_("Layer"), choices=Layer.choices)


class MonthForm(BootstrapForm):
    point = forms.ModelChoiceField(queryset=None, label=_("collection point"))
    year = forms.IntegerField(label=_("year"), min_value=1990, max_value=2100)
    month = forms.IntegerField(label=_("month"), min_value=1, max_value=12)
    reported_t = forms.FloatField(label=_("reported (t)"), required=False, min_value=0)
    delivered_t = forms.FloatField(label=_("delivered (t)"), required=False, min_value=0)

    def __init__(self, *args, scenario, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["point"].queryset = scenario.points.all()
        self.fields["point"].widget.attrs["class"] = "form-select"


class ValueRowForm(BootstrapForm):
    """One flow's datum in the period/layer table editor."""

    flow_id = forms.IntegerField(widget=forms.HiddenInput)
    value = forms.FloatField(label=_("value"), required=False, min_value=0)
    unit = forms.ChoiceField(label=_("unit"), choices=Unit.choices)
    uncertainty = forms.FloatField(label=_("standard uncertainty"), required=False, min_value=0)
    uncertainty_is_percent = forms.BooleanField(label=_("in %"), required=False)
    transfer_coefficient = forms.FloatField(
        label=_("transfer coefficient"), required=False, min_value=0, max_value=1
    )
    source = forms.CharField(label=_("source"), required=False, max_length=300)
    quality = forms.ChoiceField(label=_("data quality"), choices=DataQuality.choices)

    def clean(self):
        data = super().clean()
        if data.get("value") is not None and data.get("transfer_coefficient") is not None:
            raise forms.ValidationError(_("Give either a value or a transfer coefficient, not both."))
        return data


ValueFormSet = forms.formset_factory(ValueRowForm, extra=0)
