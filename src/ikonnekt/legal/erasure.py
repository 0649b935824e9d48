"""Erasure as pseudonymisation (GDPR Art. 17).

A person's account cannot simply be deleted: placed orders must be kept for the tax retention
period (§ 147 AO), time records that went into a settlement, action items and meeting attendance
belong to the partners' records. So the person is *pseudonymised*: the user row stays (all those
records keep pointing to it, consistent) but name, e-mail, phone, topics and the password are
removed and the user name becomes ``geloescht-<id>``. What only served the person (API tokens,
memberships, saved searches, contact messages, carts, calendar feed, sign-in log) is deleted.
Audit rows keep what happened and now name the pseudonym, without IP addresses.

Site owners (land management) are records, not accounts: their name, address, e-mail, phone and
notes are replaced the same way by an administrator of the site's municipality.
"""

import json

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, TextField, Value
from django.db.models.functions import Cast, Replace
from django.utils.translation import gettext as _

from ikonnekt.core import audit
from ikonnekt.core.audit import Actor, AuditAction
from ikonnekt.core.models import AuditLog
from ikonnekt.core.sharing import Role, forget_user_caches, orgs_with_role

PSEUDONYM_PREFIX = "geloescht-"


def pseudonym(user) -> str:
    return f"{PSEUDONYM_PREFIX}{user.pk}"


def is_erased(user) -> bool:
    return user.username == pseudonym(user)


def can_erase_user(actor_user, target) -> bool:
    """The person themself; a platform administrator; or an administrator of every organisation the
    person belongs to (a member who left and cannot do it themself). Customers without membership
    can only be erased by themselves or a platform administrator."""
    if actor_user is None or not actor_user.is_authenticated:
        return False
    if actor_user.pk == target.pk or actor_user.is_superuser:
        return True
    target_orgs = set(target.memberships.values_list("organisation_id", flat=True))
    return bool(target_orgs) and target_orgs <= set(orgs_with_role(actor_user, roles={Role.ADMIN}))


def _check_not_last_admin(target) -> None:
    """An organisation with other members must keep an administrator."""
    from ikonnekt.organizations.models import Membership

    for membership in target.memberships.filter(role=Role.ADMIN).select_related("organisation"):
        others = Membership.objects.filter(organisation_id=membership.organisation_id).exclude(user=target)
        if others.exists() and not others.filter(role=Role.ADMIN).exists():
            raise ValidationError(
                _(
                    "%(name)s is the only administrator of %(org)s. Make another member an administrator "
                    "first, then delete the account."
                )
                % {"name": target.get_username(), "org": membership.organisation.name}
            )


@transaction.atomic
def erase_user(actor: Actor, target) -> str:
    """Pseudonymise ``target``; returns the pseudonym. Idempotent."""
    if not can_erase_user(actor.user, target):
        raise PermissionDenied(_("You may not delete this account."))
    _check_not_last_admin(target)
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from ikonnekt.administration.models import CalendarFeed, GroupMember
    from ikonnekt.market.models import ContactMessage, Order, OrderStatus, SavedSearch

    user_model = get_user_model()
    target = user_model.objects.select_for_update().get(pk=target.pk)
    name = pseudonym(target)
    old_names = {n for n in (target.username, target.email) if n}
    # Texts that may carry the person in object descriptions ("anna @ Nalbach (editor)").
    identifiers = sorted(
        {n for n in (*old_names, target.get_full_name()) if len(n) >= 4}, key=len, reverse=True
    )

    # Rows that only served the person.
    target.api_tokens.all().delete()
    target.memberships.all().delete()
    SavedSearch.objects.filter(user=target).delete()
    ContactMessage.objects.filter(sender=target).delete()
    CalendarFeed.objects.filter(user=target).delete()
    GroupMember.objects.filter(user=target).delete()
    Order.objects.filter(customer=target, status=OrderStatus.CART).delete()
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        model.objects.filter(username__in=old_names).delete()

    # The account itself becomes the pseudonym every kept record points to.
    target.username = name
    target.first_name = ""
    target.last_name = ""
    target.email = ""
    target.phone = ""
    target.topics = ""
    target.show_in_directory = False
    target.is_active = False
    target.is_staff = False
    target.is_superuser = False
    target.set_unusable_password()  # also ends every session (the session hash no longer matches)
    target.save()
    forget_user_caches(target)

    # Audit rows: what happened stays, the person is named by the pseudonym, without addresses.
    AuditLog.objects.filter(actor=target).redact(actor_name=name, ip=None)
    user_type = ContentType.objects.get_for_model(user_model)
    AuditLog.objects.filter(content_type=user_type, object_id=str(target.pk)).redact(
        object_repr=name, changes={}
    )
    if old_names:
        AuditLog.objects.filter(actor__isnull=True, actor_name__in=old_names).redact(actor_name=name, ip=None)
    for identifier in identifiers:
        AuditLog.objects.filter(object_repr__contains=identifier).redact(
            object_repr=Replace("object_repr", Value(identifier), Value(name))
        )
    _replace_in_changes(identifiers, name)

    by_self = actor.user is not None and actor.user.pk == target.pk
    audit.record(
        Actor(user=None if by_self else actor.user, organisation=actor.organisation, ip=None),
        AuditAction.DELETE,
        target,
        object_repr=name,
        owner_organisation=None,
        changes={
            "erasure": ["", "pseudonymised by the person" if by_self else "pseudonymised by an administrator"]
        },
    )
    return name


