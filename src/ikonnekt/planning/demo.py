"""Demo data: Vision 2100 Landkreis Saarlouis, goal tree with indicator series, Baulücken in
Nalbach with owners and answers, commercial pool, land take and an example decision check.

Idempotent (update_or_create on natural keys) and reproducible (``ctx.rng`` is seeded).
Everything invented is labelled "(Demo)".
"""

import io
from datetime import date

from django.core.files.base import ContentFile
from pyproj import Transformer

from ikonnekt.core.sharing import Visibility
from ikonnekt.planning import geometry
from ikonnekt.planning.models import (
    CheckAnswer,
    DecisionCheck,
    GoalNode,
    IndicatorValue,
    LandTake,
    Measure,
    Megatrend,
    Question,
    QuestionSet,
    SDGTarget,
    Site,
    SiteOwner,
    Vision,
)

_TO_UTM = Transformer.from_crs("EPSG:4326", "EPSG:25832", always_xy=True)
_TO_WGS = Transformer.from_crs("EPSG:25832", "EPSG:4326", always_xy=True)


def rectangle(lat, lon, width_m, height_m, dx=0.0, dy=0.0):
    """A WGS84 polygon of ``width_m`` × ``height_m`` metres, offset ``dx``/``dy`` metres from (lat, lon)."""
    x, y = _TO_UTM.transform(lon, lat)
    x += dx
    y += dy
    corners = [(x, y), (x + width_m, y), (x + width_m, y + height_m), (x, y + height_m), (x, y)]
    return {"type": "Polygon", "coordinates": [[list(_TO_WGS.transform(cx, cy)) for cx, cy in corners]]}


MEGATRENDS = [
    (
        "Demografischer Wandel",
        5,
        "Alterung und Rückgang der Bevölkerung im ländlichen Saarland; kleinere Haushalte, "
        "Leerstand in Ortskernen.",
        "Statistisches Amt Saarland, 15. koordinierte Bevölkerungsvorausberechnung",
    ),
    (
        "Klimawandel und Klimaanpassung",
        5,
        "Hitze, Starkregen und Trockenheit verlangen Entsiegelung, Grün und Regenwasserbewirtschaftung.",
        "Deutscher Wetterdienst, Klimaatlas Saarland",
    ),
    (
        "Ressourcenknappheit und Kreislaufwirtschaft",
        4,
        "Rohstoffe und Flächen werden knapp; Stoffkreisläufe regional schließen.",
        "Deutsche Rohstoffeffizienz-Programm ProgRess III",
    ),
    (
        "Strukturwandel der Industrie",
        4,
        "Transformation von Montan- und Automobilindustrie im Landkreis.",
        "IHK Saarland, Strukturbericht 2023",
    ),
    (
        "Digitalisierung",
        3,
        "Digitale Verwaltung, Homeoffice und neue Arbeitsorte im ländlichen Raum.",
        "Onlinezugangsgesetz; Bitkom Smart-City-Index",
    ),
]

VISIONS = [
    (
        2030,
        "Lebendige Ortskerne (Demo)",
        "Kommunale Vertreterinnen und Vertreter",
        "Baulücken und Leerstände sind erfasst und werden aktiv vermarktet; jede Kommune hat ein "
        "Flächenkataster. Neue Baugebiete am Ortsrand gibt es nur noch ausnahmsweise.",
    ),
    (
        2050,
        "Kreislaufregion Saarlouis (Demo)",
        "Kommunale Vertreterinnen und Vertreter",
        "Grüngut, Bauschutt und Holz werden in der Region verwertet; Gewerbegebiete teilen Wärme und Material. "
        "Die Flächenneuinanspruchnahme ist netto null.",
    ),
    (
        2100,
        "Vision 2100: Grüne Saaraue (Demo)",
        "Jugendworkshop",
        "Kinder und Jugendliche zeichnen eine Saaraue mit Wäldern, Solardächern, autofreien Ortsmitten und "
        "Werkstätten, in denen alles repariert wird. Dörfer und Städte sind mit Radwegen und Bahn verbunden.",
    ),
    (
        2100,
        "Vision 2100: Dorf der kurzen Wege (Demo)",
        "Gemeinderat Nalbach",
        "Alles Wichtige ist zu Fuß erreichbar; alte Höfe sind Wohnprojekte für Jung und Alt.",
    ),
]

