"""Demo data of the regional market and the secondary-materials exchange (labelled Demo).

Idempotent: natural keys with update_or_create; times are relative to the day of loading so
the demo order cycle is always open."""

import datetime as dt
from decimal import Decimal as D

from django.utils import timezone

from ikonnekt.core.sharing import Visibility
from ikonnekt.market.models import (
    BusinessProfile,
    Deal,
    Event,
    Label,
    LabelClaim,
    Listing,
    Order,
    OrderCycle,
    OrderLine,
    PickupPoint,
    Product,
    ProductVariant,
    SavedSearch,
    WasteCode,
)

PROFILES = [
    (
        "biohof-primstal",
        "Biohof Primstal (Demo)",
        "agriculture",
        "Primstaler Straße 12",
        "66809",
        "Nalbach-Piesbach",
        49.3990,
        6.7960,
        "Di-Fr 09:00-18:00\nSa 08:00-13:00",
        "Bioland-Hof mit Gemüse, Kartoffeln, Eiern und Streuobst-Apfelsaft. Hofladen und Abokisten.",
        "Seit 2021 eigene PV-Anlage und Mehrweg-Kisten; Ziel 2027: Hofladen ohne Einwegverpackung.",
        ["bioland", "ebbes-von-hei"],
    ),
    (
        "hofladen-lebach",
        "Hofladen Lebach (Demo)",
        "food",
        "Am Markt 3",
        "66822",
        "Lebach",
        49.4120,
        6.9000,
        "Mo-Fr 08:00-18:30\nSa 08:00-14:00",
        "Hofladen mit Brot, Käse, Wurst und Honig von Betrieben aus dem Landkreis.",
        "Regionale Lieferanten im Umkreis von 30 km, Pfandgläser für Honig und Joghurt.",
        ["ebbes-von-hei"],
    ),
    (
        "holz-und-kompost-nalbach",
        "Holz & Kompost Nalbach GmbH (Demo)",
        "recycling",
        "Industriestraße 7",
        "66809",
        "Nalbach",
        49.3790,
        6.7760,
        "Mo-Fr 07:00-16:00\nSa 08:00-12:00",
        "Grüngutannahme, Holzhackschnitzel für Heizwerke und Gütekompost aus kommunalem Grünschnitt.",
        "Kompost mit RAL-Gütezeichen; holziger Anteil geht ins Biomasse-Heizwerk Lisdorfer Berg.",
        [],
    ),
    (
        "bau-recycling-dillingen",
        "Bau-Recycling Dillingen GmbH (Demo)",
        "recycling",
        "Hafenstraße 40",
        "66763",
        "Dillingen/Saar",
        49.3500,
        6.7300,
        "Mo-Fr 07:00-17:00",
        "Aufbereitung von Bauschutt zu güteüberwachten Recycling-Baustoffen (RC-Schotter, RC-Beton).",
        "Ziel: 90 % Verwertungsquote der angenommenen mineralischen Abfälle.",
        [],
    ),
]

