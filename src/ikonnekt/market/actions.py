"""Every change in the market: permission check, write and audit row in one transaction."""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ikonnekt.core import actions as core_actions
from ikonnekt.core import audit
from ikonnekt.core.audit import Actor, AuditAction
from ikonnekt.core.formats import datetime_text, money, number
from ikonnekt.core.sharing import has_role, user_org_ids
from ikonnekt.market.models import (
    ContactMessage,
    Deal,
    LabelClaim,
    Listing,
    ListingStatus,
    Order,
    OrderCycle,
    OrderLine,
    OrderStatus,
    PickupPoint,
    ProductVariant,
    SavedSearch,
)
from ikonnekt.market.moderation import is_moderator

# --- helpers -----------------------------------------------------------------------------------


def _require_editor(actor: Actor, owner_id: int):
    if not has_role(actor.user, owner_id):
        raise PermissionDenied(_("Only editors and administrators of the owner organisation may do this."))


def _require_moderator(actor: Actor):
    if not is_moderator(actor.user):
        raise PermissionDenied(_("Only the market's moderators (district staff) may do this."))


def parse_quantity(value, field="quantity") -> Decimal:
    """A positive quantity with at most three decimals, or a German error naming the field."""
    try:
        q = Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("“%(value)s” is not a number.") % {"value": value}}) from None
    if not q.is_finite() or q <= 0:
        raise ValidationError({field: _("The quantity must be greater than 0.")})
    if q != q.quantize(Decimal("0.001")):
        raise ValidationError({field: _("Enter the quantity with at most three decimals.")})
    return q


def _mail(subject, body, recipients):
    recipients = [r for r in recipients if r]
    if recipients:
        transaction.on_commit(
            lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=True)
        )