QUESTIONS = [
    (
        "materials",
        "Werden Recycling-Baustoffe oder wiederverwendete Bauteile eingesetzt?",
        "Einsatz von RC-Beton und Bauteilbörse vorschreiben (Kriterienkatalog M 2.1).",
    ),
    (
        "materials",
        "Entsteht vermeidbarer Abfall (z. B. Abriss statt Umbau)?",
        "Umbau vor Abriss prüfen, Rückbaukonzept mit Verwertungsquote (M 2.3).",
    ),
    (
        "energy",
        "Wie wirkt sich der Beschluss auf Energieverbrauch und Treibhausgasemissionen aus?",
        "Effizienzhaus-40-Standard und PV-Pflicht festsetzen (E 1.2).",
    ),
    (
        "energy",
        "Wird erneuerbare Wärme (Nahwärme, Wärmepumpe, Biomasse) genutzt?",
        "Anschluss an Nahwärmenetz prüfen (E 2.1).",
    ),
    (
        "land",
        "Wird bisher unversiegelte Fläche in Anspruch genommen?",
        "Innenentwicklungspotenziale (Baulücken, Leerstand) vorrangig nutzen (F 1.1).",
    ),
    (
        "land",
        "Werden Flächen entsiegelt oder mehrfach genutzt?",
        "Entsiegelung und Dachbegrünung festsetzen (F 2.2).",
    ),
    (
        "water",
        "Wie wirkt sich der Beschluss auf Regenwasserrückhalt und Versickerung aus?",
        "Schwammstadt-Elemente: Mulden, Zisternen, Gründächer (W 1.1).",
    ),
    (
        "social",
        "Verbessert der Beschluss die Versorgung und Teilhabe vor Ort?",
        "Gemeinschaftsflächen und barrierefreie Wege einplanen (S 1.3).",
    ),
    (
        "economy",
        "Stärkt der Beschluss regionale Wertschöpfung und Betriebe?",
        "Regionale Vergabe und Sekundärrohstoffbörse nutzen (Ö 1.1).",
    ),
    (
        "economy",
        "Sind die Folgekosten für die Kommune langfristig tragbar?",
        "Lebenszykluskosten berechnen und interkommunal teilen (Ö 2.2).",
    ),
]


