"""Shared resources (machines, vehicles, rooms): bookings and usage records."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikonnekt.core.links import row_url
from ikonnekt.core.sharing import ChildQuerySet, Shareable, SharedChild, has_role


class ResourceKind(models.TextChoices):
    MACHINE = "machine", _("machine")
    VEHICLE = "vehicle", _("vehicle")
    EQUIPMENT = "equipment", _("equipment")
    ROOM = "room", _("room")


class UsageUnit(models.TextChoices):
    HOURS = "h", _("hours")
    KM = "km", _("kilometres")
    TONNES = "t", _("tonnes")


class SharedResource(Shareable):
    """Equipment, vehicle, room or machine the partners of a cooperation book and use."""

    cooperation = models.ForeignKey(
        "cooperations.Cooperation", on_delete=models.PROTECT, related_name="+", verbose_name=_("cooperation")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=12, choices=ResourceKind.choices)
    description = models.TextField(_("description"), blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    usage_unit = models.CharField(
        _("usage unit"), max_length=3, choices=UsageUnit.choices, default=UsageUnit.HOURS
    )
    cost_rate = models.DecimalField(_("cost rate per unit (EUR)"), max_digits=9, decimal_places=2, default=0)
    requires_approval = models.BooleanField(_("bookings need approval"), default=False)
    available_from = models.TimeField(_("bookable from (time of day)"), default="07:00")
    available_until = models.TimeField(_("bookable until (time of day)"), default="18:00")
    weekdays_only = models.BooleanField(_("working days only (Mon–Fri)"), default=True)
    min_hours = models.DecimalField(_("shortest booking (hours)"), max_digits=5, decimal_places=2, default=1)
    max_hours = models.DecimalField(_("longest booking (hours)"), max_digits=6, decimal_places=2, default=10)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("shared resource")
        verbose_name_plural = _("shared resources")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return row_url("administration:resource_detail")(self.pk)

    def clean(self):
        if self.available_until and self.available_from and self.available_until <= self.available_from:
            raise ValidationError({"available_until": _("The bookable time ends before it starts.")})
        if self.min_hours and self.max_hours and self.max_hours < self.min_hours:
            raise ValidationError({"max_hours": _("The longest booking is shorter than the shortest.")})

    def can_book(self, user) -> bool:
        """Members (editor/admin) of the owner or of a partner in the resource's cooperation."""
        return bool(self.booking_organisation_ids(user))

    def booking_organisation_ids(self, user) -> set[int]:
        from ikonnekt.cooperations.models import Participation
        from ikonnekt.core.sharing import orgs_with_role

        editable = orgs_with_role(user)
        partners = set(
            Participation.objects.filter(cooperation_id=self.cooperation_id).values_list(
                "organisation_id", flat=True
            )
        )
        partners.add(self.owner_id)
        return set(editable) & partners


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")
    CANCELLED = "cancelled", _("cancelled")


ACTIVE_BOOKING = (BookingStatus.REQUESTED, BookingStatus.CONFIRMED)


class Booking(SharedChild, models.Model):
    resource = models.ForeignKey(SharedResource, on_delete=models.CASCADE, related_name="bookings")
    organisation = models.ForeignKey(
        "organizations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("for")
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("booked by"),
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    purpose = models.CharField(_("purpose"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "resource"

    class Meta:
        ordering = ["start"]
        indexes = [models.Index(fields=["resource", "start", "end"])]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")

    def __str__(self):
        return f"{self.resource}: {timezone.localtime(self.start):%d.%m.%Y %H:%M}–{timezone.localtime(self.end):%H:%M}"

    def can_edit(self, user) -> bool:
        """The resource owner's editors and the booking organisation's editors."""
        return self.resource.can_edit(user) or has_role(user, self.organisation_id)

    can_delete = can_edit


class UsageRecord(SharedChild, models.Model):
    resource = models.ForeignKey(SharedResource, on_delete=models.CASCADE, related_name="usage_records")
    organisation = models.ForeignKey(
        "organizations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("used by")
    )
    date = models.DateField(_("date"))
    quantity = models.DecimalField(
        _("quantity"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    booking = models.ForeignKey(Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ChildQuerySet.as_manager()
    sharing_parent = "resource"

    class Meta:
        ordering = ["-date", "id"]
        indexes = [models.Index(fields=["resource", "date"])]
        verbose_name = _("usage record")
        verbose_name_plural = _("usage records")

    def __str__(self):
        return f"{self.date} {self.organisation}: {self.quantity} {self.resource.usage_unit}"

    def can_edit(self, user) -> bool:
        return self.resource.can_edit(user) or has_role(user, self.organisation_id)

    can_delete = can_edit
