"""Writes of the legal app: check, write and audit in one transaction."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ikonnekt.core import audit
from ikonnekt.core.audit import Actor, AuditAction


@transaction.atomic
def save_legal_text(actor: Actor, form):
    """Save a legal page (platform administrators only)."""
    if not (actor.user and actor.user.is_superuser):
        raise PermissionDenied
    creating = form.instance.pk is None
    before = {} if creating else audit.snapshot(type(form.instance).objects.get(pk=form.instance.pk))
    text = form.save(commit=False)
    text.updated_by = actor.user
    text.save()
    audit.record(
        actor,
        AuditAction.CREATE if creating else AuditAction.UPDATE,
        text,
        owner_organisation=None,
        changes=audit.diff(before, audit.snapshot(text)),
    )
    return text