def _demo_image(title: str, seed: int) -> bytes:
    """A small drawn landscape (sun, hills, houses, trees) standing in for a workshop drawing."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (480, 300), (190, 225, 245))
    d = ImageDraw.Draw(img)
    d.ellipse((380, 30, 440, 90), fill=(255, 210, 60))
    d.polygon([(0, 220), (160, 150), (320, 210), (480, 160), (480, 300), (0, 300)], fill=(110, 180, 90))
    for i in range(4):
        x = 40 + i * 100 + (seed * 13) % 30
        d.rectangle((x, 200, x + 50, 250), fill=(230, 200, 160))
        d.polygon([(x - 5, 200), (x + 25, 170), (x + 55, 200)], fill=(180, 60, 50))
        d.rectangle((x + 8, 176, x + 42, 184), fill=(40, 60, 120))  # solar panel
        d.ellipse((x + 60, 215, x + 85, 245), fill=(40, 120, 50))
    d.text((12, 12), title[:40], fill=(20, 40, 60))
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def _node(owner, title, **kw):
    node, _ = GoalNode.objects.update_or_create(owner=owner, title=title, defaults={"is_demo": True, **kw})
    return node


def _site(owner, name, geom, creator, **kw):
    geom, area, lat, lon = geometry.clean_geometry(geom)
    site, _ = Site.objects.update_or_create(
        owner=owner,
        name=name,
        defaults={
            "geometry": geom,
            "area_m2": area,
            "centroid_lat": lat,
            "centroid_lon": lon,
            "is_demo": True,
            "created_by": creator,
            **kw,
        },
    )
    return site


def load(ctx):
    district = ctx.org("landkreis-saarlouis")
    nalbach = ctx.org("nalbach")
    saarlouis = ctx.org("saarlouis")
    vision_coop = ctx.cooperations.get("Vision 2100 Landkreis Saarlouis")
    lk_admin = ctx.user("landkreis-saarlouis-admin")
    nal_editor = ctx.user("nalbach-editor")
    rng = ctx.rng

    trends = []
    for title, relevance, text, source in MEGATRENDS:
        m, _ = Megatrend.objects.update_or_create(
            owner=district,
            title=title,
            defaults=dict(
                description=text,
                sources=source,
                relevance=relevance,
                visibility=Visibility.PUBLIC,
                is_demo=True,
                created_by=lk_admin,
            ),
        )
        trends.append(m)

    from ikonnekt.planning.models import MegatrendRelevance

    for m in trends:
        for slug in ("nalbach", "saarlouis", "dillingen", "lebach"):
            MegatrendRelevance.objects.update_or_create(
                megatrend=m,
                municipality=ctx.org(slug),
                defaults={
                    "relevance": max(1, min(5, m.relevance + rng.choice([-1, 0, 0, 1]))),
                    "note": "Demo",
                },
            )

    visions = {}
    for i, (horizon, title, group, text) in enumerate(VISIONS):
        owner = nalbach if "Nalbach" in group else district
        v, _ = Vision.objects.update_or_create(
            owner=owner,
            title=title,
            defaults=dict(
                horizon=horizon,
                text=text,
                author_group=group,
                workshop="Visionswerkstatt Vision 2100 (Demo)",
                workshop_date=date(2024, 5 + i, 14),
                cooperation=vision_coop,
                visibility=Visibility.PUBLIC,
                is_demo=True,
                created_by=lk_admin,
            ),
        )
        if not v.image:
            v.image.save(f"vision-demo-{i + 1}.png", ContentFile(_demo_image(title, i)), save=True)
        v.megatrends.set(trends[: 2 + i % 3])
        visions[horizon] = v

    sdg = {
        t.code: t for t in SDGTarget.objects.filter(code__in=["11.3", "15.3", "12.5", "7.2", "11.1", "12.2"])
    }
    goal_land = _node(
        district,
        "Flächensparende Siedlungsentwicklung (Demo)",
        kind="goal",
        vision=visions[2050],
        visibility=Visibility.PUBLIC,
        rollup="weighted",
        order=1,
        created_by=lk_admin,
    )
    goal_circ = _node(
        district,
        "Regionale Kreislaufwirtschaft (Demo)",
        kind="goal",
        vision=visions[2050],
        visibility=Visibility.PUBLIC,
        order=2,
        created_by=lk_admin,
    )
    t_landtake = _node(
        district,
        "Flächenneuinanspruchnahme halbieren (Demo)",
        kind="target",
        parent=goal_land,
        weight=2,
        indicator="Neue Siedlungs- und Verkehrsfläche je Jahr",
        unit="ha",
        direction="decrease",
        baseline_year=2016,
        baseline_value=40.0,
        target_year=2030,
        target_value=20.0,
        visibility=Visibility.PUBLIC,
        created_by=lk_admin,
    )
    t_landtake.sdg_targets.set([sdg["11.3"], sdg["15.3"]])
    t_gaps = _node(
        nalbach,
        "Baulücken aktivieren (Demo)",
        kind="target",
        parent=goal_land,
        weight=1,
        indicator="Aktivierte Baulücken (kumuliert)",
        unit="Stück",
        direction="increase",
        baseline_year=2020,
        baseline_value=0.0,
        target_year=2030,
        target_value=40.0,
        visibility=Visibility.PUBLIC,
        responsible=nalbach,
        created_by=nal_editor,
    )
    t_gaps.sdg_targets.set([sdg["11.1"], sdg["11.3"]])
    t_vacancy = _node(
        district,
        "Leerstandsquote in Ortskernen senken (Demo)",
        kind="target",
        parent=goal_land,
        weight=1,
        indicator="Leerstandsquote Wohngebäude",
        unit="%",
        direction="decrease",
        baseline_year=2018,
        baseline_value=6.5,
        target_year=2035,
        target_value=3.0,
        visibility=Visibility.PUBLIC,
        created_by=lk_admin,
    )
    t_green = _node(
        district,
        "Grüngut vollständig regional verwerten (Demo)",
        kind="target",
        parent=goal_circ,
        indicator="Regional verwerteter Anteil des Grünguts",
        unit="%",
        direction="increase",
        baseline_year=2018,
        baseline_value=55.0,
        target_year=2030,
        target_value=95.0,
        visibility=Visibility.PUBLIC,
        created_by=lk_admin,
    )
    t_green.sdg_targets.set([sdg["12.5"], sdg["12.2"]])
    t_heat = _node(
        district,
        "Erneuerbare Wärme in kommunalen Gebäuden (Demo)",
        kind="target",
        parent=goal_circ,
        indicator="Anteil erneuerbarer Wärme kommunaler Liegenschaften",
        unit="%",
        direction="increase",
        baseline_year=2018,
        baseline_value=12.0,
        target_year=2035,
        target_value=60.0,
        visibility=Visibility.PUBLIC,
        created_by=lk_admin,
    )
    t_heat.sdg_targets.set([sdg["7.2"]])

    # Indicator series 2015–2024 per municipality (plausible, reproducible).
    munis = ["nalbach", "saarlouis", "dillingen", "lebach", "saarwellingen", "schwalbach"]
    for slug in munis:
        org = ctx.org(slug)
        scale = (org.inhabitants or 10000) / 200000
        vac = 5.0 + rng.uniform(-1.5, 2.5)
        green = 50 + rng.uniform(-10, 10)
        heat = 10 + rng.uniform(-4, 6)
        for year in range(2015, 2025):
            IndicatorValue.objects.update_or_create(
                node=t_landtake,
                municipality=org,
                year=year,
                defaults={
                    "value": round(40 * scale * (1 - 0.03 * (year - 2015)) * rng.uniform(0.7, 1.3), 2),
                    "source": "Demo nach Flächenerhebung (Destatis)",
                },
            )
            vac += rng.uniform(-0.35, 0.15)
            green += rng.uniform(0.5, 4.0)
            heat += rng.uniform(0.5, 2.5)
            IndicatorValue.objects.update_or_create(
                node=t_vacancy,
                municipality=org,
                year=year,
                defaults={"value": round(vac, 2), "source": "Demo"},
            )
            IndicatorValue.objects.update_or_create(
                node=t_green,
                municipality=org,
                year=year,
                defaults={"value": round(min(green, 99), 1), "source": "Demo"},
            )
            IndicatorValue.objects.update_or_create(
                node=t_heat, municipality=org, year=year, defaults={"value": round(heat, 1), "source": "Demo"}
            )
    # District-wide series of the district's own targets (reference series for progress).
    for year in range(2015, 2025):
        IndicatorValue.objects.update_or_create(
            node=t_landtake,
            municipality=district,
            year=year,
            defaults={"value": round(41 - 1.3 * (year - 2015) + rng.uniform(-2, 2), 1), "source": "Demo"},
        )
        IndicatorValue.objects.update_or_create(
            node=t_vacancy,
            municipality=district,
            year=year,
            defaults={"value": round(6.6 - 0.15 * (year - 2015), 2), "source": "Demo"},
        )
        IndicatorValue.objects.update_or_create(
            node=t_green,
            municipality=district,
            year=year,
            defaults={"value": round(54 + 2.5 * (year - 2015), 1), "source": "Demo"},
        )
    for year, value in ((2021, 4), (2022, 9), (2023, 13), (2024, 17)):
        IndicatorValue.objects.update_or_create(
            node=t_gaps,
            municipality=nalbach,
            year=year,
            defaults={"value": value, "source": "Demo: Bauamt Nalbach"},
        )

    for target, title, status, progress, owner in [
        (t_heat, "Nahwärme Schulzentrum mit Holzhackschnitzeln (Demo)", "running", 60, district),
        (t_heat, "PV und Wärmepumpe Rathaus Nalbach (Demo)", "done", 100, nalbach),
        (t_green, "Gemeinsame Grüngutsammelstelle Nalbach–Saarlouis (Demo)", "done", 100, saarlouis),
        (t_gaps, "Baulückenbörse und Eigentümeransprache (Demo)", "running", 45, nalbach),
        (t_vacancy, "Förderprogramm Jung kauft Alt (Demo)", "planned", 10, district),
    ]:
        Measure.objects.update_or_create(
            owner=owner,
            title=title,
            defaults=dict(
                target=target,
                status=status,
                progress=progress,
                visibility=Visibility.PUBLIC,
                is_demo=True,
                cooperation=vision_coop if owner == district else None,
                created_by=lk_admin if owner == district else ctx.user(f"{owner.slug}-editor"),
            ),
        )

    # Baulücken in Nalbach (around the town centre), with owners and answers.
    lat, lon = nalbach.latitude, nalbach.longitude
    gaps = [
        ("Baulücke Hauptstraße 12 (Demo)", 22, 35, -220, 80, "s34", "sell", True),
        ("Baulücke Am Litermont 5 (Demo)", 25, 30, 150, 210, "s34", "conditional", False),
        ("Baulücke Bilsdorfer Straße (Demo)", 20, 40, -60, -180, "bplan", "none", False),
        ("Baulücke Piesbacher Weg (Demo)", 30, 28, 300, -90, "bplan", "not", False),
        ("Baulücke Kirchstraße 3 (Demo)", 18, 26, 40, 40, "s34", "build", True),
    ]
    owner_names = [
        "Erbengemeinschaft Becker (Demo)",
        "Maria Schneider (Demo)",
        "Peter Klein (Demo)",
        "Familie Wagner (Demo)",
        "Helga Hoffmann (Demo)",
    ]
    for i, (name, w, h, dx, dy, law, answer, exchange) in enumerate(gaps):
        site = _site(
            nalbach,
            name,
            rectangle(lat, lon, w, h, dx, dy),
            nal_editor,
            category="gap",
            planning_law=law,
            availability="short" if answer in ("sell", "build") else "unknown",
            obstacles=["heirs"] if i == 0 else (["price"] if answer == "conditional" else []),
            parcel=f"Gemarkung Nalbach, Flur {3 + i}, Flurstück {120 + i * 7}",
            address=name.replace("Baulücke ", "").replace(" (Demo)", ""),
            in_exchange=exchange,
            visibility=Visibility.PUBLIC if exchange else Visibility.COOPERATION,
        )
        if site.visibility == Visibility.COOPERATION and vision_coop:
            site.shared_with.set([vision_coop])
        SiteOwner.objects.update_or_create(
            site=site,
            name=owner_names[i],
            defaults=dict(
                street=f"Musterweg {i + 1}",
                postcode="66809",
                city="Nalbach",
                consent_note="Art. 6 (1) e DSGVO, § 176a BauGB",
                letter_sent_on=date(2025, 3, 3),
                answer=answer,
                answered_on=None if answer == "none" else date(2025, 4, 1 + i),
            ),
        )
    _site(
        nalbach,
        "Ehemaliger Hof Körprich (Demo)",
        rectangle(lat, lon, 45, 60, -500, 400),
        nal_editor,
        category="farmstead",
        planning_law="s34",
        availability="medium",
        obstacles=["heirs", "cut"],
        visibility=Visibility.COOPERATION,
    )
    sls_editor = ctx.user("saarlouis-editor")
    _site(
        saarlouis,
        "Brache ehemalige Kaserne (Demo)",
        rectangle(saarlouis.latitude, saarlouis.longitude, 120, 90, 400, -300),
        sls_editor,
        category="brownfield",
        planning_law="fnp",
        contamination_suspected=True,
        obstacles=["contamination"],
        availability="long",
        visibility=Visibility.PUBLIC,
        in_exchange=True,
    )
    for org_slug, name, w, h in [
        ("saarlouis", "Gewerbereserve Lisdorfer Berg (Demo)", 200, 150),
        ("dillingen", "Gewerbereserve Am Hafen (Demo)", 160, 120),
        ("nalbach", "Gewerbereserve Piesbach (Demo)", 90, 80),
    ]:
        org = ctx.org(org_slug)
        _site(
            org,
            name,
            rectangle(org.latitude, org.longitude, w, h, 800, 600),
            ctx.user(f"{org_slug}-editor"),
            category="commercial",
            planning_law="bplan",
            availability="now",
            in_commercial_pool=True,
            visibility=Visibility.PLATFORM,
        )

    for slug in [
        "bous",
        "dillingen",
        "ensdorf",
        "lebach",
        "nalbach",
        "rehlingen-siersburg",
        "saarlouis",
        "saarwellingen",
        "schmelz",
        "schwalbach",
        "ueberherrn",
        "wadgassen",
        "wallerfangen",
    ]:
        org = ctx.org(slug)
        for year in range(2016, 2024):
            base = (org.inhabitants or 10000) / 84_669_326 * 56 * 365
            LandTake.objects.update_or_create(
                municipality=org,
                year=year,
                defaults={
                    "hectares": round(base * rng.uniform(0.5, 1.4) * (1 - 0.03 * (year - 2016)), 2),
                    "source": "Demo (Größenordnung Flächenerhebung)",
                    "is_demo": True,
                },
            )

    qset, _ = QuestionSet.objects.update_or_create(
        owner=district,
        name="Nachhaltigkeits- und Kreislaufwirtschafts-Check (Beispiel)",
        version=1,
        defaults=dict(
            description="Beispiel-Fragenkatalog für Beschlussvorlagen. Bitte an die eigene Kommune "
            "anpassen (neue Version anlegen).",
            is_example=True,
            visibility=Visibility.PLATFORM,
            created_by=lk_admin,
        ),
    )
    questions = []
    for order, (topic, text, suggestion) in enumerate(QUESTIONS, start=1):
        q, _ = Question.objects.update_or_create(
            question_set=qset, order=order, defaults=dict(topic=topic, text=text, suggestion=suggestion)
        )
        questions.append(q)
    check, _ = DecisionCheck.objects.update_or_create(
        owner=nalbach,
        title="Bebauungsplan „Am Litermont“, 2. Änderung (Demo)",
        defaults=dict(
            reference="GR-2025/041",
            question_set=qset,
            date=date(2025, 6, 12),
            summary="Nachverdichtung mit 14 Wohneinheiten auf einer innerörtlichen Brache.",
            visibility=Visibility.COOPERATION,
            is_demo=True,
            created_by=nal_editor,
        ),
    )
    if vision_coop:
        check.shared_with.set([vision_coop])
    effects = [
        "positive",
        "negative",
        "neutral",
        "positive",
        "positive",
        "neutral",
        "negative",
        "positive",
        "neutral",
        "n/a",
    ]
    for q, effect in zip(questions, effects, strict=True):
        CheckAnswer.objects.update_or_create(
            check_obj=check, question=q, defaults={"effect": effect, "justification": "Demo-Begründung"}
        )
    ctx.log("  planning: visions, goal tree with indicator series, sites, land take, decision check")
