"""Users and their personal API tokens."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person. Organisation membership is optional: customers of the regional market have none."""

    email = models.EmailField(_("e-mail address"), blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    show_in_directory = models.BooleanField(
        _("show me in the partners' contact directory"),
        default=False,
        help_text=_("Signed-in users of partner organisations can then find you by topic."),
    )
    topics = models.CharField(_("topics I can advise on"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username


def hash_token(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class TokenScope(models.TextChoices):
    READ = "read", _("read only")
    READ_WRITE = "read_write", _("read and write")


class ApiToken(models.Model):
    """A named, revocable API token; only its hash is stored, the key is shown once.

    A token acts for one organisation (its holder's role there, nothing in other organisations),
    with a scope (read only: the viewer role and safe methods only) and until it expires."""

    PREFIX = "ikt_"
    VALIDITY_DAYS = (30, 90, 365)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    organisation = models.ForeignKey(
        "organizations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("The token acts only for this organisation; empty: no organisation's rights."),
    )
    scope = models.CharField(_("scope"), max_length=12, choices=TokenScope.choices, default=TokenScope.READ)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    key_prefix = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.key_prefix}…)"

    @property
    def is_expired(self) -> bool:
        from django.utils import timezone

        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def read_only(self) -> bool:
        return self.scope != TokenScope.READ_WRITE

    @classmethod
    def create_for(
        cls, user, name: str, *, organisation=None, scope=TokenScope.READ, days: int | None = 90
    ) -> tuple["ApiToken", str]:
        import datetime

        from django.utils import timezone

        key = cls.PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            organisation=organisation,
            scope=scope,
            expires_at=timezone.now() + datetime.timedelta(days=days) if days else None,
            key_hash=hash_token(key),
            key_prefix=key[:8],
        )
        return token, key


class PasswordResetRequest(models.Model):
    """One request for a password-reset mail, kept to rate-limit them per account and address
    (the counters live in the database so that every worker process sees them)."""

    account = models.CharField(max_length=254, db_index=True)  # normalised: user pk or lower-case e-mail
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("password-reset request")
        verbose_name_plural = _("password-reset requests")

    def __str__(self):
        return f"{self.account} ({self.created_at:%Y-%m-%d %H:%M})"