# producer slug, product, category, origin, [(variant, unit, size, price, vat, deposit, stock)]
PRODUCTS = [
    (
        "biohof-primstal",
        "Kartoffeln festkochend (Demo)",
        "vegetables",
        "Nalbach-Piesbach",
        [
            ("2,5-kg-Beutel", "kg", D("2.5"), D("4.90"), D("7.00"), D("0"), D("120")),
            ("10-kg-Sack", "kg", D("10"), D("14.50"), D("7.00"), D("0"), D("40")),
        ],
    ),
    (
        "biohof-primstal",
        "Freilandeier (Demo)",
        "dairy",
        "Nalbach-Piesbach",
        [
            ("6 Stück", "pack", D("6"), D("3.30"), D("7.00"), D("0"), D("80")),
            ("10 Stück", "pack", D("10"), D("5.20"), D("7.00"), D("0"), D("50")),
        ],
    ),
    (
        "biohof-primstal",
        "Streuobst-Apfelsaft (Demo)",
        "drinks",
        "Streuobstwiesen Saarland",
        [
            ("0,7-l-Flasche", "l", D("0.7"), D("2.80"), D("19.00"), D("0.15"), None),
            ("Kiste 6 × 1 l", "l", D("6"), D("16.90"), D("19.00"), D("2.40"), D("20")),
        ],
    ),
    (
        "biohof-primstal",
        "Gemüsekiste saisonal (Demo)",
        "vegetables",
        "Nalbach-Piesbach",
        [
            ("klein", "piece", D("1"), D("19.00"), D("7.00"), D("0"), D("25")),
            ("groß", "piece", D("1"), D("29.00"), D("7.00"), D("0"), D("15")),
        ],
    ),
    (
        "hofladen-lebach",
        "Bauernbrot (Demo)",
        "bakery",
        "Lebach",
        [
            ("1 kg", "piece", D("1"), D("4.60"), D("7.00"), D("0"), D("30")),
        ],
    ),
    (
        "hofladen-lebach",
        "Blütenhonig (Demo)",
        "pantry",
        "Schmelz",
        [
            ("500-g-Glas", "g", D("500"), D("7.50"), D("7.00"), D("0.30"), D("40")),
        ],
    ),
    (
        "hofladen-lebach",
        "Lyoner (Demo)",
        "meat",
        "Lebach",
        [
            ("Ring 400 g", "g", D("400"), D("5.90"), D("7.00"), D("0"), D("35")),
        ],
    ),
    (
        "holz-und-kompost-nalbach",
        "Gütekompost (Demo)",
        "garden",
        "Nalbach",
        [
            ("40-l-Sack", "l", D("40"), D("3.90"), D("7.00"), D("0"), None),
            ("1 m³ lose", "m3", D("1"), D("25.00"), D("7.00"), D("0"), None),
        ],
    ),
]

EVENTS = [
    (
        "Genussmarkt Saarlouis (Demo)",
        "market",
        12,
        10,
        6,
        "Großer Markt",
        "Saarlouis",
        49.3139,
        6.7522,
        "Regionale Erzeuger, Ebbes-von-Hei!-Partner und Streetfood auf dem Großen Markt.",
    ),
    (
        "Tag der offenen Tür Biohof Primstal (Demo)",
        "open_farm",
        20,
        11,
        5,
        "Biohof Primstal",
        "Nalbach",
        49.3990,
        6.7960,
        "Hofführung, Kartoffelernte zum Mitmachen, Hofcafé.",
    ),
    (
        "Streuobsttag Lebach (Demo)",
        "orchard",
        30,
        10,
        7,
        "Streuobstwiese am Theel-Ufer",
        "Lebach",
        49.4120,
        6.9050,
        "Apfelsorten bestimmen, Baumschnitt-Kurs, Saftpressen.",
    ),
]


def _profiles(ctx):
    labels = {label.slug: label for label in Label.objects.all()}
    profiles = {}
    for slug, name, sector, street, plz, town, lat, lon, hours, desc, statement, label_slugs in PROFILES:
        org = ctx.org(slug)
        profile, _ = BusinessProfile.objects.update_or_create(
            owner=org,
            defaults=dict(
                name=name,
                sector=sector,
                street=street,
                postcode=plz,
                municipality=town,
                latitude=lat,
                longitude=lon,
                opening_hours=hours,
                description=desc,
                sustainability_statement=statement,
                email=f"info@{slug}.demo.invalid",
                phone="06838 0000-0 (Demo)",
                visibility=Visibility.PUBLIC,
                is_demo=True,
                created_by=ctx.user(f"{slug}-admin"),
            ),
        )
        for label_slug in label_slugs:
            LabelClaim.objects.update_or_create(
                profile=profile,
                label=labels[label_slug],
                defaults=dict(
                    certificate_number=f"DE-ÖKO-006-{slug[:4].upper()} (Demo)",
                    verified=label_slug == "bioland",
                    verified_by=ctx.user("landkreis-saarlouis-editor") if label_slug == "bioland" else None,
                    verified_at=timezone.now() if label_slug == "bioland" else None,
                    valid_until=dt.date(timezone.localdate().year + 1, 12, 31),
                ),
            )
        profiles[slug] = profile
    return profiles


def _products(ctx):
    variants = []
    for slug, name, category, origin, rows in PRODUCTS:
        product, _ = Product.objects.update_or_create(
            owner=ctx.org(slug),
            name=name,
            defaults=dict(
                category=category,
                origin=origin,
                visibility=Visibility.PUBLIC,
                is_demo=True,
                created_by=ctx.user(f"{slug}-editor"),
                description=f"{name.replace(' (Demo)', '')} aus der Region.",
            ),
        )
        for vname, unit, size, price, vat, deposit, stock in rows:
            variant, _ = ProductVariant.objects.update_or_create(
                product=product,
                name=vname,
                defaults=dict(
                    unit=unit,
                    size=size,
                    price=price,
                    vat_rate=vat,
                    deposit=deposit,
                    stock=stock,
                    is_active=True,
                ),
            )
            variants.append(variant)
    return variants


