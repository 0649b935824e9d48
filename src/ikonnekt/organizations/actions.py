"""Membership changes: permission check, the last-admin rule and the audit row in one transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikonnekt.core import audit
from ikonnekt.core.audit import Actor, AuditAction
from ikonnekt.core.sharing import Role, forget_user_caches, has_role
from ikonnekt.organizations.models import Invitation, Membership, Organisation


def ensure_org_admin(user, organisation: Organisation) -> None:
    if not has_role(user, organisation.pk, roles={Role.ADMIN}):
        raise PermissionDenied(_("Only administrators of %(org)s may do this.") % {"org": organisation.name})


def _ensure_other_admin(membership: Membership) -> None:
    others = (
        Membership.objects.select_for_update()
        .filter(organisation_id=membership.organisation_id, role=Role.ADMIN)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        raise ValidationError(
            _("%(org)s needs at least one administrator: appoint another one first.")
            % {"org": membership.organisation.name}
        )


@transaction.atomic
def update_organisation(actor: Actor, organisation: Organisation, save):
    ensure_org_admin(actor.user, organisation)
    before = audit.snapshot(Organisation.objects.get(pk=organisation.pk))
    saved = save()
    audit.record(
        actor,
        AuditAction.UPDATE,
        saved,
        owner_organisation=saved,
        changes=audit.diff(before, audit.snapshot(saved)),
    )
    return saved


@transaction.atomic
def change_role(actor: Actor, membership: Membership, role: str) -> Membership:
    ensure_org_admin(actor.user, membership.organisation)
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if membership.role == Role.ADMIN and role != Role.ADMIN:
        _ensure_other_admin(membership)
    old = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    audit.record(
        actor,
        AuditAction.MEMBERSHIP,
        membership,
        changes={"user": membership.user.username, "role": [old, role]},
    )
    forget_user_caches(membership.user)
    return membership


@transaction.atomic
def end_membership(actor: Actor, membership: Membership) -> None:
    is_self = actor.user is not None and actor.user.pk == membership.user_id
    if not is_self:
        ensure_org_admin(actor.user, membership.organisation)
    if membership.role == Role.ADMIN:
        _ensure_other_admin(membership)
    audit.record(
        actor,
        AuditAction.MEMBERSHIP,
        membership,
        changes={"user": membership.user.username, "role": [membership.role, None]},
    )
    membership.delete()


@transaction.atomic
def add_member(actor: Actor, organisation: Organisation, user, role: str) -> Membership:
    ensure_org_admin(actor.user, organisation)
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    if not created:
        raise ValidationError(_("%(user)s is already a member.") % {"user": user.username})
    audit.record(
        actor, AuditAction.MEMBERSHIP, membership, changes={"user": user.username, "role": [None, role]}
    )
    return membership


@transaction.atomic
def invite(actor: Actor, organisation: Organisation, email: str, role: str) -> tuple[Invitation, str]:
    ensure_org_admin(actor.user, organisation)
    invitation, token = Invitation.issue(organisation, email, role, actor.user)
    audit.record(actor, AuditAction.MEMBERSHIP, invitation, changes={"invited": email, "role": role})
    return invitation, token


@transaction.atomic
def accept_invitation(actor: Actor, token: str) -> Membership:
    invitation = Invitation.find(token)
    if invitation is None:
        raise ValidationError(_("This invitation link is not valid."))
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at is not None:
        raise ValidationError(_("This invitation link has already been used."))
    if not invitation.is_usable:
        raise ValidationError(_("This invitation link has expired. Ask the administrator for a new one."))
    membership, created = Membership.objects.get_or_create(
        user=actor.user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    invitation.used_at = timezone.now()
    invitation.used_by = actor.user
    invitation.save(update_fields=["used_at", "used_by"])
    audit.record(
        actor,
        AuditAction.MEMBERSHIP,
        membership,
        changes={"user": actor.user.username, "role": [None, membership.role], "via": "invitation"},
    )
    forget_user_caches(actor.user)
    return membership
