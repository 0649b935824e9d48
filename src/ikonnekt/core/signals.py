"""Audit of sign-in events (wired in CoreConfig.ready)."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from ikonnekt.core import audit
from ikonnekt.core.models import AuditAction


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username", "")
    audit.AuditLog.objects.create(
        action=AuditAction.LOGIN_FAILED,
        actor_name=str(username)[:150],
        object_repr=str(username)[:255],
        ip=audit.client_ip(request) if request is not None else None,
    )


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    audit.AuditLog.objects.create(
        action=AuditAction.LOGIN,
        actor=user,
        actor_name=user.get_username(),
        object_repr=user.get_username(),
        ip=audit.client_ip(request) if request is not None else None,
    )
