"""Shared document management (xdomea model): filing plan → files → cases → documents → versions.

Documents and files follow the one sharing rule (owner organisation, visibility, cooperations);
cases, versions and links inherit the visibility of their parent.
"""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ikonnekt.core.links import row_url
from ikonnekt.core.sharing import (
    ChildQuerySet,
    Shareable,
    ShareableQuerySet,
    SharedChild,
    SharedObject,
    Visibility,
)

TRASH_DAYS = 30


class Trigger(models.TextChoices):
    FILE_CLOSED = "file_closed", _("File closed")
    DOCUMENT_DATE = "document_date", _("Document date")


class Disposal(models.TextChoices):
    ARCHIVE = "A", _("A – archive (hand over to the archive)")
    EVALUATE = "B", _("B – evaluate (archive decides)")
    DESTROY = "V", _("V – destroy")


class RetentionRule(models.Model):
    """How long records are kept and what happens afterwards (shipped by a data migration)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    years = models.PositiveSmallIntegerField(_("retention period (years)"))
    trigger = models.CharField(
        _("starts with"), max_length=20, choices=Trigger.choices, default=Trigger.FILE_CLOSED
    )
    disposal = models.CharField(
        _("disposal decision"), max_length=1, choices=Disposal.choices, default=Disposal.EVALUATE
    )

    class Meta:
        ordering = ["years", "name"]
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")

    def __str__(self):
        return f"{self.name} ({self.years} J., {self.disposal})"


class FilingSettings(models.Model):
    """Per-organisation settings of the DMS (file reference pattern)."""

    organisation = models.OneToOneField(
        "organizations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    reference_pattern = models.CharField(
        _("file reference pattern"),
        max_length=100,
        default="{org}-{subject}-{year}-{seq:04d}",
        help_text=_(
            "Placeholders: {org} organisation code, {subject} filing plan code, {year}, {seq} running number."
        ),
    )

    class Meta:
        verbose_name = _("filing settings")
        verbose_name_plural = _("filing settings")

    def __str__(self):
        return str(self.organisation)

    def clean(self):
        from django.core.exceptions import ValidationError

        from ikonnekt.documents.references import validate_pattern

        try:
            validate_pattern(self.reference_pattern)
        except ValueError as exc:
            raise ValidationError({"reference_pattern": str(exc)}) from exc


class FieldKind(models.TextChoices):
    TEXT = "text", _("Text")
    NUMBER = "number", pgettext_lazy("field kind", "Number")
    DATE = "date", _("Date")
    CHOICE = "choice", _("Choice")


class MetadataField(models.Model):
    """A custom metadata field an organisation adds to its documents (stored in ``Document.metadata``)."""

    organisation = models.ForeignKey("organizations.Organisation", on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(_("key"), max_length=40)
    label = models.CharField(_("label"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=FieldKind.choices, default=FieldKind.TEXT)
    choices = models.CharField(
        _("choices"),
        max_length=500,
        blank=True,
        help_text=_("For choice fields: values separated by commas."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["organisation", "order", "label"]
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="documents_metadata_key")]
        verbose_name = _("metadata field")
        verbose_name_plural = _("metadata fields")

    def __str__(self):
        return self.label

    def choice_list(self):
        return [c.strip() for c in self.choices.split(",") if c.strip()]


class Subject(SharedObject):
    """One entry of an organisation's filing plan (Aktenplan), e.g. ``6.1.3 Grünflächen``."""

    code = models.CharField(_("code"), max_length=30)
    title = models.CharField(_("title"), max_length=200)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    retention_rule = models.ForeignKey(
        RetentionRule, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("retention rule")
    )

    class Meta:
        ordering = ["owner", "code"]
        constraints = [models.UniqueConstraint(fields=["owner", "code"], name="documents_subject_code")]
        verbose_name = _("filing plan subject")
        verbose_name_plural = _("filing plan")

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return row_url("documents:subject_detail")(self.pk)

    @property
    def depth(self):
        return self.code.count(".")


class FileStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class DisposalState(models.TextChoices):
    NONE = "", _("—")
    APPROVED = "approved", _("disposal approved")
    DISPOSED = "disposed", _("disposed")


class File(Shareable):
    """A file (Akte) under a filing plan subject, with a generated file reference."""

    subject = models.ForeignKey(
        Subject, on_delete=models.PROTECT, related_name="files", verbose_name=_("filing plan subject")
    )
    reference = models.CharField(_("file reference"), max_length=80, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=FileStatus.choices, default=FileStatus.OPEN)
    responsible = models.CharField(_("responsible (unit or person)"), max_length=150, blank=True)
    retention_rule = models.ForeignKey(
        RetentionRule, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("retention rule")
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    legal_hold = models.BooleanField(
        _("legal hold"), default=False, help_text=_("Blocks deletion and disposal.")
    )
    disposal_state = models.CharField(
        _("disposal"), max_length=10, choices=DisposalState.choices, default="", blank=True, editable=False
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = pgettext_lazy("dms", "file")
        verbose_name_plural = pgettext_lazy("dms", "files")

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return row_url("documents:file_detail")(self.pk)

    @property
    def organisation_name(self):
        return self.owner.name

    @property
    def is_closed(self):
        return self.status == FileStatus.CLOSED

    @property
    def effective_retention(self):
        return self.retention_rule or self.subject.retention_rule

    def retention_due(self):
        from ikonnekt.documents.retention import due_date

        rule = self.effective_retention
        if rule is None:
            return None
        start = self.closed_at.date() if self.closed_at else None
        if rule.trigger == Trigger.DOCUMENT_DATE:
            start = (
                self.documents.filter(deleted_at__isnull=True).aggregate(m=models.Max("document_date"))["m"]
                or start
            )
        return due_date(start, rule.years)


class Case(SharedChild, models.Model):
    """A case (Vorgang) inside a file; inherits the file's visibility."""

    file = models.ForeignKey(
        File, on_delete=models.CASCADE, related_name="cases", verbose_name=pgettext_lazy("dms", "file")
    )
    number = models.PositiveIntegerField(_("number"), editable=False)
    title = models.CharField(_("title"), max_length=250)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "file"

    class Meta:
        ordering = ["file", "number"]
        constraints = [models.UniqueConstraint(fields=["file", "number"], name="documents_case_number")]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("documents:file_detail", args=[self.file_id]) + f"#case-{self.pk}"

    @property
    def reference(self):
        return f"{self.file.reference}/{self.number}"


class Tag(SharedObject):
    """A keyword an organisation uses to label documents."""

    name = models.CharField(_("name"), max_length=60)
    colour = models.CharField(_("colour"), max_length=7, default="#6c757d")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="documents_tag_name")]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("documents:list") + "?" + urlencode({"tags": self.name})


