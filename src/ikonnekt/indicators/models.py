"""Indicator series published from computed figures, with provenance and history.

A series belongs to the owner organisation of its source and follows the platform's sharing
rule (``Shareable``). Every recomputation adds a :class:`SeriesValue` with its provenance and
keeps the earlier values (``is_current`` marks the latest of each year).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikonnekt.core.links import row_url
from ikonnekt.core.sharing import ChildQuerySet, Shareable, SharedChild

DEFAULT_LICENCE = "dl-by-de/2.0"


class SeriesStatus(models.TextChoices):
    OK = "ok", _("up to date")
    BROKEN = "broken", _("broken link")


class Frequency(models.TextChoices):
    """DCAT-AP.de update frequencies (EU frequency vocabulary)."""

    ANNUAL = "ANNUAL", _("annually")
    QUARTERLY = "QUARTERLY", _("quarterly")
    MONTHLY = "MONTHLY", _("monthly")
    IRREGULAR = "IRREG", _("irregularly (when the source changes)")


class Licence(models.TextChoices):
    DL_BY = "dl-by-de/2.0", _("Datenlizenz Deutschland – Namensnennung – Version 2.0")
    DL_ZERO = "dl-zero-de/2.0", _("Datenlizenz Deutschland – Zero – Version 2.0")
    CC_BY = "cc-by/4.0", _("Creative Commons Namensnennung 4.0 International")


class IndicatorSeries(Shareable):
    """One published feed of one source object (and one dimension, e.g. an energy carrier)."""

    feed = models.CharField(_("feed"), max_length=80, db_index=True)
    title = models.CharField(_("title"), max_length=255)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    dimension = models.CharField(_("dimension"), max_length=60, blank=True)
    dimension_label = models.CharField(_("dimension label"), max_length=120, blank=True)
    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("source type")
    )
    source_id = models.PositiveBigIntegerField(_("source id"))
    source_label = models.CharField(
        _("source"), max_length=255, help_text=_("Kept when the source is deleted.")
    )
    region = models.ForeignKey(
        "organizations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("The municipality or district the figures describe (spatial coverage)."),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=SeriesStatus.choices, default=SeriesStatus.OK
    )
    problem = models.CharField(_("problem"), max_length=300, blank=True)
    auto_update = models.BooleanField(
        _("update automatically"), default=True, help_text=_("Recompute when the source changes.")
    )
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices, default=DEFAULT_LICENCE)
    update_frequency = models.CharField(
        _("update frequency"), max_length=10, choices=Frequency.choices, default=Frequency.IRREGULAR
    )
    in_comparison = models.BooleanField(_("take part in the inter-municipal comparison"), default=False)
    anonymous_in_comparison = models.BooleanField(
        _("anonymised in the comparison"),
        default=False,
        help_text=_("Other municipalities see the value, but not whose it is."),
    )
    last_computed_at = models.DateTimeField(_("last computed"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["title", "dimension"]
        constraints = [
            models.UniqueConstraint(
                fields=["feed", "source_type", "source_id", "dimension"], name="indicators_series_unique"
            )
        ]
        verbose_name = _("indicator series")
        verbose_name_plural = _("indicator series")

    def __str__(self):
        title = self.display_title
        return f"{title} – {self.dimension_label}" if self.dimension_label else title

    @property
    def display_title(self) -> str:
        """The feed's title in the reader's language; the stored title once the feed is gone."""
        from ikonnekt.indicators.registry import feeds

        feed = feeds.get(self.feed)
        return str(feed.title) if feed else self.title

    def get_absolute_url(self):
        return row_url("indicators:detail")(self.pk)

    @property
    def is_broken(self) -> bool:
        return self.status == SeriesStatus.BROKEN

    def source(self):
        """The source object, or None when it was deleted."""
        model = self.source_type.model_class()
        if model is None:
            return None
        return model._base_manager.filter(pk=self.source_id).first()

    def visible_source(self, user):
        """``(source, visible)``: the source object (None when deleted) and whether ``user`` may see
        it, in one query: the read rule (``visible_to_q``, which ``is_visible_to`` and
        ``Feed.source_visible`` apply) as an annotation; a source without it is visible to all."""
        model = self.source_type.model_class()
        if model is None:
            return None, False
        sources = model._base_manager.filter(pk=self.source_id)
        rule = getattr(model, "visible_to_q", None)
        if rule is None:
            source = sources.first()
            return source, source is not None
        source = sources.annotate(
            visible_to_reader=models.ExpressionWrapper(rule(user), output_field=models.BooleanField())
        ).first()
        return source, bool(source is not None and source.visible_to_reader)

    def current_values(self):
        return self.values.filter(is_current=True).order_by("year")

    def latest(self):
        return self.values.filter(is_current=True).order_by("-year").first()


class SeriesValue(SharedChild, models.Model):
    """One computed value with its provenance. Recomputing adds a row; the old one stays."""

    series = models.ForeignKey(
        IndicatorSeries, on_delete=models.CASCADE, related_name="values", verbose_name=_("series")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))
    is_current = models.BooleanField(_("current"), default=True)
    calculation = models.CharField(_("calculation"), max_length=300)
    calculation_version = models.CharField(_("calculation version"), max_length=20)
    inputs = models.JSONField(_("inputs"), default=dict, blank=True)
    factor_set = models.TextField(_("factor set"), blank=True)  # name, year and full source text
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    objects = ChildQuerySet.as_manager()
    sharing_parent = "series"

    class Meta:
        ordering = ["series", "year", "-computed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year"],
                condition=models.Q(is_current=True),
                name="indicators_one_current_value",
            )
        ]
        verbose_name = _("series value")
        verbose_name_plural = _("series values")

    def __str__(self):
        return f"{self.series} {self.year}: {self.value}"
