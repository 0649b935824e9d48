import datetime as dt
from decimal import Decimal as D

from django.utils import timezone

from ikonnekt.market.models import (
    BusinessProfile,
    Event,
    Label,
    LabelClaim,
    Listing,
    Order,
    OrderCycle,
    PickupPoint,
    Product,
    ProductVariant,
    WasteCode,
)
from tests.factories import factory


@factory(BusinessProfile)
def make_profile(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    obj = BusinessProfile.objects.create(
        owner=owner,
        visibility=visibility,
        created_by=created_by,
        name=f"Hof {owner.name}",
        sector="agriculture",
        municipality="Nalbach",
        latitude=49.38,
        longitude=6.78,
        opening_hours="Mo-Fr 08:00-18:00",
        street="Geheimweg 1",
    )
    obj.shared_with.set(shared_with)
    return obj


@factory(LabelClaim)
def make_claim(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    profile = make_profile(
        cast, owner=owner, visibility=visibility, created_by=created_by, shared_with=shared_with
    )
    return LabelClaim.objects.create(profile=profile, label=Label.objects.get(slug="bioland"))


@factory(Product)
def make_product(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    obj = Product.objects.create(
        owner=owner, visibility=visibility, created_by=created_by, name="Äpfel", category="fruit"
    )
    obj.shared_with.set(shared_with)
    return obj


@factory(ProductVariant)
def make_variant(
    cast,
    *,
    owner,
    visibility="private",
    created_by=None,
    shared_with=(),
    price=D("2.50"),
    vat=D("7.00"),
    stock=D("10"),
):
    product = make_product(
        cast, owner=owner, visibility=visibility, created_by=created_by, shared_with=shared_with
    )
    return ProductVariant.objects.create(
        product=product, name="1 kg", unit="kg", price=price, vat_rate=vat, stock=stock
    )


@factory(Event)
def make_event(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    start = timezone.now() + dt.timedelta(days=3)
    obj = Event.objects.create(
        owner=owner,
        visibility=visibility,
        created_by=created_by,
        title="Genussmarkt",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=4),
        location="Marktplatz",
    )
    obj.shared_with.set(shared_with)
    return obj


@factory(OrderCycle)
def make_cycle(cast, *, owner, visibility="private", created_by=None, shared_with=(), open_=True):
    now = timezone.now()
    cycle = OrderCycle.objects.create(
        owner=owner,
        visibility=visibility,
        created_by=created_by,
        name="Wochenkorb",
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + (dt.timedelta(days=2) if open_ else -dt.timedelta(hours=1)),
    )
    cycle.shared_with.set(shared_with)
    PickupPoint.objects.create(
        cycle=cycle,
        name="Rathaus Nalbach",
        address="Rathausplatz 1",
        municipality="Nalbach",
        latitude=49.3833,
        longitude=6.7833,
        pickup_from=now + dt.timedelta(days=3),
        pickup_until=now + dt.timedelta(days=3, hours=2),
    )
    return cycle


@factory(Order)
def make_order(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    cycle = make_cycle(cast, owner=owner, visibility=visibility, created_by=created_by)
    customer = created_by or cast.b_editor
    return Order.objects.create(
        cycle=cycle,
        customer=customer,
        status="placed",
        number="RM-T-1",
        pickup_point=cycle.pickup_points.first(),
    )


def _town():
    from ikonnekt.organizations.models import Organisation

    town, _ = Organisation.objects.get_or_create(
        slug="piesbach-test",
        defaults={"name": "Ortsteil Piesbach", "kind": "municipality", "latitude": 49.39, "longitude": 6.79},
    )
    return town


@factory(Listing)
def make_listing(
    cast, *, owner, visibility="private", created_by=None, shared_with=(), status="approved", code="200201"
):
    obj = Listing.objects.create(
        owner=owner,
        visibility=visibility,
        created_by=created_by,
        kind="offer",
        title="Holzhackschnitzel",
        chiffre=f"SR-T-{Listing.objects.count() + 1:04d}",
        waste_code=WasteCode.objects.get(code=code),
        quantity=D("100"),
        unit="t",
        municipality=_town(),
        address="Geheimweg 7, 66809 Nalbach",
        legal_status="by_product",
        valid_until=timezone.localdate() + dt.timedelta(days=60),
        status=status,
    )
    obj.shared_with.set(shared_with)
    return obj


@factory(PickupPoint)
def make_pickup_point(cast, *, owner, visibility="private", created_by=None, shared_with=()):
    """The pickup point a new cycle comes with (it inherits the cycle's visibility)."""
    cycle = make_cycle(
        cast, owner=owner, visibility=visibility, created_by=created_by, shared_with=shared_with
    )
    return cycle.pickup_points.get()
