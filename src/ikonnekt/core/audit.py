"""Audit log writing: who did what to which object, in the same transaction as the change."""

import datetime
import decimal
import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models

from ikonnekt.core.models import AuditAction, AuditLog  # noqa: F401 (AuditLog re-exported)

SKIP_FIELDS = {"password", "updated_at", "created_at", "search_vector"}


@dataclass(frozen=True)
class Actor:
    """Who acts: the user, the organisation they act for and where from."""

    user: object = None
    organisation: object = None
    ip: str | None = None

    @classmethod
    def from_request(cls, request):
        return cls(
            user=request.user if request.user.is_authenticated else None,
            # ``or None`` unwraps the lazy object of users without membership (e.g. market customers).
            organisation=getattr(request, "active_organisation", None) or None,
            ip=client_ip(request),
        )

    @classmethod
    def system(cls, user=None, organisation=None):
        return cls(user=user, organisation=organisation, ip=None)


def client_ip(request) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is spoofable unless a trusted proxy rewrites it,
    # which the deployment guide's proxy config does by setting REMOTE_ADDR via gunicorn.
    return request.META.get("REMOTE_ADDR") or None


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, bytes | memoryview):
        return f"<{len(value)} bytes>"
    return value


def snapshot(instance) -> dict:
    """Plain values of the concrete fields and many-to-many ids of ``instance``."""
    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in SKIP_FIELDS:
            continue
        data[field.name] = _plain(field.value_from_object(instance))
    if instance.pk is not None:
        for field in instance._meta.many_to_many:
            data[field.name] = sorted(obj.pk for obj in getattr(instance, field.name).all())
    return data


def diff(before: dict, after: dict) -> dict:
    return {key: [before.get(key), after.get(key)] for key in after if before.get(key) != after.get(key)}


def record(actor: Actor, action: str, obj=None, *, changes=None, owner_organisation=None, object_repr=None):
    """Write one audit row. Call it inside the transaction of the change it describes."""
    user = actor.user if actor else None
    if owner_organisation is None and obj is not None:
        owner_id = obj.audit_owner_id() if hasattr(obj, "audit_owner_id") else getattr(obj, "owner_id", None)
    else:
        owner_id = getattr(owner_organisation, "pk", owner_organisation)
    return AuditLog.objects.create(
        actor=user if user and user.pk else None,
        actor_name=(user.get_username() if user and user.pk else ""),
        acting_organisation=actor.organisation if actor else None,
        owner_organisation_id=owner_id,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=(object_repr or (str(obj) if obj is not None else ""))[:255],
        changes=changes or {},
        ip=actor.ip if actor else None,
    )


__all__ = ["Actor", "AuditAction", "diff", "record", "snapshot"]
