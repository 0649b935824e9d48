import datetime
import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ikonnekt.core.forms import BootstrapForm, BootstrapModelForm, ShareableForm
from ikonnekt.core.sharing import orgs_with_role, user_org_ids
from ikonnekt.organizations.models import Organisation, OrganisationKind
from ikonnekt.planning import geometry
from ikonnekt.planning.models import (
    DecisionCheck,
    Effect,
    GoalNode,
    Measure,
    Megatrend,
    Obstacle,
    OwnerAnswer,
    QuestionSet,
    Site,
    SiteOwner,
    Vision,
)

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_GEOJSON_BYTES = 1 * 1024 * 1024


def municipalities():
    return Organisation.objects.filter(kind__in=[OrganisationKind.MUNICIPALITY, OrganisationKind.DISTRICT])


class MegatrendForm(ShareableForm):
    class Meta:
        model = Megatrend
        fields = ["title", "owner", "description", "sources", "relevance", "visibility", "shared_with"]


class VisionForm(ShareableForm):
    class Meta:
        model = Vision
        fields = [
            "title",
            "owner",
            "horizon",
            "text",
            "author_group",
            "workshop",
            "workshop_date",
            "workshop_url",
            "cooperation",
            "megatrends",
            "image",
            "visibility",
            "shared_with",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        from ikonnekt.cooperations.models import Cooperation

        self.fields["cooperation"].queryset = Cooperation.objects.visible_to(user)
        self.fields["megatrends"].queryset = Megatrend.objects.visible_to(user)

    def clean_workshop_url(self):
        url = self.cleaned_data["workshop_url"].strip()
        if url and not (url.startswith("/") or url.startswith("https://") or url.startswith("http://")):
            raise ValidationError(_("Enter a link starting with / or https://."))
        return url

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and hasattr(image, "size"):
            if image.size > MAX_IMAGE_BYTES:
                raise ValidationError(_("The image is larger than 5 MB."))
            name = image.name.lower()
            if not name.endswith((".png", ".jpg", ".jpeg", ".webp")):
                raise ValidationError(_("Upload a PNG, JPEG or WebP image."))
            from PIL import Image

            try:
                image.seek(0)
                with Image.open(image) as img:
                    img.verify()
                    if img.format not in ("PNG", "JPEG", "WEBP"):
                        raise ValidationError(_("Upload a PNG, JPEG or WebP image."))
                image.seek(0)
            except ValidationError:
                raise
            except Exception:
                raise ValidationError(_("The file is not a readable image."))
        return image


class GoalNodeForm(ShareableForm):
    class Meta:
        model = GoalNode
        fields = [
            "title",
            "owner",
            "kind",
            "parent",
            "vision",
            "description",
            "rollup",
            "weight",
            "order",
            "indicator",
            "unit",
            "direction",
            "baseline_year",
            "baseline_value",
            "target_year",
            "target_value",
            "sdg_targets",
            "responsible",
            "visibility",
            "shared_with",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["parent"].queryset = GoalNode.objects.visible_to(user).filter(kind="goal")
        self.fields["vision"].queryset = Vision.objects.visible_to(user)
        self.fields["sdg_targets"].widget.attrs["size"] = 10
        self.fields["responsible"].queryset = Organisation.objects.all()
        if self.instance.pk:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(pk=self.instance.pk)


class MeasureForm(ShareableForm):
    class Meta:
        model = Measure
        fields = [
            "title",
            "owner",
            "target",
            "status",
            "progress",
            "description",
            "start_date",
            "end_date",
            "cooperation",
            "catalogue_measure",
            "visibility",
            "shared_with",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        from ikonnekt.cooperations.models import Cooperation

        self.fields["target"].queryset = GoalNode.objects.visible_to(user)
        self.fields["cooperation"].queryset = Cooperation.objects.visible_to(user)


class IndicatorValueForm(BootstrapForm):
    municipality = forms.ModelChoiceField(municipalities(), label=_("Municipality"))
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2200)
    value = forms.CharField(label=_("Value"), max_length=30)
    source = forms.CharField(label=_("Source"), max_length=255, required=False)

    def __init__(self, *args, node, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities()
        own = [o for o in orgs_with_role(user)]
        default = node.responsible_id or node.owner_id
        self.fields["municipality"].initial = (
            default if default in own or node.can_edit(user) else (own or [None])[0]
        )
        self.fields["year"].initial = datetime.date.today().year - 1

    def clean_value(self):
        from ikonnekt.planning.actions import parse_number

        try:
            return parse_number(self.cleaned_data["value"])
        except ValueError:
            raise ValidationError(_("Enter a number, e.g. 12,5."))


class CsvImportForm(BootstrapForm):
    file = forms.FileField(label=_("CSV file"), help_text=_("Columns: municipality;year;value;source"))

    def clean_file(self):
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith((".csv", ".txt")):
            raise ValidationError(_("Upload a .csv file."))
        if f.size > 2 * 1024 * 1024:
            raise ValidationError(_("The file is larger than 2 MB."))
        return f


class SiteForm(ShareableForm):
    geometry = forms.CharField(
        label=_("Geometry"),
        required=False,
        widget=forms.HiddenInput(attrs={"id": "id_geometry", "data-draw-target": "1"}),
    )
    geojson_file = forms.FileField(
        label=_("… or import GeoJSON"),
        required=False,
        help_text=_("One feature in WGS84 (EPSG:4326), max. 1 MB."),
    )
    obstacles = forms.MultipleChoiceField(
        label=_("Mobilisation obstacles"),
        choices=Obstacle.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Site
        fields = [
            "name",
            "owner",
            "category",
            "geometry",
            "parcel",
            "address",
            "planning_law",
            "availability",
            "obstacles",
            "contamination_suspected",
            "in_exchange",
            "in_commercial_pool",
            "documents",
            "assessment_url",
            "notes",
            "visibility",
            "shared_with",
        ]
        labels = {"owner": _("Municipality")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if self.instance.pk and self.instance.geometry and not self.is_bound:
            self.initial["geometry"] = json.dumps(self.instance.geometry)

    def clean(self):
        data = super().clean()
        upload = data.get("geojson_file")
        raw = data.get("geometry")
        if upload:
            if upload.size > MAX_GEOJSON_BYTES:
                self.add_error("geojson_file", _("The file is larger than 1 MB."))
                return data
            if not upload.name.lower().endswith((".geojson", ".json")):
                self.add_error("geojson_file", _("Upload a .geojson or .json file."))
                return data
            raw = upload.read()
            field = "geojson_file"
        else:
            field = "geometry"
        if not raw:
            self.add_error("geometry", _("Draw the site on the map or import a GeoJSON file."))
            return data
        try:
            geom, area, lat, lon = geometry.clean_geometry(raw)
        except ValidationError as exc:
            self.add_error(field, exc)
            return data
        self.instance.geometry = geom
        self.instance.area_m2 = area
        self.instance.centroid_lat = lat
        self.instance.centroid_lon = lon
        data["geometry"] = geom
        return data


class SiteOwnerForm(BootstrapModelForm):
    class Meta:
        model = SiteOwner
        fields = ["name", "street", "postcode", "city", "email", "phone", "consent_note", "letter_sent_on"]


class AnswerForm(BootstrapForm):
    answer = forms.ChoiceField(label=_("Answer"), choices=OwnerAnswer.choices)
    answered_on = forms.DateField(label=_("Answered on"), initial=datetime.date.today)
    note = forms.CharField(
        label=_("Conditions / note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class LetterForm(BootstrapForm):
    FORMATS = [("docx", "Word (DOCX)"), ("pdf", "PDF")]
    template = forms.CharField(
        label=_("Letter text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Placeholders: {name}, {street}, {postcode}, {city}, {site}, {parcel}, {location}, {municipality}"
        ),
    )
    format = forms.ChoiceField(label=_("Format"), choices=FORMATS)
    mark_sent = forms.BooleanField(label=_("Mark letters as sent today"), required=False, initial=True)

    def clean_template(self):
        from ikonnekt.planning.letters import check_template

        text = self.cleaned_data["template"]
        check_template(text)
        return text


class LandTakeForm(BootstrapForm):
    municipality = forms.ModelChoiceField(municipalities(), label=_("Municipality"))
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2200)
    hectares = forms.FloatField(label=_("New settlement area (ha)"))
    source = forms.CharField(label=_("Source"), max_length=255, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities().filter(pk__in=orgs_with_role(user))


class QuestionSetForm(ShareableForm):
    class Meta:
        model = QuestionSet
        fields = ["name", "owner", "description", "is_active", "visibility", "shared_with"]


class DecisionCheckForm(ShareableForm):
    class Meta:
        model = DecisionCheck
        fields = [
            "title",
            "owner",
            "reference",
            "question_set",
            "date",
            "summary",
            "visibility",
            "shared_with",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        qs = QuestionSet.objects.visible_to(user)
        if not self.instance.pk:
            qs = qs.filter(is_active=True)
        self.fields["question_set"].queryset = qs
        if self.instance.pk:
            self.fields["question_set"].disabled = True


class CheckAnswersForm(BootstrapForm):
    """One effect and justification field per question of the check's set."""

    def __init__(self, *args, questions, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for q in self.questions:
            current = existing.get(q.pk)
            self.fields[f"effect_{q.pk}"] = forms.ChoiceField(
                label=q.text,
                choices=Effect.choices,
                widget=forms.RadioSelect,
                initial=current.effect if current else None,
                help_text=q.help,
            )
            self.fields[f"why_{q.pk}"] = forms.CharField(
                label=_("Justification"),
                required=False,
                max_length=500,
                initial=current.justification if current else "",
            )

    def answers(self):
        return {
            q.pk: (self.cleaned_data[f"effect_{q.pk}"], self.cleaned_data.get(f"why_{q.pk}", ""))
            for q in self.questions
        }


def member_org_ids(user):
    return user_org_ids(user)


class RelevanceForm(BootstrapForm):
    municipality = forms.ModelChoiceField(municipalities(), label=_("Municipality"))
    relevance = forms.TypedChoiceField(
        label=_("Relevance"), coerce=int, choices=[(i, str(i)) for i in range(1, 6)], initial=3
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities().filter(pk__in=orgs_with_role(user))