class Kind(models.TextChoices):
    LETTER = "letter", _("Letter")
    CONTRACT = "contract", _("Contract")
    MINUTES = "minutes", _("Minutes")
    PLAN = "plan", _("Plan")
    INVOICE = "invoice", _("Invoice")
    REPORT = "report", _("Report")
    APPLICATION = "application", _("Application")
    DECISION = "decision", pgettext_lazy("document kind", "Decision")
    OTHER = "other", _("Other")


class Extraction(models.TextChoices):
    PENDING = "pending", _("waiting")
    DONE = "done", _("text read")
    OCR = "ocr", _("text recognised (OCR)")
    NO_TEXT = "no_text", _("no text found")
    OCR_UNAVAILABLE = "ocr_unavailable", _("no text layer; OCR not installed")
    FAILED = "failed", _("failed")


class DocumentQuerySet(ShareableQuerySet):
    def active(self):
        return self.filter(deleted_at__isnull=True)

    def in_trash(self):
        return self.filter(deleted_at__isnull=False)


class Document(Shareable):
    """A document in a file or case, or loose in the inbox; its content is its versions."""

    file = models.ForeignKey(
        File,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=pgettext_lazy("dms", "file"),
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("case"),
    )
    title = models.CharField(_("title"), max_length=250)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    correspondent = models.CharField(_("correspondent"), max_length=200, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    received_date = models.DateField(_("received"), null=True, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="documents", verbose_name=_("tags"))
    metadata = models.JSONField(_("further metadata"), default=dict, blank=True)
    content = models.TextField(_("text content"), blank=True, editable=False)
    extraction = models.CharField(
        _("text extraction"),
        max_length=20,
        choices=Extraction.choices,
        default=Extraction.PENDING,
        editable=False,
    )
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True, editable=False)
    legal_hold = models.BooleanField(_("legal hold"), default=False, help_text=_("Blocks deletion."))
    deleted_at = models.DateTimeField(_("moved to trash"), null=True, blank=True, editable=False)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["owner", "deleted_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return row_url("documents:detail")(self.pk)

    @property
    def current_version(self):
        versions = getattr(self, "_prefetched_objects_cache", {}).get("versions")
        if versions is not None:
            return max(versions, key=lambda v: v.number, default=None)
        return self.versions.order_by("-number").first()

    @property
    def year(self):
        return (
            (self.document_date or self.created_at.date()).year
            if (self.document_date or self.created_at)
            else None
        )

    @property
    def organisation_name(self):
        return self.owner.name

    @property
    def kind_label(self):
        return str(self.get_kind_display())

    @property
    def file_label(self):
        return self.file.reference if self.file_id else ""

    @property
    def is_read_only(self):
        return bool(self.file_id and self.file.is_closed)

    @property
    def held(self):
        return self.legal_hold or bool(self.file_id and self.file.legal_hold)

    @property
    def purge_after(self):
        return self.deleted_at + datetime.timedelta(days=TRASH_DAYS) if self.deleted_at else None

    def tag_names(self):
        return [t.name for t in self.tags.all()]

    def metadata_text(self):
        return " ".join(str(v) for v in (self.metadata or {}).values() if v not in (None, ""))


def version_path(instance, filename):
    now = timezone.now()
    return f"documents/{now:%Y/%m}/{instance.sha256[:2]}/{instance.sha256}"


class Version(SharedChild, models.Model):
    """One stored file of a document; every earlier version stays downloadable."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="versions", verbose_name=_("document")
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=version_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    mime_type = models.CharField(_("content type"), max_length=120)
    size = models.BigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    thumbnail = models.ImageField(
        _("preview"), upload_to="documents/thumbnails/%Y/%m/", null=True, blank=True, max_length=300
    )
    text = models.TextField(_("text"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "document"

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="documents_version_number")
        ]
        verbose_name = _("version")
        verbose_name_plural = _("versions")

    def __str__(self):
        return f"{self.document} v{self.number}"

    def get_absolute_url(self):
        return row_url("documents:version_download")(self.pk)


class DocumentLink(SharedChild, models.Model):
    """A document attached to any other object of the platform (generic relation)."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="links", verbose_name=_("document")
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "document"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["document", "content_type", "object_id"], name="documents_link_unique"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("document link")
        verbose_name_plural = _("document links")

    def __str__(self):
        return f"{self.document} → {self.content_type.model} {self.object_id}"


__all__ = [
    "Case",
    "Document",
    "DocumentLink",
    "File",
    "FilingSettings",
    "RetentionRule",
    "Subject",
    "Tag",
    "Version",
    "Visibility",
]