def _replaced(value, identifiers, name):
    """``value`` (the JSON of an audit row's changes) with every identifier replaced by ``name``."""
    if isinstance(value, str):
        for identifier in identifiers:
            value = value.replace(identifier, name)
        return value
    if isinstance(value, list):
        return [_replaced(v, identifiers, name) for v in value]
    if isinstance(value, dict):
        return {k: _replaced(v, identifiers, name) for k, v in value.items()}
    return value


def _replace_in_changes(identifiers, name) -> None:
    """Audit rows about other objects keep what changed, but name the erased person only by the
    pseudonym (e.g. "assignee: Anna Schmidt → …"). The rows are found by their changes as text."""
    if not identifiers:
        return
    as_text = Cast("changes", output_field=TextField())
    matches = Q()
    for identifier in identifiers:
        # SQLite keeps JSON with non-ASCII letters escaped ("M\u00fcller"), PostgreSQL as they are
        for form in {identifier, json.dumps(identifier)[1:-1]}:
            matches |= Q(changes_text__contains=form)
    rows = AuditLog.objects.annotate(changes_text=as_text).filter(matches).values_list("pk", "changes")
    for pk, changes in rows.iterator(chunk_size=500):
        AuditLog.objects.filter(pk=pk).redact(changes=_replaced(changes, identifiers, name))


def erasure_blockers(target) -> list[str]:
    """Plain-language reasons why erasure would be refused now (shown before the confirmation)."""
    try:
        _check_not_last_admin(target)
    except ValidationError as exc:
        return list(exc.messages)
    return []


def kept_records(target) -> dict[str, int]:
    """What stays under the pseudonym (shown before the confirmation)."""
    from ikonnekt.administration.models import ActionItem, TimeRecord
    from ikonnekt.market.models import Order, OrderStatus

    return {
        _("placed orders (kept for the tax retention period)"): Order.objects.filter(customer=target)
        .exclude(status=OrderStatus.CART)
        .count(),
        _("time records (kept for settlements)"): TimeRecord.objects.filter(person=target).count(),
        _("action items"): ActionItem.objects.filter(assignee=target).count(),
    }


SITE_OWNER_FIELDS = ("name", "street", "postcode", "city", "email", "phone", "consent_note", "answer_note")


def can_erase_site_owner(actor_user, owner) -> bool:
    return owner.site.owner_id in orgs_with_role(actor_user, roles={Role.ADMIN})


@transaction.atomic
def erase_site_owner(actor: Actor, owner) -> str:
    """Replace a site owner's personal data by a pseudonym; the contact history (letter sent,
    answer and dates) stays, so the municipality still knows the state of the site."""
    if not can_erase_site_owner(actor.user, owner):
        raise PermissionDenied(_("Only administrators of the site's organisation may delete owner data."))
    name = f"{PSEUDONYM_PREFIX}{owner.pk}"
    changed = {field: ["…", ""] for field in SITE_OWNER_FIELDS if getattr(owner, field)}
    owner.name = name
    for field in SITE_OWNER_FIELDS[1:]:
        setattr(owner, field, "")
    owner.save()
    AuditLog.objects.filter(
        content_type=ContentType.objects.get_for_model(owner), object_id=str(owner.pk)
    ).redact(object_repr=name, changes={})
    audit.record(
        actor,
        AuditAction.UPDATE,
        owner,
        object_repr=name,
        owner_organisation=owner.site.owner_id,
        changes=changed,
    )
    return name
