"""Cross-cutting models: the audit log and background jobs."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ikonnekt.core.links import row_url
from ikonnekt.core.sharing import ChildQuerySet, Shareable, SharedObject, Visibility  # noqa: F401 (re-export)


class AuditAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")
    VISIBILITY = "visibility", _("visibility changed")
    MEMBERSHIP = "membership", _("membership changed")
    LOGIN_FAILED = "login_failed", _("sign-in failed")
    LOGIN = "login", _("signed in")
    DOWNLOAD = "download", _("downloaded")
    VIEW = "view", _("viewed")
    OTHER = "other", _("other")


class AuditQuerySet(models.QuerySet):
    # What happened stays; only who-identifying details may be removed (GDPR Art. 5(1)(e) and
    # Art. 17): the IP address after the retention period; the name, and the recorded values of
    # the person's own record, when the person is erased.
    REDACTABLE = frozenset({"ip", "actor_name", "object_repr", "changes"})

    def update(self, **kwargs):
        raise PermissionError("Audit rows are append-only.")

    def redact(self, **fields) -> int:
        """The one sanctioned change of audit rows: blank the IP address, replace a name by its
        pseudonym, drop the recorded values of an erased person's own record
        (``ikonnekt.legal.retention`` and ``ikonnekt.legal.erasure``)."""
        if not fields or not set(fields) <= self.REDACTABLE:
            raise PermissionError(
                "Only the IP address, names and personal values of audit rows may be redacted."
            )
        return super().update(**fields)

    def delete(self):
        raise PermissionError("Audit rows are append-only.")


class AuditLog(models.Model):
    """One append-only row per change, written in the same transaction as the change."""

    timestamp = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_name = models.CharField(_("user name"), max_length=150, blank=True)
    acting_organisation = models.ForeignKey(
        "organizations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acting organisation"),
    )
    owner_organisation = models.ForeignKey(
        "organizations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner organisation"),
    )
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-timestamp", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["owner_organisation", "-timestamp"])]

    def __str__(self):
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Audit rows are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit rows are append-only.")

    def ip_for(self, admin_org_ids) -> str:
        """The IP address for an administrator of ``admin_org_ids``: only where the person acted
        for one of those organisations. A customer's or a partner's address stays hidden."""
        if self.ip and self.acting_organisation_id in admin_org_ids:
            return self.ip
        return ""

    @property
    def model_label(self):
        return self.content_type.model_class()._meta.verbose_name if self.content_type_id else ""


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", pgettext_lazy("job status", "done")
    FAILED = "failed", _("failed")


class Job(models.Model):
    """A background job: its progress is stored here and shown as a progress bar."""

    kind = models.CharField(_("kind"), max_length=100, db_index=True)
    label = models.CharField(_("description"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        "organizations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    message = models.CharField(_("message"), max_length=500, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    result_url = models.CharField(_("result link"), max_length=500, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")

    def __str__(self):
        return self.label or self.kind

    def get_absolute_url(self):
        return row_url("core:job_detail")(self.pk)

    @property
    def is_finished(self):
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    def set_progress(self, percent: float, message: str = "") -> None:
        """Store progress (0–100) from inside a running job; cheap enough to call per item."""
        self.progress = max(0, min(100, int(percent)))
        if message:
            self.message = message[:500]
        Job.objects.filter(pk=self.pk).update(progress=self.progress, message=self.message)
