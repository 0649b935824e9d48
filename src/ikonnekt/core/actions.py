"""Action functions for shared objects (convention 4).

The page, the API and importers all call these, so every create, change, delete and
visibility change checks permission, writes and audits in one transaction.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from ikonnekt.core import audit
from ikonnekt.core.audit import Actor, AuditAction
from ikonnekt.core.sharing import ensure_can_create, validate_sharing

SHARING_FIELDS = ("visibility", "shared_with")


@transaction.atomic
def create_object(actor: Actor, owner_id: int, save: Callable[[], object]):
    """Create an object owned by ``owner_id``: ``save()`` writes it (form or serializer save)."""
    ensure_can_create(actor.user, owner_id)
    instance = save()
    validate_sharing(instance)
    audit.record(actor, AuditAction.CREATE, instance, changes=audit.snapshot(instance))
    return instance


@transaction.atomic
def update_object(actor: Actor, instance, save: Callable[[], object]):
    """Change an object. ``instance`` may already carry the new values; the stored row is
    re-read for the permission check and the diff."""
    model = type(instance)
    stored = model._base_manager.select_for_update().get(pk=instance.pk)
    before = audit.snapshot(stored)
    if not stored.can_edit(actor.user):
        raise PermissionDenied(_("You may read this, but not change it."))
    if getattr(instance, "owner_id", None) != stored.owner_id and not instance.can_edit(actor.user):
        raise PermissionDenied(_("You may only move objects to organisations you edit for."))
    saved = save()
    validate_sharing(saved)
    after = audit.snapshot(saved)
    changes = audit.diff(before, after)
    sharing_changes = {k: v for k, v in changes.items() if k in SHARING_FIELDS}
    other_changes = {k: v for k, v in changes.items() if k not in SHARING_FIELDS}
    if sharing_changes:
        if not stored.can_change_visibility(actor.user):
            raise PermissionDenied(
                _("Only the owner's administrators or the creator may change who sees this.")
            )
        audit.record(actor, AuditAction.VISIBILITY, saved, changes=sharing_changes)
    if other_changes or not sharing_changes:
        audit.record(actor, AuditAction.UPDATE, saved, changes=other_changes)
    return saved


@transaction.atomic
def delete_object(actor: Actor, instance) -> None:
    if not instance.can_delete(actor.user):
        raise PermissionDenied(_("Only the owner's administrators or the creator may delete this."))
    audit.record(actor, AuditAction.DELETE, instance, changes=audit.snapshot(instance))
    instance.delete()


@transaction.atomic
def change_visibility(actor: Actor, instance, visibility: str, cooperations=None):
    """Set visibility (and, for ``cooperation``, the cooperations shared with)."""

    def save():
        instance.visibility = visibility
        instance.save(update_fields=["visibility", "updated_at"])
        if cooperations is not None and hasattr(instance, "shared_with"):
            instance.shared_with.set(cooperations)
        return instance

    return update_object(actor, instance, save)


def record_download(actor: Actor, instance, what: str = "") -> None:
    audit.record(actor, AuditAction.DOWNLOAD, instance, changes={"file": what} if what else None)
