"""The installation's legal pages: accessibility statement, privacy notice, imprint."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class LegalPageKind(models.TextChoices):
    ACCESSIBILITY = "accessibility", _("Accessibility statement")
    PRIVACY = "privacy", _("Privacy notice")
    IMPRINT = "imprint", _("Imprint")


class LegalText(models.Model):
    """One legal page of this installation, written by its operator (Markdown). Until a page is
    written, a template (``legal/defaults.py``) is shown, marked as such."""

    kind = models.CharField(_("page"), max_length=20, choices=LegalPageKind.choices, unique=True)
    body = models.TextField(
        _("text"), help_text=_("Markdown: # heading, **bold**, - list, [link](https://…).")
    )
    reviewed_on = models.DateField(
        _("last reviewed on"),
        null=True,
        blank=True,
        help_text=_("The accessibility statement must say when it was prepared or last reviewed."),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        ordering = ["kind"]
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")

    def __str__(self):
        return str(self.get_kind_display())

    def get_absolute_url(self):
        return reverse("legal:page", args=[self.kind])
