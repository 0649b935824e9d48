from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ikonnekt.core.forms import BootstrapForm, BootstrapModelForm, ShareableForm, style_widget
from ikonnekt.core.sharing import orgs_with_role
from ikonnekt.documents.models import (
    Case,
    Document,
    FieldKind,
    File,
    FilingSettings,
    Kind,
    MetadataField,
    Subject,
    Tag,
)
from ikonnekt.organizations.models import Organisation


class DocumentForm(ShareableForm):
    class Meta:
        model = Document
        fields = [
            "title",
            "kind",
            "correspondent",
            "document_date",
            "received_date",
            "file",
            "case",
            "tags",
            "legal_hold",
            "visibility",
            "shared_with",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        owner = self.instance.owner_id
        self.fields["file"].queryset = File.objects.filter(owner_id=owner, status="open")
        self.fields["case"].queryset = Case.objects.filter(file__owner_id=owner).select_related("file")
        self.fields["tags"].queryset = Tag.objects.filter(owner_id=owner)
        self.fields["tags"].widget = forms.CheckboxSelectMultiple(choices=self.fields["tags"].choices)
        if not self.instance.can_delete(self.user):
            self.fields["legal_hold"].disabled = True
        # the owner's custom metadata fields (stored in Document.metadata)
        self.meta_fields = list(MetadataField.objects.filter(organisation_id=owner))
        stored = self.instance.metadata or {}
        for mf in self.meta_fields:
            field_class = {
                FieldKind.NUMBER: lambda **kw: forms.DecimalField(max_digits=18, decimal_places=4, **kw),
                FieldKind.DATE: forms.DateField,
                FieldKind.CHOICE: lambda mf=mf, **kw: forms.ChoiceField(
                    choices=[("", "—")] + [(c, c) for c in mf.choice_list()], **kw
                ),
            }.get(mf.kind, lambda **kw: forms.CharField(max_length=500, **kw))
            self.fields[f"meta_{mf.key}"] = field_class(
                label=mf.label, required=False, initial=stored.get(mf.key)
            )
            style_widget(self.fields[f"meta_{mf.key}"])
            if mf.kind == FieldKind.DATE:
                self.fields[f"meta_{mf.key}"].widget = forms.DateInput(
                    attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"
                )

    def clean(self):
        data = super().clean()
        metadata = dict(self.instance.metadata or {})
        for mf in self.meta_fields:
            value = data.get(f"meta_{mf.key}")
            if value in (None, ""):
                metadata.pop(mf.key, None)
            else:
                metadata[mf.key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
        self.instance.metadata = metadata
        return data


class FileForm(ShareableForm):
    class Meta:
        model = File
        fields = [
            "owner",
            "subject",
            "title",
            "description",
            "responsible",
            "retention_rule",
            "visibility",
            "shared_with",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = Subject.objects.filter(
            owner_id__in=orgs_with_role(self.user)
        ).select_related("owner")
        self.fields["subject"].label_from_instance = lambda s: f"{s.owner.code or s.owner.name}: {s}"

    def clean(self):
        data = super().clean()
        owner = data.get("owner") or self.instance.owner if self.instance.pk else data.get("owner")
        subject = data.get("subject")
        if owner and subject and subject.owner_id != owner.pk:
            self.add_error("subject", _("Choose a subject of the owner organisation's filing plan."))
        return data


class SubjectForm(ShareableForm):
    class Meta:
        model = Subject
        fields = ["owner", "code", "title", "parent", "retention_rule", "visibility"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Subject.objects.filter(owner_id__in=orgs_with_role(self.user))


class UploadForm(BootstrapForm):
    owner = forms.ModelChoiceField(
        Organisation.objects.none(), label=_("Owner organisation"), empty_label=None
    )
    file = forms.ModelChoiceField(
        File.objects.none(),
        label=pgettext_lazy("dms", "File"),
        required=False,
        empty_label=_("— Inbox (no file) —"),
    )
    kind = forms.ChoiceField(choices=Kind.choices, label=_("Type"), initial=Kind.OTHER)
    correspondent = forms.CharField(label=_("Correspondent"), required=False, max_length=200)
    visibility = forms.ChoiceField(
        choices=[("", _("Like the file (or private)"))]
        + list(Document._meta.get_field("visibility").choices),
        required=False,
        label=_("Visibility"),
    )
    link_duplicate = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, active_organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = orgs_with_role(user)
        self.fields["owner"].queryset = Organisation.objects.filter(pk__in=orgs)
        if active_organisation is not None and active_organisation.pk in orgs:
            self.fields["owner"].initial = active_organisation.pk
        self.fields["file"].queryset = File.objects.filter(owner_id__in=orgs, status="open").select_related(
            "owner"
        )

    def clean(self):
        data = super().clean()
        if data.get("file") and data.get("owner") and data["file"].owner_id != data["owner"].pk:
            self.add_error("file", _("The file belongs to another organisation."))
        return data


class VersionForm(BootstrapForm):
    upload = forms.FileField(label=_("New version"))
    comment = forms.CharField(label=_("Comment"), required=False, max_length=300)


class CaseForm(BootstrapForm):
    title = forms.CharField(label=_("Title of the case"), max_length=250)


class PlanImportForm(BootstrapForm):
    owner = forms.ModelChoiceField(Organisation.objects.none(), label=_("Organisation"), empty_label=None)
    upload = forms.FileField(label=_("Filing plan (CSV or XLSX: code, title[, retention rule])"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Organisation.objects.filter(pk__in=orgs_with_role(user))


class PackageImportForm(PlanImportForm):
    upload = forms.FileField(label=_("Export ZIP (from iKonnekt)"))
    subject = forms.ModelChoiceField(
        Subject.objects.none(), label=_("Filing plan subject (optional)"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["subject"].queryset = Subject.objects.filter(owner_id__in=orgs_with_role(user))


class FilingSettingsForm(BootstrapModelForm):
    class Meta:
        model = FilingSettings
        fields = ["reference_pattern"]


class MetadataFieldForm(BootstrapModelForm):
    """A custom field; the key (how values are stored) is made from the label when left empty."""

    class Meta:
        model = MetadataField
        fields = ["label", "key", "kind", "choices", "order"]
        help_texts = {"key": _("Letters, digits and hyphens; made from the label when left empty.")}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["key"].required = False

    def clean(self):
        data = super().clean()
        if not data.get("key") and data.get("label"):
            data["key"] = slugify(data["label"])[:40] or "feld"
            self.instance.key = data["key"]
        if data.get("kind") == FieldKind.CHOICE and not [
            c for c in (data.get("choices") or "").split(",") if c.strip()
        ]:
            self.add_error("choices", _("A choice field needs at least one value (separated by commas)."))
        key = data.get("key")
        if key:
            others = MetadataField.objects.filter(organisation=self.instance.organisation, key=key)
            if others.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "key", _("Your organisation already has a field with the key “%(key)s”.") % {"key": key}
                )
        return data