def _cycle(ctx, variants):
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    hub = ctx.org("landkreis-saarlouis")
    cycle, _ = OrderCycle.objects.update_or_create(
        owner=hub,
        name="Ebbes von Hei! Wochenkorb (Demo)",
        defaults=dict(
            description="Bestellen bis Donnerstag, abholen am Samstag in Nalbach oder Saarlouis. Bezahlung bei Abholung.",
            opens_at=now - dt.timedelta(days=2),
            closes_at=now + dt.timedelta(days=5),
            fee_percent=D("5.00"),
            visibility=Visibility.PUBLIC,
            is_demo=True,
            created_by=ctx.user("landkreis-saarlouis-admin"),
        ),
    )
    cycle.variants.set(variants)
    # 09:00 on the local clock (Europe/Berlin), whatever the server's UTC hour is.
    pickup_day = timezone.localtime(now + dt.timedelta(days=7)).replace(hour=9)
    points = {}
    for name, address, town, lat, lon, fee in [
        ("Rathaus Nalbach", "Rathausplatz 1, 66809 Nalbach", "Nalbach", 49.3833, 6.7833, D("0")),
        ("Großer Markt Saarlouis", "Großer Markt 1, 66740 Saarlouis", "Saarlouis", 49.3139, 6.7522, D("0")),
        ("Lieferung Lebach", "Lieferung an die Haustür in Lebach", "Lebach", 49.4103, 6.9097, D("3.50")),
    ]:
        points[town], _ = PickupPoint.objects.update_or_create(
            cycle=cycle,
            name=name,
            defaults=dict(
                address=address,
                municipality=town,
                latitude=lat,
                longitude=lon,
                pickup_from=pickup_day,
                pickup_until=pickup_day + dt.timedelta(hours=3),
                delivery_fee=fee,
            ),
        )
    # One placed demo order by the customer without membership.
    kunde = ctx.user("kunde")
    order, _ = Order.objects.update_or_create(
        cycle=cycle,
        customer=kunde,
        number=f"RM-{cycle.pk}-DEMO1",
        defaults=dict(status="placed", pickup_point=points["Nalbach"], placed_at=now - dt.timedelta(days=1)),
    )
    for variant, qty in ((variants[0], D("2")), (variants[2], D("1")), (variants[4], D("3"))):
        OrderLine.objects.update_or_create(
            order=order,
            variant=variant,
            defaults=dict(
                producer_id=variant.product.owner_id,
                quantity=qty,
                unit_price=variant.price,
                vat_rate=variant.vat_rate,
                deposit=variant.deposit,
                fee_percent=cycle.fee_percent,
            ),
        )
    return cycle


def _events(ctx):
    today = timezone.localdate()
    for title, kind, days, hour, hours, place, town, lat, lon, desc in EVENTS:
        start = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour)))
        Event.objects.update_or_create(
            owner=ctx.org("landkreis-saarlouis"),
            title=title,
            defaults=dict(
                kind=kind,
                starts_at=start,
                ends_at=start + dt.timedelta(hours=hours),
                location=place,
                municipality=town,
                latitude=lat,
                longitude=lon,
                description=desc,
                visibility=Visibility.PUBLIC,
                is_demo=True,
                created_by=ctx.user("landkreis-saarlouis-editor"),
            ),
        )


