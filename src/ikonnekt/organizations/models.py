"""Organisations (municipalities, district, companies, …) and their members."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikonnekt.core.sharing import Role

__all__ = ["Invitation", "InhabitantCount", "Membership", "Organisation", "OrganisationKind", "Role"]


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality (Gemeinde/Stadt)")
    DISTRICT = "district", _("District (Landkreis)")
    STATE = "state", _("State body")
    COMPANY = "company", _("Company")
    ASSOCIATION = "association", _("Association / NGO / special-purpose association")
    RESEARCH = "research", _("Research institute")


class Organisation(models.Model):
    """A municipality, district, state body, company, association or research institute.

    Organisations themselves are a directory every signed-in user may read; their members
    are shown only to their own members.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    code = models.CharField(
        _("abbreviation"),
        max_length=10,
        blank=True,
        help_text=_("Short code used in file references, e.g. SLS for Saarlouis."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices, db_index=True)
    is_transfer_municipality = models.BooleanField(_("transfer municipality"), default=False)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("belongs to"),
    )
    ags = models.CharField(
        _("official municipality key (AGS)"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{5,8}$", _("The AGS has 5 to 8 digits."))],
    )
    inhabitants = models.PositiveIntegerField(_("inhabitants"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("area (km²)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:detail", args=[self.slug])

    @property
    def is_municipality(self):
        return self.kind == OrganisationKind.MUNICIPALITY

    def inhabitants_on(self, date):
        """Inhabitants on a reference date: the latest count on or before it, else None."""
        count = self.inhabitant_counts.filter(reference_date__lte=date).order_by("-reference_date").first()
        return count.inhabitants if count else None

    def admins(self):
        return self.memberships.filter(role=Role.ADMIN)


class InhabitantCount(models.Model):
    """Official population on a reference date (used by cost keys and demand balances)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="inhabitant_counts",
        verbose_name=_("organisation"),
    )
    reference_date = models.DateField(_("reference date"))
    inhabitants = models.PositiveIntegerField(_("inhabitants"))
    source = models.CharField(_("source"), max_length=255, blank=True)

    class Meta:
        ordering = ["organisation", "-reference_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference_date"], name="uniq_inhabitants_per_date"
            )
        ]
        verbose_name = _("inhabitant count")
        verbose_name_plural = _("inhabitant counts")

    def __str__(self):
        return f"{self.organisation}: {self.inhabitants} ({self.reference_date})"


class Membership(models.Model):
    """A user belongs to an organisation with a role (admin, editor, viewer)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    job_title = models.CharField(_("position"), max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "user__username"]
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="uniq_membership")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self):
        return f"{self.user} @ {self.organisation} ({self.get_role_display()})"

    def audit_owner_id(self):
        return self.organisation_id


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """A single-use invitation link to join an organisation with a role."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("organisation")
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    VALID_DAYS = 7

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @classmethod
    def issue(cls, organisation, email, role, created_by) -> tuple["Invitation", str]:
        """Create an invitation; returns it with the clear token (shown once, stored hashed)."""
        token = secrets.token_urlsafe(32)
        invitation = cls.objects.create(
            organisation=organisation,
            email=email,
            role=role,
            token_hash=_hash_token(token),
            expires_at=timezone.now() + timedelta(days=cls.VALID_DAYS),
            created_by=created_by,
        )
        return invitation, token

    @classmethod
    def find(cls, token: str):
        return cls.objects.filter(token_hash=_hash_token(token)).select_related("organisation").first()

    @property
    def is_usable(self):
        return self.used_at is None and self.expires_at > timezone.now()

    def audit_owner_id(self):
        return self.organisation_id
