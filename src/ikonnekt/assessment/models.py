"""Criteria catalogues (versioned trees of measures), areas, and scored assessments of areas.

A catalogue is a tree of nodes: groups (category, subcategory, … any depth) and measures (leaves).
An assessment rates every measure of one catalogue version for one area and one scenario.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikonnekt.core.links import row_url
from ikonnekt.core.sharing import ChildQuerySet, Shareable, SharedChild
from ikonnekt.reference.sdg import SDG_NUMBERS


class CatalogueKind(models.TextChoices):
    COMMERCIAL = "commercial", _("Commercial area")
    RESIDENTIAL = "residential", _("Residential area")
    QUARTER = "quarter", _("Quarter")


class CatalogueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Aggregation(models.TextChoices):
    POOLED = "pooled", _("Pooled points (achieved ÷ maximum over all measures below)")
    MEAN = "mean", _("Mean of child nodes (equal pillars)")


class Catalogue(Shareable):
    """One version of a criteria catalogue. Versions of the same catalogue share ``family``.

    Editors of the owner edit a draft; publishing freezes the version; assessments keep the
    version they were made with.
    """

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("for"), max_length=12, choices=CatalogueKind.choices, default=CatalogueKind.COMMERCIAL
    )
    description = models.TextField(_("description"), blank=True)
    family = models.UUIDField(_("catalogue family"), default=uuid.uuid4, editable=False, db_index=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CatalogueStatus.choices,
        default=CatalogueStatus.DRAFT,
        editable=False,
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    aggregation = models.CharField(
        _("aggregation"), max_length=8, choices=Aggregation.choices, default=Aggregation.POOLED
    )
    threshold_basic = models.DecimalField(
        _("threshold “basic” (%)"),
        max_digits=5,
        decimal_places=1,
        default=50,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    threshold_advanced = models.DecimalField(
        _("threshold “advanced” (%)"),
        max_digits=5,
        decimal_places=1,
        default=70,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    threshold_ambitious = models.DecimalField(
        _("threshold “ambitious” (%)"),
        max_digits=5,
        decimal_places=1,
        default=85,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    is_example = models.BooleanField(_("example catalogue"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["title", "-version"]
        verbose_name = _("criteria catalogue")
        verbose_name_plural = _("criteria catalogues")
        constraints = [models.UniqueConstraint(fields=["family", "version"], name="uniq_catalogue_version")]

    def __str__(self):
        return _("%(title)s (version %(version)s)") % {"title": self.title, "version": self.version}

    def get_absolute_url(self):
        return row_url("assessment:catalogue_detail")(self.pk)

    def clean(self):
        if not (self.threshold_basic <= self.threshold_advanced <= self.threshold_ambitious):
            raise ValidationError(
                {"threshold_advanced": _("Thresholds must rise: basic ≤ advanced ≤ ambitious.")}
            )

    @property
    def is_draft(self):
        return self.status == CatalogueStatus.DRAFT

    def can_edit_content(self, user) -> bool:
        """The tree may only change while the version is a draft."""
        return self.is_draft and self.can_edit(user)

    def thresholds(self):
        return [
            ("basic", float(self.threshold_basic)),
            ("advanced", float(self.threshold_advanced)),
            ("ambitious", float(self.threshold_ambitious)),
        ]


class Implementer(models.TextChoices):
    COMPANY = "company", _("Company")
    MUNICIPALITY = "municipality", _("Municipality")
    BOTH = "both", _("Company + municipality")


class NodeKind(models.TextChoices):
    GROUP = "group", _("Category")
    MEASURE = "measure", _("Measure")


def validate_sdgs(value):
    if not isinstance(value, list) or any(not isinstance(n, int) or n not in SDG_NUMBERS for n in value):
        raise ValidationError(_("SDGs are numbers from 1 to 17."))


class CatalogueNode(SharedChild, models.Model):
    """A category/subcategory (group) or a measure (leaf) of a catalogue; depth is not fixed."""

    catalogue = models.ForeignKey(Catalogue, on_delete=models.CASCADE, related_name="nodes")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    kind = models.CharField(_("type"), max_length=8, choices=NodeKind.choices, default=NodeKind.MEASURE)
    code = models.CharField(_("code"), max_length=30, help_text=_("Unique within the catalogue, e.g. U.1.3"))
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    sdgs = models.JSONField(_("SDGs"), default=list, blank=True, validators=[validate_sdgs])
    implementer = models.CharField(
        _("implemented by"), max_length=12, choices=Implementer.choices, blank=True
    )
    indicator = models.TextField(_("indicator"), blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    target_1 = models.CharField(_("target value level 1"), max_length=100, blank=True)
    target_2 = models.CharField(_("target value level 2"), max_length=100, blank=True)
    target_3 = models.CharField(_("target value level 3"), max_length=100, blank=True)
    level_1 = models.TextField(_("level 1 (average)"), blank=True)
    level_2 = models.TextField(_("level 2 (advanced)"), blank=True)
    level_3 = models.TextField(_("level 3 (ambitious)"), blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    is_minimum = models.BooleanField(
        _("minimum requirement"),
        default=False,
        help_text=_("Must reach at least level 1 for any result label."),
    )
    min_percent = models.DecimalField(
        _("minimum percentage"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("For categories: the result label needs at least this percentage here."),
    )
    factsheet = models.TextField(_("fact sheet (Steckbrief)"), blank=True)
    links = models.TextField(_("documents and links"), blank=True, help_text=_("One URL per line."))

    objects = ChildQuerySet.as_manager()
    sharing_parent = "catalogue"

    class Meta:
        ordering = ["catalogue", "order", "id"]
        verbose_name = _("catalogue entry")
        verbose_name_plural = _("catalogue entries")
        constraints = [models.UniqueConstraint(fields=["catalogue", "code"], name="uniq_node_code")]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("assessment:catalogue_detail", args=[self.catalogue_id]) + f"#node-{self.pk}"

    @property
    def is_measure(self):
        return self.kind == NodeKind.MEASURE

    def link_list(self):
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    def level_text(self, level):
        return getattr(self, f"level_{level}", "") if level in (1, 2, 3) else ""

    def clean(self):
        if self.parent_id:
            if self.parent.catalogue_id != self.catalogue_id:
                raise ValidationError({"parent": _("The parent belongs to another catalogue.")})
            if self.parent.kind != NodeKind.GROUP:
                raise ValidationError({"parent": _("Only categories can contain entries.")})
            ancestor = self.parent
            while ancestor is not None:
                if self.pk and ancestor.pk == self.pk:
                    raise ValidationError({"parent": _("An entry cannot be placed below itself.")})
                ancestor = ancestor.parent
        elif self.kind == NodeKind.MEASURE:
            raise ValidationError({"parent": _("A measure must belong to a category.")})


class AreaKind(models.TextChoices):
    COMMERCIAL = "commercial", _("Commercial area (Gewerbegebiet)")
    RESIDENTIAL = "residential", _("Residential area (Wohngebiet)")
    QUARTER = "quarter", _("Quarter (Quartier)")


class AreaStatus(models.TextChoices):
    EXISTING = "existing", _("existing")
    PLANNED = "planned", _("planned")


class Area(Shareable):
    """A commercial or residential area or quarter that is planned or re-planned."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=12, choices=AreaKind.choices, default=AreaKind.COMMERCIAL)
    municipality = models.ForeignKey(
        "organizations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("municipality"),
        limit_choices_to={"kind__in": ["municipality", "district"]},
    )
    size_ha = models.DecimalField(
        _("size (ha)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AreaStatus.choices, default=AreaStatus.EXISTING
    )
    geometry = models.JSONField(
        _("location"), null=True, blank=True, help_text=_("GeoJSON point or polygon (WGS 84).")
    )
    description = models.TextField(_("description"), blank=True)
    documents = models.TextField(_("documents and links"), blank=True, help_text=_("One URL per line."))
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return row_url("assessment:area_detail")(self.pk)

    def document_list(self):
        return [line.strip() for line in self.documents.splitlines() if line.strip()]


class Assessment(Shareable):
    """The rating of one area against one catalogue version for one scenario."""

    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("area")
    )
    catalogue = models.ForeignKey(
        Catalogue, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("catalogue version")
    )
    scenario = models.CharField(
        _("scenario"), max_length=120, help_text=_("e.g. “Bestand 2025”, “Variante A”")
    )
    assessed_on = models.DateField(_("date"), default=timezone.localdate)
    notes = models.TextField(_("notes"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["area__name", "assessed_on", "scenario"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self):
        return f"{self.area.name} – {self.scenario}"

    def get_absolute_url(self):
        return row_url("assessment:assessment_detail")(self.pk)


class RatingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")


class Rating(SharedChild, models.Model):
    """The level reached by one measure in one assessment (or "not applicable" with a reason)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    measure = models.ForeignKey(CatalogueNode, on_delete=models.CASCADE, related_name="ratings")
    level = models.PositiveSmallIntegerField(
        _("level"), null=True, blank=True, validators=[MaxValueValidator(3)]
    )
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    reason = models.TextField(_("reason (not applicable)"), blank=True)
    status = models.CharField(_("implementation"), max_length=12, choices=RatingStatus.choices, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    documents = models.TextField(_("documents and links"), blank=True)
    feed = models.ForeignKey(
        "indicators.IndicatorSeries",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessment_ratings",
        verbose_name=_("indicator feed"),
        help_text=_("The level follows the measure's target values applied to this computed series."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "assessment"

    class Meta:
        ordering = ["assessment", "measure__order", "measure_id"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [models.UniqueConstraint(fields=["assessment", "measure"], name="uniq_rating")]

    def __str__(self):
        return f"{self.assessment} · {self.measure.code}"

    def document_list(self):
        return [line.strip() for line in self.documents.splitlines() if line.strip()]

    def clean(self):
        errors = {}
        if self.measure.catalogue_id != self.assessment.catalogue_id:
            errors["measure"] = _("This measure belongs to another catalogue version than the assessment.")
        elif not self.measure.is_measure:
            errors["measure"] = _("Only measures can be rated, not categories.")
        if self.level is not None and not 0 <= self.level <= 3:
            errors["level"] = _("The level must be 0, 1, 2 or 3.")
        if self.not_applicable and not self.reason.strip():
            errors["reason"] = _("Give a reason why the measure is not applicable.")
        if errors:
            raise ValidationError(errors)


class Comment(SharedChild, models.Model):
    """A remark on a measure of an assessment, by the owner's members or cooperation partners."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="comments")
    measure = models.ForeignKey(
        CatalogueNode, on_delete=models.CASCADE, related_name="comments", null=True, blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_organisation = models.ForeignKey(
        "organizations.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "assessment"

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return self.text[:60]
