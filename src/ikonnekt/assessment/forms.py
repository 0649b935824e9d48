"""Forms of the assessment module (German labels through gettext)."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from ikonnekt.assessment.catalogue_io import MAX_UPLOAD_BYTES
from ikonnekt.assessment.geometry import clean_geometry
from ikonnekt.assessment.models import Area, Assessment, Catalogue, CatalogueNode, CatalogueStatus, NodeKind
from ikonnekt.core.forms import BootstrapForm, BootstrapModelForm, ShareableForm
from ikonnekt.reference.sdg import SDG_NUMBERS, SDG_TITLES


class CatalogueForm(ShareableForm):
    class Meta:
        model = Catalogue
        fields = [
            "title",
            "owner",
            "kind",
            "description",
            "aggregation",
            "threshold_basic",
            "threshold_advanced",
            "threshold_ambitious",
            "visibility",
            "shared_with",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class NodeForm(BootstrapModelForm):
    sdgs = forms.TypedMultipleChoiceField(
        choices=[(n, f"{n} {SDG_TITLES[n]}") for n in SDG_NUMBERS],
        coerce=int,
        required=False,
        label=_("SDGs"),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "sdg-checkboxes"}),
    )

    class Meta:
        model = CatalogueNode
        fields = [
            "parent",
            "kind",
            "code",
            "title",
            "order",
            "description",
            "sdgs",
            "implementer",
            "indicator",
            "unit",
            "target_1",
            "target_2",
            "target_3",
            "level_1",
            "level_2",
            "level_3",
            "weight",
            "is_minimum",
            "min_percent",
            "factsheet",
            "links",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in ("description", "indicator", "level_1", "level_2", "level_3", "factsheet", "links")
        }

    def __init__(self, *args, catalogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.catalogue = catalogue
        groups = catalogue.nodes.filter(kind=NodeKind.GROUP)
        if self.instance.pk:
            groups = groups.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = groups
        self.fields["parent"].required = False

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        others = CatalogueNode.objects.filter(catalogue=self.instance.catalogue, code=code)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("This code is already used in the catalogue."))
        return code


class CatalogueImportForm(BootstrapForm):
    file = forms.FileField(label=_("File (XLSX or JSON)"), help_text=_("At most 5 MB."))
    owner = forms.ModelChoiceField(queryset=None, label=_("owner organisation"), empty_label=None)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not (name.endswith(".xlsx") or name.endswith(".json")):
            raise forms.ValidationError(_("Upload an .xlsx or .json file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class RatingsImportForm(BootstrapForm):
    file = forms.FileField(label=_("Assessment as XLSX"), help_text=_("Sheet “Bewertung”, at most 5 MB."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload an .xlsx file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class AreaForm(ShareableForm):
    geometry = forms.CharField(
        label=_("Location (GeoJSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "data-geometry-input": "1"}),
        help_text=_("Click on the map to set a point; switch to polygon to draw the outline."),
    )

    class Meta:
        model = Area
        fields = [
            "name",
            "owner",
            "kind",
            "municipality",
            "size_ha",
            "status",
            "description",
            "geometry",
            "documents",
            "visibility",
            "shared_with",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "documents": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.geometry:
            self.initial["geometry"] = json.dumps(self.instance.geometry)

    def clean_geometry(self):
        raw = (self.cleaned_data.get("geometry") or "").strip()
        if not raw:
            return None
        try:
            geometry = json.loads(raw)
        except json.JSONDecodeError:
            raise forms.ValidationError(_("The location is not valid GeoJSON."))
        return clean_geometry(geometry)


class AssessmentForm(ShareableForm):
    class Meta:
        model = Assessment
        fields = [
            "area",
            "catalogue",
            "scenario",
            "assessed_on",
            "owner",
            "notes",
            "visibility",
            "shared_with",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.visible_to(self.user)
        self.fields["catalogue"].queryset = Catalogue.objects.visible_to(self.user).filter(
            status=CatalogueStatus.PUBLISHED
        )
        if self.instance.pk:
            self.fields["area"].disabled = True
            self.fields["catalogue"].disabled = True


class VariantForm(BootstrapForm):
    scenario = forms.CharField(label=_("Name of the new scenario"), max_length=120)


class CommentForm(BootstrapForm):
    text = forms.CharField(label=_("comment"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)
