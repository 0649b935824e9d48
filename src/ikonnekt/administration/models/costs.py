"""Cost sharing under an agreement: cost keys, cost items, advance payments, annual settlements and
the log of reminders sent."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ikonnekt.administration.models.agreements import Agreement
from ikonnekt.administration.models.common import MONEY, PERCENT
from ikonnekt.administration.models.positions import SharedPosition
from ikonnekt.administration.models.resources import SharedResource
from ikonnekt.core.links import row_url
from ikonnekt.core.sharing import ChildQuerySet, SharedChild


class CostKey(SharedChild, models.Model):
    """How a cost item is split: weighted components (e.g. 30 % equal base + 70 % usage)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="cost_keys")
    name = models.CharField(_("name"), max_length=120)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "agreement"

    class Meta:
        ordering = ["name"]
        verbose_name = _("cost key")
        verbose_name_plural = _("cost keys")

    def __str__(self):
        return self.name


class KeyBasis(models.TextChoices):
    EQUAL = "equal", _("equal shares (base)")
    FIXED = "fixed", _("fixed shares of the parties")
    INHABITANTS = "inhabitants", _("inhabitants on a reference date")
    RESOURCE_USAGE = (
        "resource_usage",
        _("usage of a resource (recorded usage, else hours of confirmed bookings)"),
    )
    RESOURCE_BOOKINGS = "resource_bookings", _("number of bookings of a resource")
    POSITION_HOURS = "position_hours", _("hours worked in a shared position")


class CostKeyComponent(SharedChild, models.Model):
    cost_key = models.ForeignKey(CostKey, on_delete=models.CASCADE, related_name="components")
    basis = models.CharField(_("basis"), max_length=20, choices=KeyBasis.choices)
    weight_percent = models.DecimalField(_("weight (%)"), max_digits=6, decimal_places=3, validators=PERCENT)
    reference_date = models.DateField(_("reference date"), null=True, blank=True)
    resource = models.ForeignKey(
        SharedResource,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resource"),
    )
    position = models.ForeignKey(
        SharedPosition,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("staff position", "position"),
    )

    objects = ChildQuerySet.as_manager()
    sharing_parent = "cost_key"

    class Meta:
        ordering = ["cost_key", "id"]
        verbose_name = _("cost key component")
        verbose_name_plural = _("cost key components")

    def __str__(self):
        return f"{self.weight_percent} % {self.get_basis_display()}"

    def clean(self):
        if self.basis == KeyBasis.INHABITANTS and not self.reference_date:
            raise ValidationError({"reference_date": _("Inhabitants need a reference date.")})
        if self.basis in (KeyBasis.RESOURCE_USAGE, KeyBasis.RESOURCE_BOOKINGS) and not self.resource_id:
            raise ValidationError({"resource": _("Choose the resource whose usage is counted.")})
        if self.basis == KeyBasis.POSITION_HOURS and not self.position_id:
            raise ValidationError({"position": _("Choose the position whose hours are counted.")})


class CostCategory(models.TextChoices):
    PERSONNEL = "personnel", _("personnel")
    MATERIAL = "material", pgettext_lazy("cost category", "material")
    DEPRECIATION = "depreciation", _("depreciation")
    OVERHEAD = "overhead", _("overhead")
    OTHER = "other", _("other")


class CostItem(SharedChild, models.Model):
    """A cost of one year under an agreement. Overhead items may be a rate of the direct costs."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="cost_items")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    category = models.CharField(_("category"), max_length=15, choices=CostCategory.choices)
    label = models.CharField(_("description"), max_length=200)
    amount = models.DecimalField(_("amount (EUR)"), **MONEY, default=0)
    overhead_rate_percent = models.DecimalField(
        _("overhead rate (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_(
            "Only for overhead: a percentage of the year's personnel and material costs instead of an amount."
        ),
    )
    cost_key = models.ForeignKey(
        CostKey, on_delete=models.RESTRICT, related_name="items", verbose_name=_("cost key")
    )

    objects = ChildQuerySet.as_manager()
    sharing_parent = "agreement"

    class Meta:
        ordering = ["year", "category", "id"]
        verbose_name = _("cost item")
        verbose_name_plural = _("cost items")

    def __str__(self):
        return f"{self.year} {self.label}"

    def clean(self):
        if self.overhead_rate_percent is not None and self.category != CostCategory.OVERHEAD:
            raise ValidationError({"overhead_rate_percent": _("A rate is only allowed for overhead items.")})


class AdvancePayment(SharedChild, models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="advance_payments")
    organisation = models.ForeignKey(
        "organizations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("advance payments (EUR)"), **MONEY)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "agreement"

    class Meta:
        ordering = ["year", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "organisation", "year"], name="uniq_advance")
        ]
        verbose_name = _("advance payment")
        verbose_name_plural = _("advance payments")

    def __str__(self):
        return f"{self.year} {self.organisation}: {self.amount}"


class Settlement(SharedChild, models.Model):
    """An issued annual settlement. Inputs and results are frozen; a correction is a new version."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="settlements")
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="correction"
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    reason = models.CharField(_("reason for correction"), max_length=255, blank=True)
    inputs = models.JSONField(_("frozen inputs"))
    result = models.JSONField(_("result"))
    total = models.DecimalField(_("total costs (EUR)"), **MONEY)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "agreement"

    class Meta:
        ordering = ["agreement", "year", "version"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "year", "version"], name="uniq_settlement_version")
        ]
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")

    def __str__(self):
        return f"{self.agreement} {self.year} v{self.version}"

    def get_absolute_url(self):
        return row_url("administration:settlement_detail")(self.pk)

    def can_delete(self, user) -> bool:
        return False  # issued settlements are never deleted, only corrected

    @property
    def is_current(self):
        return not hasattr(self, "correction") or self.correction is None


class ReminderLog(models.Model):
    """Which reminder went out, so the daily run sends each one once."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")

    def __str__(self):
        return self.key
