"""Regional market (profiles, products, events, order cycles, orders) and the
secondary-materials exchange (listings, moderation, matching, deals)."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ikonnekt.core.links import row_url
from ikonnekt.core.sharing import ChildQuerySet, Shareable, SharedChild, user_org_ids
from ikonnekt.market.validators import validate_image, validate_money, validate_pdf_or_image

# --- regional market: profiles and labels ------------------------------------------------------


class Sector(models.TextChoices):
    AGRICULTURE = "agriculture", _("Agriculture and direct marketing")
    FOOD = "food", _("Food trade and crafts")
    FAIR_TRADE = "fair_trade", _("Fair trade")
    CRAFTS = "crafts", _("Crafts")
    ENERGY = "energy", _("Energy advice")
    TOURISM = "tourism", _("Tourism and gastronomy")
    RECYCLING = "recycling", _("Recycling and secondary materials")
    OTHER = "other", _("Other")


class Label(models.Model):
    """A recognised label or certification (catalogue maintained by the market's moderators)."""

    slug = models.SlugField(_("key"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    issuer = models.CharField(_("issuer"), max_length=200)
    url = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="market/labels/", blank=True, validators=[validate_image])

    class Meta:
        ordering = ["name"]
        verbose_name = pgettext_lazy("eco label", "label")
        verbose_name_plural = _("labels")

    def __str__(self):
        return self.name


WEEKDAYS = [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]


class BusinessProfile(Shareable):
    """The uniform public profile of a company organisation in the regional market."""

    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, db_index=True)
    description = models.TextField(_("description"), blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, db_index=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    opening_hours = models.TextField(
        _("opening hours"),
        blank=True,
        help_text=_("One line per day range, e.g. “Mo-Fr 08:00-18:00” or “Sa 08:00-12:00”."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    sustainability_statement = models.TextField(
        _("on the way to sustainability"),
        blank=True,
        help_text=_("What the business already does and plans next."),
    )
    photo = models.ImageField(
        _("photo"), upload_to="market/profiles/", blank=True, validators=[validate_image]
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("business profile")
        verbose_name_plural = _("business profiles")
        constraints = [models.UniqueConstraint(fields=["owner"], name="market_one_profile_per_org")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return row_url("market:profile_detail")(self.pk)

    def is_open_at(self, when: dt.datetime) -> bool:
        from ikonnekt.market.hours import is_open

        return is_open(self.opening_hours, timezone.localtime(when))


class LabelClaim(SharedChild, models.Model):
    """A label a business claims; the market's moderators verify it with evidence and expiry."""

    profile = models.ForeignKey(BusinessProfile, on_delete=models.CASCADE, related_name="label_claims")
    label = models.ForeignKey(
        Label,
        on_delete=models.PROTECT,
        related_name="claims",
        verbose_name=pgettext_lazy("eco label", "label"),
    )
    certificate_number = models.CharField(_("certificate number"), max_length=80, blank=True)
    evidence = models.FileField(
        _("evidence (PDF or image)"),
        upload_to="market/evidence/",
        blank=True,
        validators=[validate_pdf_or_image],
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    verified = models.BooleanField(_("verified"), default=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified on"), null=True, blank=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "profile"

    class Meta:
        ordering = ["label__name"]
        constraints = [models.UniqueConstraint(fields=["profile", "label"], name="market_uniq_label_claim")]
        verbose_name = _("label claim")
        verbose_name_plural = _("label claims")

    def __str__(self):
        return f"{self.label} – {self.profile}"

    @property
    def is_valid_verified(self):
        return self.verified and (self.valid_until is None or self.valid_until >= timezone.localdate())


# --- products -------------------------------------------------------------------------------


class ProductCategory(models.TextChoices):
    VEGETABLES = "vegetables", _("Vegetables")
    FRUIT = "fruit", _("Fruit")
    DAIRY = "dairy", _("Dairy and eggs")
    MEAT = "meat", _("Meat and sausage")
    BAKERY = "bakery", _("Bread and bakery")
    DRINKS = "drinks", _("Drinks and juices")
    PANTRY = "pantry", _("Honey, jams and pantry")
    CRAFTS = "crafts", _("Crafts and gifts")
    GARDEN = "garden", _("Garden, wood and compost")
    OTHER = "other", _("Other")


class Unit(models.TextChoices):
    PIECE = "piece", _("piece")
    KG = "kg", _("kg")
    G = "g", _("g")
    L = "l", _("litre")
    BUNCH = "bunch", _("bunch")
    PACK = "pack", _("pack")
    M3 = "m3", _("m³")


VAT_RATES = [(Decimal("7.00"), "7 %"), (Decimal("19.00"), "19 %"), (Decimal("0.00"), "0 %")]


class Product(Shareable):
    """A product of a producer (the owner organisation); sold as one or more variants."""

    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=ProductCategory.choices, db_index=True)
    description = models.TextField(_("description"), blank=True)
    origin = models.CharField(
        _("origin"), max_length=200, blank=True, help_text=_("Where it was grown or made.")
    )
    season_from = models.PositiveSmallIntegerField(
        _("season from (month)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    season_to = models.PositiveSmallIntegerField(
        _("season to (month)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    photo = models.ImageField(
        _("photo"), upload_to="market/products/", blank=True, validators=[validate_image]
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return row_url("market:product_detail")(self.pk)


class ProductVariant(SharedChild, models.Model):
    """A sellable form of a product: size, unit, gross price incl. VAT, deposit and stock."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants")
    name = models.CharField(_("variant"), max_length=100, help_text=_("e.g. “500 g bag” or “crate of 12”"))
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.PIECE)
    size = models.DecimalField(_("size"), max_digits=9, decimal_places=3, default=Decimal("1"))
    price = models.DecimalField(
        _("price incl. VAT (€)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), validate_money],
    )
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2, choices=VAT_RATES)
    deposit = models.DecimalField(
        _("deposit (€)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), validate_money],
    )
    stock = models.DecimalField(
        _("stock"),
        max_digits=10,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Leave empty for “on request”."),
    )
    is_active = models.BooleanField(_("offered"), default=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "product"

    class Meta:
        ordering = ["product__name", "price"]
        verbose_name = _("product variant")
        verbose_name_plural = _("product variants")

    def __str__(self):
        return f"{self.product.name} – {self.name}"

    @property
    def on_request(self):
        return self.stock is None


# --- events ---------------------------------------------------------------------------------


class EventKind(models.TextChoices):
    MARKET = "market", _("Market (e.g. Genussmarkt)")
    ORCHARD = "orchard", _("Orchard day")
    OPEN_FARM = "open_farm", _("Open farm")
    WORKSHOP = "workshop", _("Workshop")
    OTHER = "other", _("Other")


class Event(Shareable):
    """A market event (Genussmarkt, orchard day, open farm) in the calendar and on the map."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.MARKET)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("place"), max_length=200)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    url = models.URLField(_("more information"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return row_url("market:event_detail")(self.pk)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The end lies before the start.")})


# --- order cycles and orders ----------------------------------------------------------------


class OrderCycle(Shareable):
    """A hub's ordering window: producers' variants on offer, pickup points, open → close."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    fee_percent = models.DecimalField(
        _("hub fee (% of goods)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Charged on the gross goods value, rounded once per order line."),
    )
    variants = models.ManyToManyField(
        ProductVariant, blank=True, related_name="cycles", verbose_name=_("offered variants")
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("order cycle")
        verbose_name_plural = _("order cycles")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return row_url("market:cycle_detail")(self.pk)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The cycle must close after it opens.")})

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    @property
    def state(self):
        now = timezone.now()
        if now < self.opens_at:
            return "upcoming"
        return "open" if now < self.closes_at else "closed"


class PickupPoint(SharedChild, models.Model):
    """Where and when customers collect their orders (optionally with a delivery fee)."""

    cycle = models.ForeignKey(OrderCycle, on_delete=models.CASCADE, related_name="pickup_points")
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=250)
    municipality = models.CharField(_("municipality"), max_length=100)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    pickup_from = models.DateTimeField(_("pickup from"))
    pickup_until = models.DateTimeField(_("pickup until"))
    delivery_fee = models.DecimalField(
        _("delivery fee (€)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), validate_money],
    )

    objects = ChildQuerySet.as_manager()
    sharing_parent = "cycle"

    class Meta:
        ordering = ["municipality", "name"]
        verbose_name = _("pickup point")
        verbose_name_plural = _("pickup points")

    def __str__(self):
        return f"{self.name} ({self.municipality})"


class OrderStatus(models.TextChoices):
    CART = "cart", _("cart")
    PLACED = "placed", _("ordered")
    CANCELLED = "cancelled", _("cancelled")


class OrderQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Customers see their own orders; members of the hub see the cycle's orders."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(Q(customer_id=user.pk) | Q(cycle__owner_id__in=sorted(user_org_ids(user))))


class Order(models.Model):
    """A customer's order in one cycle; a cart until checkout. Payment happens outside."""

    cycle = models.ForeignKey(OrderCycle, on_delete=models.PROTECT, related_name="orders")
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="market_orders"
    )
    pickup_point = models.ForeignKey(
        PickupPoint, on_delete=models.PROTECT, null=True, blank=True, related_name="orders"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=OrderStatus.choices, default=OrderStatus.CART
    )
    number = models.CharField(_("order number"), max_length=20, blank=True, db_index=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    delivery_fee = models.DecimalField(
        _("delivery fee (€)"), max_digits=8, decimal_places=2, default=Decimal("0")
    )
    placed_at = models.DateTimeField(_("ordered on"), null=True, blank=True)
    paid = models.BooleanField(_("paid"), default=False)
    paid_at = models.DateTimeField(_("paid on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrderQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = pgettext_lazy("market", "order")
        verbose_name_plural = _("orders")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "customer"], condition=Q(status="cart"), name="market_one_cart_per_cycle"
            )
        ]

    def __str__(self):
        return self.number or _("Cart")

    def get_absolute_url(self):
        return row_url("market:order_detail")(self.pk)

    def audit_owner_id(self):
        return self.cycle.owner_id

    def can_change(self, user, now=None):
        return (
            user.pk == self.customer_id and self.status != OrderStatus.CANCELLED and self.cycle.is_open(now)
        )


class OrderLine(models.Model):
    """One variant in an order; price, VAT, deposit and fee are frozen at the time of adding."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(ProductVariant, on_delete=models.PROTECT, related_name="order_lines")
    producer = models.ForeignKey("organizations.Organisation", on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField(_("quantity"), max_digits=9, decimal_places=3)
    unit_price = models.DecimalField(_("unit price incl. VAT (€)"), max_digits=10, decimal_places=2)
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2)
    deposit = models.DecimalField(
        _("deposit per unit (€)"), max_digits=8, decimal_places=2, default=Decimal("0")
    )
    fee_percent = models.DecimalField(_("hub fee (%)"), max_digits=5, decimal_places=2, default=Decimal("0"))

    class Meta:
        ordering = ["variant__product__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["order", "variant"], name="market_uniq_order_variant")]
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")

    def __str__(self):
        return f"{self.quantity} × {self.variant}"

    @property
    def amounts(self):
        from ikonnekt.market.pricing import line_amounts

        return line_amounts(self.unit_price, self.quantity, self.vat_rate, self.deposit, self.fee_percent)


# --- secondary-materials exchange -----------------------------------------------------------


class WasteCode(models.Model):
    """An entry of the European List of Waste as enacted in Germany (AVV, Anlage zu § 2 Abs. 1).

    ``level`` chapter (2 digits), group (4) or entry (6); ``hazardous`` is the (*) marker.
    """

    code = models.CharField(_("code"), max_length=6, unique=True)
    title = models.CharField(_("title"), max_length=400)
    level = models.CharField(
        max_length=8, choices=[("chapter", "chapter"), ("group", "group"), ("entry", "entry")]
    )
    hazardous = models.BooleanField(_("hazardous (*)"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("waste code (AVV)")
        verbose_name_plural = _("waste codes (AVV)")

    def __str__(self):
        return f"{self.display_code} {self.title}"

    @property
    def display_code(self):
        parts = " ".join(self.code[i : i + 2] for i in range(0, len(self.code), 2))
        return parts + ("*" if self.hazardous else "")

    @property
    def chapter(self):
        return self.code[:2]

    @property
    def group(self):
        return self.code[:4]


class ListingKind(models.TextChoices):
    OFFER = "offer", _("Offer")
    WANTED = "wanted", _("Wanted")


class Recurrence(models.TextChoices):
    ONCE = "once", _("one-off")
    WEEKLY = "weekly", _("weekly")
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")
    YEARLY = "yearly", _("yearly")


class QuantityUnit(models.TextChoices):
    T = "t", _("tonnes")
    KG = "kg", _("kg")
    M3 = "m3", _("m³")
    PIECE = "piece", _("pieces")


class Logistics(models.TextChoices):
    PICKUP = "pickup", _("pick-up by the recipient")
    DELIVERY = "delivery", _("delivery by the lister")
    THIRD_PARTY = "third_party", _("third-party carrier")


class LegalStatus(models.TextChoices):
    WASTE = "waste", _("Waste")
    BY_PRODUCT = "by_product", _("By-product (KrWG § 4)")
    END_OF_WASTE = "end_of_waste", _("End-of-waste (KrWG § 5)")


class ListingStatus(models.TextChoices):
    PENDING = "pending", _("awaiting moderation")
    APPROVED = "approved", _("published")
    REJECTED = "rejected", _("rejected")
    CLOSED = "closed", _("closed")


class Listing(Shareable):
    """An offer or wanted ad for a secondary material. Anonymous (Chiffre) unless the lister
    reveals the organisation; visible to others only after a moderator approved it; the exact
    address is shown to the lister and the moderators only."""

    kind = models.CharField(_("type"), max_length=10, choices=ListingKind.choices, db_index=True)
    chiffre = models.CharField(_("box number (Chiffre)"), max_length=20, unique=True, blank=True)
    title = models.CharField(_("material"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    waste_code = models.ForeignKey(
        WasteCode, on_delete=models.PROTECT, related_name="listings", verbose_name=_("AVV code")
    )
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=6, choices=QuantityUnit.choices, default=QuantityUnit.T)
    recurrence = models.CharField(
        _("frequency"), max_length=10, choices=Recurrence.choices, default=Recurrence.ONCE
    )
    municipality = models.ForeignKey(
        "organizations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
        limit_choices_to={"kind__in": ["municipality", "district"]},
    )
    address = models.CharField(
        _("exact address"),
        max_length=250,
        blank=True,
        help_text=_("Shown only to the moderators, never to other users."),
    )
    logistics = models.CharField(
        _("logistics"), max_length=12, choices=Logistics.choices, default=Logistics.PICKUP
    )
    legal_status = models.CharField(
        _("legal status (declared by the lister)"), max_length=14, choices=LegalStatus.choices
    )
    evidence = models.FileField(
        _("evidence document"),
        upload_to="market/listing-evidence/",
        blank=True,
        validators=[validate_pdf_or_image],
    )
    photo = models.ImageField(
        _("photo"), upload_to="market/listings/", blank=True, validators=[validate_image]
    )
    available_from = models.DateField(_("available from"), default=dt.date.today)
    valid_until = models.DateField(_("valid until"))
    reveal_identity = models.BooleanField(
        _("show our organisation's name"),
        default=False,
        help_text=_("Otherwise the listing stays anonymous."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ListingStatus.choices,
        default=ListingStatus.PENDING,
        db_index=True,
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(_("moderated on"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("material listing")
        verbose_name_plural = _("material listings")

    def __str__(self):
        return f"{self.chiffre} {self.title}"

    def get_absolute_url(self):
        return row_url("market:listing_detail")(self.pk)

    @classmethod
    def visible_to_q(cls, user, prefix: str = "") -> Q:
        """Others see approved listings through the sharing rule; the lister's members always
        see their own; the market's moderators see every listing."""
        from ikonnekt.market.moderation import is_moderator

        base = super().visible_to_q(user, prefix)
        approved = Q(**{f"{prefix}status": ListingStatus.APPROVED})
        q = base & approved
        org_ids = user_org_ids(user)
        if org_ids:
            q |= Q(**{f"{prefix}owner_id__in": sorted(org_ids)})
        if is_moderator(user):
            q = Q(**{f"{prefix}pk__isnull": False})
        return q

    def shows_identity_to(self, user) -> bool:
        from ikonnekt.market.moderation import is_moderator

        return self.reveal_identity or self.owner_id in user_org_ids(user) or is_moderator(user)

    def shows_address_to(self, user) -> bool:
        from ikonnekt.market.moderation import is_moderator

        return self.owner_id in user_org_ids(user) or is_moderator(user)

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.quantity is not None and self.quantity <= 0:
            errors["quantity"] = _("The quantity must be greater than 0.")
        if self.valid_until and self.available_from and self.valid_until < self.available_from:
            errors["valid_until"] = _("“Valid until” lies before “available from”.")
        code = self.waste_code if self.waste_code_id else None
        if code is not None and code.level != "entry":
            errors["waste_code"] = _("Choose a 6-digit AVV entry, not a chapter or group.")
        if (
            code is not None
            and code.hazardous
            and self.legal_status in (LegalStatus.END_OF_WASTE, LegalStatus.BY_PRODUCT)
            and not self.evidence
        ):
            errors["evidence"] = _(
                "%(code)s is a hazardous waste code (*): declaring it as %(status)s needs an evidence "
                "document (e.g. an expert opinion or the authority's decision)."
            ) % {"code": code.display_code, "status": self.get_legal_status_display()}
        if errors:
            raise ValidationError(errors)

    @property
    def is_active(self):
        return self.status == ListingStatus.APPROVED and self.valid_until >= timezone.localdate()


class ContactMessage(SharedChild, models.Model):
    """A message to a listing's (anonymous) lister; the platform relays it by mail."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("message"))
    share_contact = models.BooleanField(_("share my e-mail address with the lister"), default=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "listing"

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")

    def __str__(self):
        return f"{self.listing.chiffre}: {self.created_at:%Y-%m-%d %H:%M}"


class SavedSearch(models.Model):
    """A user's standing search; a mail goes out when a matching listing is approved."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="market_searches"
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("type"), max_length=10, choices=ListingKind.choices, blank=True)
    code_prefix = models.CharField(
        _("AVV code or prefix"),
        max_length=6,
        blank=True,
        help_text=_("2, 4 or 6 digits, e.g. 03 01 or 20 02 01."),
    )
    text = models.CharField(_("words in the material"), max_length=120, blank=True)
    near = models.ForeignKey(
        "organizations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("near municipality"),
        limit_choices_to={"kind__in": ["municipality", "district"]},
    )
    max_km = models.PositiveIntegerField(_("max. distance (km)"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self):
        return self.name


class Deal(SharedChild, models.Model):
    """A recorded outcome: material moved thanks to a listing."""

    listing = models.ForeignKey(Listing, on_delete=models.PROTECT, related_name="deals")
    quantity = models.DecimalField(
        _("quantity moved"), max_digits=12, decimal_places=3, validators=[MinValueValidator(Decimal("0.001"))]
    )
    tonnes = models.DecimalField(
        _("mass (t)"), max_digits=12, decimal_places=3, validators=[MinValueValidator(Decimal("0.001"))]
    )
    transport_km = models.DecimalField(
        _("transport distance (km)"),
        max_digits=8,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    date = models.DateField(_("date"))
    counterpart = models.CharField(_("counterpart"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ChildQuerySet.as_manager()
    sharing_parent = "listing"

    class Meta:
        ordering = ["-date"]
        verbose_name = _("deal")
        verbose_name_plural = _("deals")

    def __str__(self):
        return f"{self.listing.title}: {self.tonnes} t ({self.date})"
