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
from ikonnekt.core.sharing import ensure_can_create, ensure_can_edit, validate_sharing

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
    ensure_can_edit(actor.user, stored)
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


def _owner_id(obj):
    """The organisation whose audit log holds rows about ``obj`` (a child: its parent's owner)."""
    return obj.audit_owner_id() if hasattr(obj, "audit_owner_id") else obj.owner_id


@transaction.atomic
def save_child(actor: Actor, parent, child, *, save: Callable[[], object] | None = None, exclude=None):
    """Create or change ``child``, an object below ``parent`` (a meter of a building, a party of an
    agreement): the parent's editors only; validated (``full_clean``), written and audited in one
    transaction, the audit row on the child in the parent owner's log (a diff when changing).

    ``save`` writes and returns the object when a form or serializer does it (``form.save``,
    ``serializer.save``; ``child`` may then be None for a new object); by default
    ``child.save()``. ``exclude``: fields ``full_clean`` leaves out."""
    ensure_can_edit(actor.user, parent)
    creating = child is None or child.pk is None
    before = {} if creating else audit.snapshot(type(child)._base_manager.get(pk=child.pk))
    if save is None:
        child.full_clean(exclude=exclude)
        child.save()
    else:
        # The form or serializer validated its fields; the whole row is checked after it wrote
        # (a failure rolls the write back).
        child = save()
        child.full_clean(exclude=exclude)
    after = audit.snapshot(child)
    audit.record(
        actor,
        AuditAction.CREATE if creating else AuditAction.UPDATE,
        child,
        changes=after if creating else audit.diff(before, after),
        owner_organisation=_owner_id(parent),
    )
    return child


@transaction.atomic
def delete_child(actor: Actor, parent, child) -> None:
    """Delete ``child`` below ``parent`` (the parent's editors only), audited like ``save_child``."""
    ensure_can_edit(actor.user, parent)
    audit.record(
        actor, AuditAction.DELETE, child, changes=audit.snapshot(child), owner_organisation=_owner_id(parent)
    )
    child.delete()


def record_download(actor: Actor, instance, what: str = "") -> None:
    audit.record(actor, AuditAction.DOWNLOAD, instance, changes={"file": what} if what else None)