def _org_editor_emails(org_id):
    from ikonnekt.organizations.models import Membership

    return list(
        Membership.objects.filter(organisation_id=org_id, role__in=["admin", "editor"])
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


# --- profiles and labels --------------------------------------------------------------------------


@transaction.atomic
def claim_label(actor: Actor, profile, save) -> LabelClaim:
    """A business claims a label; the claim starts unverified."""
    _require_editor(actor, profile.owner_id)
    claim = save()
    audit.record(actor, AuditAction.CREATE, claim, changes=audit.snapshot(claim))
    return claim


@transaction.atomic
def verify_label_claim(actor: Actor, claim: LabelClaim, verified: bool, valid_until=None) -> LabelClaim:
    _require_moderator(actor)
    claim = LabelClaim.objects.select_for_update().get(pk=claim.pk)
    if verified and not claim.evidence:
        raise ValidationError(_("A label can only be verified with an evidence document."))
    before = {"verified": claim.verified, "valid_until": str(claim.valid_until)}
    claim.verified = verified
    if valid_until is not None:
        claim.valid_until = valid_until
    claim.verified_by = actor.user if verified else None
    claim.verified_at = timezone.now() if verified else None
    claim.save()
    audit.record(
        actor,
        AuditAction.UPDATE,
        claim,
        changes={
            "verified": [before["verified"], verified],
            "valid_until": [before["valid_until"], str(claim.valid_until)],
        },
    )
    return claim


# --- products ------------------------------------------------------------------------------------


@transaction.atomic
def remove_variant(actor: Actor, variant: ProductVariant) -> ProductVariant:
    """Stop offering a variant. Orders keep it (prices are frozen); carts report it at checkout."""
    _require_editor(actor, variant.product.owner_id)
    ProductVariant.objects.filter(pk=variant.pk).update(is_active=False)
    variant.is_active = False
    audit.record(
        actor, AuditAction.UPDATE, variant.product, changes={"variant removed": [str(variant), None]}
    )
    return variant


@transaction.atomic
def import_products(actor: Actor, owner_id: int, rows, created_by=None) -> int:
    """Create products and variants from validated import rows (all or nothing)."""
    from ikonnekt.market.models import Product

    core_actions_count = 0
    _require_editor(actor, owner_id)
    products = {}
    for row in rows:
        key = row["product"]
        product = products.get(key)
        if product is None:
            product, _created = Product.objects.get_or_create(
                owner_id=owner_id,
                name=row["product"],
                defaults={
                    "category": row["category"],
                    "origin": row["origin"],
                    "description": row["description"],
                    "visibility": row["visibility"],
                    "created_by": created_by or actor.user,
                },
            )
            products[key] = product
        ProductVariant.objects.update_or_create(
            product=product,
            name=row["variant"],
            defaults={
                "unit": row["unit"],
                "size": row["size"],
                "price": row["price"],
                "vat_rate": row["vat_rate"],
                "deposit": row["deposit"],
                "stock": row["stock"],
                "is_active": True,
            },
        )
        core_actions_count += 1
    for product in products.values():
        audit.record(actor, AuditAction.CREATE, product, changes={"import": "CSV"})
    return core_actions_count


# --- order cycles -----------------------------------------------------------------------------------


@transaction.atomic
def set_cycle_offers(actor: Actor, cycle: OrderCycle, variants) -> None:
    _require_editor(actor, cycle.owner_id)
    before = sorted(cycle.variants.values_list("pk", flat=True))
    cycle.variants.set(variants)
    after = sorted(v.pk for v in variants)
    audit.record(actor, AuditAction.UPDATE, cycle, changes={"variants": [len(before), len(after)]})


@transaction.atomic
def add_pickup_point(actor: Actor, cycle: OrderCycle, save) -> PickupPoint:
    _require_editor(actor, cycle.owner_id)
    point = save()
    audit.record(actor, AuditAction.UPDATE, cycle, changes={"pickup point": [None, str(point)]})
    return point


def _check_open(cycle: OrderCycle):
    if not cycle.is_open():
        if timezone.now() >= cycle.closes_at:
            raise ValidationError(
                _("The order cycle “%(name)s” closed on %(when)s; orders can no longer be placed or changed.")
                % {"name": cycle.name, "when": datetime_text(cycle.closes_at)}
            )
        raise ValidationError(_("The order cycle “%(name)s” is not open yet.") % {"name": cycle.name})


def _check_variant(cycle, variant):
    if not variant.is_active:
        raise ValidationError(
            _("“%(variant)s” is no longer offered; please remove it from your cart.") % {"variant": variant}
        )
    if not cycle.variants.filter(pk=variant.pk).exists():
        raise ValidationError(_("“%(variant)s” is not offered in this order cycle.") % {"variant": variant})


def _check_stock(variant, quantity, already_reserved=Decimal(0)):
    if variant.stock is not None and quantity > variant.stock + already_reserved:
        raise ValidationError(
            {
                "quantity": _("Only %(stock)s %(unit)s of “%(variant)s” are available.")
                % {
                    "stock": (variant.stock + already_reserved).normalize(),
                    "unit": variant.get_unit_display(),
                    "variant": variant,
                }
            }
        )


def _cart(user, cycle):
    order, _created = Order.objects.get_or_create(cycle=cycle, customer=user, status=OrderStatus.CART)
    return order


@transaction.atomic
def set_quantity(actor: Actor, cycle: OrderCycle, variant: ProductVariant, quantity, order=None) -> Order:
    """Put ``quantity`` of a variant into the cart (or a placed order, while the cycle is open).

    0 removes the line. For placed orders, stock is adjusted by the difference."""
    if actor.user is None:
        raise PermissionDenied(_("Please sign in to order."))
    cycle = OrderCycle.objects.select_for_update().get(pk=cycle.pk)
    _check_open(cycle)
    q = Decimal(0) if str(quantity).strip() in ("0", "0.0", "0,0") else parse_quantity(quantity)
    if order is None:
        order = _cart(actor.user, cycle)
    if (
        order.customer_id != actor.user.pk
        or order.status == OrderStatus.CANCELLED
        or order.cycle_id != cycle.pk
    ):
        raise PermissionDenied(_("This order cannot be changed."))
    variant = ProductVariant.objects.select_for_update().select_related("product").get(pk=variant.pk)
    line = order.lines.filter(variant=variant).first()
    previous = line.quantity if line else Decimal(0)
    placed = order.status == OrderStatus.PLACED
    if q == 0:
        if line:
            line.delete()
            if placed and variant.stock is not None:
                ProductVariant.objects.filter(pk=variant.pk).update(stock=F("stock") + previous)
    else:
        _check_variant(cycle, variant)
        _check_stock(variant, q, previous if placed else Decimal(0))
        if line is None:
            line = OrderLine(order=order, variant=variant, producer_id=variant.product.owner_id)
        line.quantity = q
        line.unit_price = variant.price
        line.vat_rate = variant.vat_rate
        line.deposit = variant.deposit
        line.fee_percent = cycle.fee_percent
        line.save()
        if placed and variant.stock is not None:
            ProductVariant.objects.filter(pk=variant.pk).update(stock=F("stock") - (q - previous))
    if placed:
        audit.record(actor, AuditAction.UPDATE, order, changes={str(variant): [str(previous), str(q)]})
    order.save(update_fields=["updated_at"])
    return order


def _order_number(order):
    return f"RM-{order.cycle_id}-{order.pk:05d}"


@transaction.atomic
def checkout(actor: Actor, order: Order, pickup_point: PickupPoint, note: str = "") -> Order:
    order = Order.objects.select_for_update().select_related("cycle").get(pk=order.pk)
    if actor.user is None or order.customer_id != actor.user.pk or order.status != OrderStatus.CART:
        raise PermissionDenied(_("This cart cannot be ordered."))
    cycle = order.cycle
    _check_open(cycle)
    if pickup_point is None or pickup_point.cycle_id != cycle.pk:
        raise ValidationError({"pickup_point": _("Choose a pickup point of this order cycle.")})
    lines = list(order.lines.select_related("variant__product"))
    if not lines:
        raise ValidationError(_("Your cart is empty."))
    variants = {
        v.pk: v
        for v in ProductVariant.objects.select_for_update()
        .select_related("product")
        .filter(pk__in=[line.variant_id for line in lines])
    }
    problems = []
    for line in lines:
        variant = variants[line.variant_id]
        try:
            _check_variant(cycle, variant)
            _check_stock(variant, line.quantity)
        except ValidationError as exc:
            problems.extend(exc.messages)
    if problems:
        raise ValidationError(problems)
    for line in lines:
        if variants[line.variant_id].stock is not None:
            ProductVariant.objects.filter(pk=line.variant_id).update(stock=F("stock") - line.quantity)
    order.status = OrderStatus.PLACED
    order.pickup_point = pickup_point
    order.delivery_fee = pickup_point.delivery_fee
    order.note = note[:300]
    order.placed_at = timezone.now()
    order.number = _order_number(order)
    order.save()
    audit.record(actor, AuditAction.CREATE, order, changes={"lines": len(lines), "pickup": str(pickup_point)})
    _send_confirmation(order)
    return order


def _send_confirmation(order: Order):
    from ikonnekt.market.pricing import order_totals
    from ikonnekt.market.receipt import summary_text

    lines = list(order.lines.select_related("variant__product"))
    totals = order_totals(lines, order.delivery_fee)
    body = [
        _("Thank you for your order %(number)s in “%(cycle)s”.")
        % {"number": order.number, "cycle": order.cycle.name},
        "",
    ]
    for line in lines:
        body.append(f"{number(line.quantity.normalize())} × {line.variant} — {money(line.amounts.goods)}")
    point = order.pickup_point
    body += ["", *summary_text(totals), _("Payment on pickup.")]
    body += [
        _("Pickup: %(point)s, %(address)s, %(start)s – %(end)s")
        % {
            "point": point.name,
            "address": point.address,
            "start": datetime_text(point.pickup_from),
            "end": datetime_text(point.pickup_until, "H:i"),
        },
        _("You can change or cancel the order until %(when)s.")
        % {"when": datetime_text(order.cycle.closes_at)},
    ]
    _mail(
        _("Order confirmation %(number)s") % {"number": order.number}, "\n".join(body), [order.customer.email]
    )


@transaction.atomic
def cancel_order(actor: Actor, order: Order) -> Order:
    order = Order.objects.select_for_update().select_related("cycle").get(pk=order.pk)
    if actor.user is None or order.customer_id != actor.user.pk or order.status != OrderStatus.PLACED:
        raise PermissionDenied(_("This order cannot be cancelled."))
    _check_open(order.cycle)
    for line in order.lines.select_related("variant"):
        if line.variant.stock is not None:
            ProductVariant.objects.filter(pk=line.variant_id).update(stock=F("stock") + line.quantity)
    order.status = OrderStatus.CANCELLED
    order.save(update_fields=["status", "updated_at"])
    audit.record(actor, AuditAction.UPDATE, order, changes={"status": ["placed", "cancelled"]})
    _mail(
        _("Order %(number)s cancelled") % {"number": order.number},
        _("Your order %(number)s has been cancelled.") % {"number": order.number},
        [order.customer.email],
    )
    return order


@transaction.atomic
def mark_paid(actor: Actor, order: Order, paid: bool = True) -> Order:
    order = Order.objects.select_for_update().select_related("cycle").get(pk=order.pk)
    _require_editor(actor, order.cycle.owner_id)
    if order.status != OrderStatus.PLACED:
        raise ValidationError(_("Only placed orders can be marked as paid."))
    order.paid = paid
    order.paid_at = timezone.now() if paid else None
    order.save(update_fields=["paid", "paid_at", "updated_at"])
    audit.record(actor, AuditAction.UPDATE, order, changes={"paid": [not paid, paid]})
    return order


# --- secondary-materials exchange --------------------------------------------------------------------


def _next_chiffre():
    year = timezone.localdate().year
    last = (
        Listing.objects.filter(chiffre__startswith=f"SR-{year}-")
        .order_by("-chiffre")
        .values_list("chiffre", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"SR-{year}-{number:04d}"


@transaction.atomic
def create_listing(actor: Actor, owner_id: int, save) -> Listing:
    """A new listing waits for moderation; it gets a box number (Chiffre)."""

    def save_pending():
        listing = save()
        listing.status = ListingStatus.PENDING
        listing.chiffre = listing.chiffre or _next_chiffre()
        listing.full_clean()
        listing.save()
        return listing

    listing = core_actions.create_object(actor, owner_id, save_pending)
    _mail(
        _("New listing to moderate: %(chiffre)s") % {"chiffre": listing.chiffre},
        _("A new listing waits for moderation: %(title)s") % {"title": listing.title},
        _moderator_emails(),
    )
    return listing


@transaction.atomic
def update_listing(actor: Actor, listing: Listing, save) -> Listing:
    """A change by the lister sends the listing back to moderation."""

    def save_pending():
        saved = save()
        saved.full_clean()
        if not is_moderator(actor.user) and saved.status != ListingStatus.CLOSED:
            saved.status = ListingStatus.PENDING
        saved.save()
        return saved

    return core_actions.update_object(actor, listing, save_pending)


def _moderator_emails():
    from ikonnekt.organizations.models import Membership

    return list(
        Membership.objects.filter(organisation__kind="district", role__in=["admin", "editor"])
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


@transaction.atomic
def moderate_listing(actor: Actor, listing: Listing, approve: bool, reason: str = "") -> Listing:
    _require_moderator(actor)
    listing = Listing.objects.select_for_update().get(pk=listing.pk)
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ValidationError({"reason": _("Give a reason for the rejection; the lister will read it.")})
    before = listing.status
    listing.status = ListingStatus.APPROVED if approve else ListingStatus.REJECTED
    listing.rejection_reason = "" if approve else reason
    listing.moderated_by = actor.user
    listing.moderated_at = timezone.now()
    listing.save(update_fields=["status", "rejection_reason", "moderated_by", "moderated_at", "updated_at"])
    audit.record(
        actor, AuditAction.UPDATE, listing, changes={"status": [before, listing.status], "reason": reason}
    )
    if approve:
        _mail(
            _("Your listing %(chiffre)s is published") % {"chiffre": listing.chiffre},
            _("Your listing “%(title)s” has been approved and is now visible.") % {"title": listing.title},
            _org_editor_emails(listing.owner_id),
        )
        notify_saved_searches(listing)
    else:
        _mail(
            _("Your listing %(chiffre)s was not approved") % {"chiffre": listing.chiffre},
            _("Reason: %(reason)s") % {"reason": reason},
            _org_editor_emails(listing.owner_id),
        )
    return listing


def notify_saved_searches(listing: Listing) -> int:
    """Mail every saved search that matches a newly approved listing (not the lister's own)."""
    from ikonnekt.market.exchange import search_matches

    count = 0
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    for search in SavedSearch.objects.select_related("user", "near").exclude(user__email=""):
        if listing.owner_id in user_org_ids(search.user):
            continue
        if not listing.is_visible_to(search.user) or not search_matches(search, listing):
            continue
        _mail(
            _("New listing for your search “%(name)s”") % {"name": search.name},
            _("%(kind)s: %(title)s (%(code)s), %(quantity)s %(unit)s in %(place)s.\n%(url)s")
            % {
                "kind": listing.get_kind_display(),
                "title": listing.title,
                "code": listing.waste_code.display_code,
                "quantity": listing.quantity.normalize(),
                "unit": listing.get_unit_display(),
                "place": listing.municipality.name,
                "url": site + listing.get_absolute_url(),
            },
            [search.user.email],
        )
        SavedSearch.objects.filter(pk=search.pk).update(last_notified_at=timezone.now())
        count += 1
    return count


CONTACT_LIMIT_PER_HOUR = 5
CONTACT_SAME_LISTING_MINUTES = 10
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


@transaction.atomic
def send_contact(actor: Actor, listing: Listing, body: str, share_contact: bool = True) -> ContactMessage:
    """Relay a message to the lister without revealing the lister's identity to the sender."""
    user = actor.user
    if user is None:
        raise PermissionDenied(_("Please sign in to contact the lister."))
    if listing.status != ListingStatus.APPROVED:
        raise ValidationError(_("This listing is not published."))
    if listing.owner_id in user_org_ids(user):
        raise ValidationError(_("This is your own organisation's listing."))
    body = (body or "").strip()
    if len(body) < 20:
        raise ValidationError({"body": _("Please write at least 20 characters.")})
    if len(body) > 3000:
        raise ValidationError({"body": _("Please write at most 3,000 characters.")})
    if len(LINK.findall(body)) > 2:
        raise ValidationError(
            {"body": _("Messages with more than two links are not relayed (spam protection).")}
        )
    now = timezone.now()
    recent = ContactMessage.objects.filter(sender=user, created_at__gte=now - dt.timedelta(hours=1))
    if recent.count() >= CONTACT_LIMIT_PER_HOUR:
        raise ValidationError(
            _("You have sent %(n)s messages in the last hour. Please wait before sending more.")
            % {"n": CONTACT_LIMIT_PER_HOUR}
        )
    if recent.filter(
        listing=listing, created_at__gte=now - dt.timedelta(minutes=CONTACT_SAME_LISTING_MINUTES)
    ).exists():
        raise ValidationError(
            _("You have just written about this listing. Please wait %(m)s minutes.")
            % {"m": CONTACT_SAME_LISTING_MINUTES}
        )
    message = ContactMessage.objects.create(
        listing=listing, sender=user, body=body, share_contact=share_contact
    )
    audit.record(actor, AuditAction.OTHER, listing, changes={"contact message": message.pk})
    sender = (
        f"{user.get_full_name() or user.get_username()} <{user.email}>"
        if share_contact
        else _("(the sender did not share an address; reply through the platform is not possible)")
    )
    _mail(
        _("Enquiry about your listing %(chiffre)s") % {"chiffre": listing.chiffre},
        _("Listing: %(title)s\nFrom: %(sender)s\n\n%(body)s")
        % {"title": listing.title, "sender": sender, "body": body},
        _org_editor_emails(listing.owner_id),
    )
    return message


@transaction.atomic
def record_deal(actor: Actor, listing: Listing, save) -> Deal:
    if not (has_role(actor.user, listing.owner_id) or is_moderator(actor.user)):
        raise PermissionDenied(_("Only the lister or a moderator may record a deal."))
    deal = save()
    audit.record(actor, AuditAction.CREATE, deal, changes=audit.snapshot(deal))
    return deal


@transaction.atomic
def close_listing(actor: Actor, listing: Listing) -> Listing:
    _require_editor(actor, listing.owner_id)
    Listing.objects.filter(pk=listing.pk).update(status=ListingStatus.CLOSED)
    listing.status = ListingStatus.CLOSED
    audit.record(actor, AuditAction.UPDATE, listing, changes={"status": ["", "closed"]})
    return listing


def actor_for(request) -> Actor:
    """``Actor.from_request`` for customers too: users without membership have a lazy
    ``active_organisation`` that resolves to None, which the audit row cannot take."""
    actor = Actor.from_request(request)
    org = actor.organisation
    if org is not None and getattr(org, "pk", None) is None:
        actor = Actor(user=actor.user, organisation=None, ip=actor.ip)
    return actor
