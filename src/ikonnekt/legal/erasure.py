"""Erasure as pseudonymisation (GDPR Art. 17).

A person's account cannot simply be deleted: placed orders must be kept for the tax retention
period (§ 147 AO), time records that went into a settlement, action items and meeting attendance
belong to the partners' records. So the person is *pseudonymised*: the user row stays (all those
records keep pointing to it, consistent) but name, e-mail, phone, topics and the password are
removed and the user name becomes ``geloescht-<id>``. What only served the person (API tokens,
memberships, saved searches, contact messages, carts, calendar feed, sign-in log) is deleted.
Audit rows keep what happened and now name the pseudonym, without IP addresses.

Where the person's full name, user name, e-mail address or phone number was typed into a record
(a comment, an answer, an order note, a document's correspondent or metadata, meeting minutes),
it is replaced by the pseudonym in every text field of the platform's models, and the search index
of every changed object is rebuilt, so no page, export, API answer or search finds the person. A
stored original file is not rewritten: it is the record the organisation must keep (Art. 17(3)(b)).

Site owners (land management) are records, not accounts: their name, address, e-mail, phone and
notes are replaced the same way by an administrator of the site's municipality.
"""

import json
import re

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
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
    identifiers = person_identifiers(target)

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
    replace_in_records(identifiers, name)

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


def person_identifiers(user) -> list[str]:
    """What names the person in typed text: user name, e-mail, full name and phone number
    (longest first, so "anna.schmidt@example.org" goes before "anna.schmidt"). First or last
    name alone are too common to replace everywhere, and so is a user name that is a plain word
    ("kunde", "energie"): only one with a digit, dot, hyphen, underscore or @ counts; short values
    (< 4 characters) never do."""
    found = {user.email, user.get_full_name()}
    if re.search(r"[\d._@-]", user.username):
        found.add(user.username)
    phone = getattr(user, "phone", "") or ""
    if sum(ch.isdigit() for ch in phone) >= 6:
        found.add(phone)
    return sorted({n.strip() for n in found if n and len(n.strip()) >= 4}, key=len, reverse=True)


def _pattern(identifiers) -> re.Pattern:
    """Any identifier as a whole word, in any letter case ("Anna Schmidt" but not "Anna Schmidtke")."""
    alternatives = "|".join(re.escape(i) for i in identifiers)
    return re.compile(rf"(?<![\w@.+-])(?:{alternatives})(?![\w@-])", re.IGNORECASE)


def _replaced(value, identifiers, name, pattern=None):
    """``value`` (text or the JSON of a field) with every identifier replaced by ``name``."""
    pattern = pattern or _pattern(identifiers)
    if isinstance(value, str):
        return pattern.sub(name, value)
    if isinstance(value, list):
        return [_replaced(v, identifiers, name, pattern) for v in value]
    if isinstance(value, dict):
        return {k: _replaced(v, identifiers, name, pattern) for k, v in value.items()}
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


# Models whose text is not about users: installation texts (the imprint must keep naming whoever is
# responsible), the audit log (redacted above, append-only), the search index (rebuilt below).
_NOT_SWEPT = {"legal.legaltext", "core.auditlog", "search.searchentry", "search.searchfacet"}


def _swept_fields(model) -> list:
    """Free-text fields of ``model`` a person's name or address may have been typed into."""
    fields = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.choices or getattr(field, "unique", False):
            continue
        if isinstance(field, models.SlugField | models.URLField | models.FileField):
            continue
        if isinstance(field, models.CharField | models.TextField | models.JSONField):
            fields.append(field)
    return fields


def replace_in_records(identifiers, name) -> int:
    """Replace the person's identifiers by ``name`` in every text field of the platform's models and
    re-index the changed objects for search. One query per model to find the rows (erasure is rare;
    the set of models grows with the platform without a list to keep). Returns the rows changed."""
    from ikonnekt.search.indexer import index_object
    from ikonnekt.search.models import SearchEntry
    from ikonnekt.search.registry import spec_for_model

    if not identifiers:
        return 0
    pattern = _pattern(identifiers)
    user_model = get_user_model()
    changed_rows = 0
    touched: list = []
    for model in apps.get_models():
        if not model.__module__.startswith("ikonnekt.") or model is user_model:
            continue
        if model._meta.label_lower in _NOT_SWEPT or model._meta.proxy:
            continue
        fields = _swept_fields(model)
        if not fields:
            continue
        annotations, matches = {}, Q()
        for field in fields:
            lookup = field.name
            if isinstance(field, models.JSONField):
                lookup = f"_erasure_{field.name}"
                annotations[lookup] = Cast(field.name, output_field=TextField())
            for identifier in identifiers:
                # JSON keeps non-ASCII letters escaped on SQLite ("M\u00fcller")
                forms = {identifier, json.dumps(identifier)[1:-1]} if field.name != lookup else {identifier}
                for form in forms:
                    matches |= Q(**{f"{lookup}__icontains": form})
        rows = model._base_manager.annotate(**annotations).filter(matches)
        for obj in rows.only("pk", *(f.name for f in fields)).iterator(chunk_size=200):
            updates = {}
            for field in fields:
                value = getattr(obj, field.attname)
                new = _replaced(value, identifiers, name, pattern)
                if new != value:
                    if isinstance(field, models.EmailField):
                        new = ""
                    elif isinstance(new, str) and field.max_length:
                        new = new[: field.max_length]
                    updates[field.attname] = new
            if updates:
                model._base_manager.filter(pk=obj.pk).update(**updates)
                changed_rows += 1
                if spec_for_model(model) is not None:
                    touched.append((model, obj.pk))
    # The index also holds text drawn from related objects: re-index every entry naming the person.
    entry_matches = Q()
    for identifier in identifiers:
        entry_matches |= Q(title__icontains=identifier) | Q(body__icontains=identifier)
    for entry in SearchEntry.objects.filter(entry_matches).select_related("content_type"):
        model = entry.content_type.model_class()
        if model is not None:
            touched.append((model, entry.object_id))
    for model, pk in dict.fromkeys(touched):
        obj = model._base_manager.filter(pk=pk).first()
        if obj is not None:
            index_object(obj)
    return changed_rows


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
    # An owner may be a company or a body whose name other records rightly carry: the name is
    # replaced on the site itself, the e-mail address and phone number everywhere.
    phone = owner.phone if sum(ch.isdigit() for ch in owner.phone or "") >= 6 else ""
    contacts = sorted({v.strip() for v in (owner.email, phone) if v and len(v.strip()) >= 4}, key=len)
    site, owner_name = owner.site, owner.name
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
    if len(owner_name.strip()) >= 4 and site.notes:
        notes = _replaced(site.notes, [owner_name.strip()], name)
        if notes != site.notes:
            site.notes = notes  # e.g. "Eigentümerin Erika Mustermann will sell"
            site.save(update_fields=["notes"])  # the save re-indexes the site for search
    replace_in_records(contacts[::-1], name)
    return name