# chiffre, owner slug, kind, title, code, qty, unit, recurrence, municipality, address, logistics, legal, status, reveal
LISTINGS = [
    (
        "SR-DEMO-0001",
        "holz-und-kompost-nalbach",
        "offer",
        "Holzhackschnitzel aus Grünschnitt (Demo)",
        "200201",
        D("120"),
        "t",
        "monthly",
        "nalbach",
        "Industriestraße 7, 66809 Nalbach",
        "delivery",
        "by_product",
        "approved",
        True,
        "Gesiebte Hackschnitzel (G50) aus kommunalem Baum- und Strauchschnitt, Wassergehalt ca. 35 %.",
    ),
    (
        "SR-DEMO-0002",
        "bau-recycling-dillingen",
        "offer",
        "RC-Beton 0/45, güteüberwacht (Demo)",
        "170107",
        D("800"),
        "t",
        "once",
        "dillingen",
        "Hafenstraße 40, 66763 Dillingen",
        "pickup",
        "end_of_waste",
        "approved",
        False,
        "Aufbereiteter Betonbruch aus dem Rückbau einer Schule, für Tragschichten im Wegebau.",
    ),
    (
        "SR-DEMO-0003",
        "stadtwerke-saarlouis",
        "wanted",
        "Holzhackschnitzel für Heizwerk (Demo)",
        "200201",
        D("100"),
        "t",
        "monthly",
        "saarlouis",
        "Lisdorfer Berg, 66740 Saarlouis",
        "delivery",
        "waste",
        "approved",
        True,
        "Biomasse-Heizwerk (550 kW) sucht Hackschnitzel G30–G50 aus der Region.",
    ),
    (
        "SR-DEMO-0004",
        "nalbach",
        "offer",
        "Bodenaushub Baugebiet Am Litermont (Demo)",
        "170504",
        D("1500"),
        "t",
        "once",
        "nalbach",
        "Baufeld Am Litermont, 66809 Nalbach",
        "pickup",
        "waste",
        "pending",
        False,
        "Unbelasteter Oberboden und Unterboden, Analytik nach LAGA M 20 liegt vor.",
    ),
    (
        "SR-DEMO-0005",
        "saarlouis",
        "offer",
        "Wiederverwendbare Bauteile Rückbau Turnhalle (Demo)",
        "170201",
        D("30"),
        "t",
        "once",
        "saarlouis",
        "Turnhalle Roden, 66740 Saarlouis",
        "pickup",
        "waste",
        "approved",
        True,
        "Leimholzbinder, Holztüren und Sportbodenplatten aus dem kommunalen Rückbau.",
    ),
]


def _exchange(ctx):
    today = timezone.localdate()
    listings = {}
    for (
        chiffre,
        slug,
        kind,
        title,
        code,
        qty,
        unit,
        rec,
        muni,
        address,
        logistics,
        legal,
        status,
        reveal,
        desc,
    ) in LISTINGS:
        listing, _ = Listing.objects.update_or_create(
            chiffre=chiffre,
            defaults=dict(
                owner=ctx.org(slug),
                kind=kind,
                title=title,
                waste_code=WasteCode.objects.get(code=code),
                quantity=qty,
                unit=unit,
                recurrence=rec,
                municipality=ctx.org(muni),
                address=address,
                logistics=logistics,
                legal_status=legal,
                status=status,
                reveal_identity=reveal,
                description=desc,
                available_from=today - dt.timedelta(days=5),
                valid_until=today + dt.timedelta(days=120),
                visibility=Visibility.PUBLIC,
                is_demo=True,
                created_by=ctx.user(f"{slug}-editor"),
                moderated_by=ctx.user("landkreis-saarlouis-editor") if status == "approved" else None,
            ),
        )
        listings[chiffre] = listing
    Deal.objects.update_or_create(
        listing=listings["SR-DEMO-0001"],
        date=today - dt.timedelta(days=3),
        defaults=dict(
            quantity=D("24"),
            tonnes=D("24"),
            transport_km=D("11.5"),
            counterpart="Stadtwerke Saarlouis (Demo)",
            recorded_by=ctx.user("holz-und-kompost-nalbach-editor"),
        ),
    )
    SavedSearch.objects.update_or_create(
        user=ctx.user("stadtwerke-saarlouis-editor"),
        name="Hackschnitzel in der Nähe",
        defaults=dict(
            kind="offer", code_prefix="", text="hackschnitzel", near=ctx.org("saarlouis"), max_km=40
        ),
    )
    SavedSearch.objects.update_or_create(
        user=ctx.user("bau-recycling-dillingen-editor"),
        name="Boden und Steine",
        defaults=dict(kind="offer", code_prefix="1705"),
    )


def load(ctx):
    profiles = _profiles(ctx)
    variants = _products(ctx)
    _cycle(ctx, variants)
    _events(ctx)
    _exchange(ctx)
    ctx.log(f"  market: {len(profiles)} profiles, {len(variants)} variants, {len(LISTINGS)} listings")
