"""Shared positions: the partners' time shares and the hours worked for each."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ikonnekt.administration.models.agreements import Agreement
from ikonnekt.administration.models.common import MONEY, PERCENT
from ikonnekt.core.links import row_url
from ikonnekt.core.sharing import ChildQuerySet, Shareable, SharedChild


class SharedPosition(Shareable):
    """A position shared by several partners (e.g. a climate manager for two municipalities)."""

    cooperation = models.ForeignKey(
        "cooperations.Cooperation", on_delete=models.PROTECT, related_name="+", verbose_name=_("cooperation")
    )
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("agreement"),
    )
    title = models.CharField(_("title"), max_length=200)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("holder"),
    )
    fte = models.DecimalField(
        _("full-time equivalent"), max_digits=4, decimal_places=2, default=Decimal("1.00")
    )
    annual_personnel_costs = models.DecimalField(_("personnel costs per year (EUR)"), **MONEY, default=0)
    overhead_rate_percent = models.DecimalField(
        _("overhead rate (%)"), max_digits=5, decimal_places=2, default=Decimal("20"), validators=PERCENT
    )
    start_date = models.DateField(_("since"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["title"]
        verbose_name = _("shared position")
        verbose_name_plural = _("shared positions")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return row_url("administration:position_detail")(self.pk)


class PositionShare(SharedChild, models.Model):
    position = models.ForeignKey(SharedPosition, on_delete=models.CASCADE, related_name="shares")
    organisation = models.ForeignKey(
        "organizations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("partner")
    )
    planned_percent = models.DecimalField(
        _("planned time share (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )

    objects = ChildQuerySet.as_manager()
    sharing_parent = "position"

    class Meta:
        ordering = ["position", "-planned_percent"]
        constraints = [
            models.UniqueConstraint(fields=["position", "organisation"], name="uniq_position_share")
        ]
        verbose_name = _("time share")
        verbose_name_plural = _("time shares")

    def __str__(self):
        return f"{self.organisation}: {self.planned_percent} %"


class TimeRecord(SharedChild, models.Model):
    """Hours the position holder worked for one partner on one day."""

    position = models.ForeignKey(SharedPosition, on_delete=models.CASCADE, related_name="time_records")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        "organizations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("worked for")
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("24"))],
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "position"

    class Meta:
        ordering = ["-date", "id"]
        indexes = [models.Index(fields=["position", "date"])]
        verbose_name = _("time record")
        verbose_name_plural = _("time records")

    def __str__(self):
        return f"{self.date} {self.person} {self.hours} h ({self.organisation})"
