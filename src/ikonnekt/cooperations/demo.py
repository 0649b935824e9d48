"""The seed's cooperations between the demo organisations."""

from datetime import date

from ikonnekt.cooperations.models import Cooperation, Goal, Participation
from ikonnekt.core.sharing import Visibility

MUNICIPALITIES = [
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
]

# name, goals, form, status, start, lead, partners, supporters, visibility, description
COOPERATIONS = [
    (
        "Gemeinsame Personalstelle Klimaschutz Nalbach–Saarlouis",
        ["administration", "resources"],
        "oer_vereinbarung",
        "active",
        date(2024, 4, 1),
        "nalbach",
        ["saarlouis"],
        ["landkreis-saarlouis"],
        Visibility.COOPERATION,
        "Eine gemeinsame Stelle (Klimaschutz- und Energiemanagement) für beide Kommunen, Kosten nach Zeitanteilen.",
    ),
    (
        "Gemeinsame Grüngutverwertung Nalbach–Saarlouis",
        ["resources", "administration"],
        "zweckvereinbarung",
        "active",
        date(2023, 1, 1),
        "saarlouis",
        ["nalbach"],
        ["evs", "holz-und-kompost-nalbach"],
        Visibility.COOPERATION,
        "Gemeinsame Sammlung und Verwertung des kommunalen Grünschnitts; holziger Anteil im Biomasse-Heizwerk "
        "Lisdorfer Berg (550 kW).",
    ),
    (
        "Arbeitskreis nachhaltige Gewerbe- und Wohngebiete",
        ["knowledge"],
        "arbeitskreis",
        "active",
        date(2024, 9, 1),
        "landkreis-saarlouis",
        ["nalbach", "saarlouis", "erfurt", "spremberg", "eisenhuettenstadt"],
        ["izes", "bau-recycling-dillingen"],
        Visibility.COOPERATION,
        "Szenarien, Energieversorgungskonzepte und Kriterienkatalog für nachhaltige Gewerbe- und Wohngebiete.",
    ),
    (
        "iKonnekt – gemeinsame Datenplattform und DMS",
        ["data"],
        "nutzungsvereinbarung",
        "active",
        date(2025, 1, 1),
        "landkreis-saarlouis",
        MUNICIPALITIES,
        ["izes"],
        Visibility.PLATFORM,
        "Gemeinsame digitale Plattform und Dokumentenmanagement für den Landkreis und seine Kommunen.",
    ),
    (
        "Vision 2100 Landkreis Saarlouis",
        ["planning", "knowledge"],
        "visionsprozess",
        "active",
        date(2024, 3, 1),
        "landkreis-saarlouis",
        ["nalbach", "saarlouis", "lebach", "dillingen"],
        ["izes"],
        Visibility.PUBLIC,
        "Zukunftsbilder 2030, 2050 und 2100, Megatrends, Ziele und Wege; gemeinsame Flächenplanung.",
    ),
    (
        "Regionalmarkt Landkreis Saarlouis",
        ["economy"],
        "netzwerk",
        "active",
        date(2022, 5, 1),
        "landkreis-saarlouis",
        [
            "biohof-primstal",
            "hofladen-lebach",
            "holz-und-kompost-nalbach",
            "bau-recycling-dillingen",
            "stadtwerke-saarlouis",
        ],
        ["saarlouis", "nalbach"],
        Visibility.PUBLIC,
        "Regionale Wertschöpfung: Direktvermarktung, Veranstaltungen und Sekundärrohstoffbörse.",
    ),
    (
        "KONNEKT-Transfer: Erfahrungsaustausch mit Transferkommunen",
        ["knowledge", "planning"],
        "netzwerk",
        "active",
        date(2024, 6, 1),
        "izes",
        ["erfurt", "spremberg", "eisenhuettenstadt", "nalbach", "saarlouis"],
        [],
        Visibility.COOPERATION,
        "Austausch von Erfahrungen und Werkzeugen mit Erfurt, Spremberg und Eisenhüttenstadt.",
    ),
]


def load(ctx):
    Goal.ensure_defaults()
    goals = {g.key: g for g in Goal.objects.all()}
    for (
        name,
        goal_keys,
        form,
        status,
        start,
        lead,
        partners,
        supporters,
        visibility,
        description,
    ) in COOPERATIONS:
        coop, _ = Cooperation.objects.update_or_create(
            name=name,
            defaults=dict(
                form=form,
                status=status,
                start_date=start,
                owner=ctx.org(lead),
                visibility=visibility,
                description=description,
                is_demo=True,
                created_by=ctx.user(f"{lead}-admin"),
            ),
        )
        coop.goals.set([goals[k] for k in goal_keys])
        Participation.objects.update_or_create(
            cooperation=coop, organisation=ctx.org(lead), defaults={"part": "lead", "joined_on": start}
        )
        for slug in partners:
            Participation.objects.update_or_create(
                cooperation=coop, organisation=ctx.org(slug), defaults={"part": "partner", "joined_on": start}
            )
        for slug in supporters:
            Participation.objects.update_or_create(
                cooperation=coop,
                organisation=ctx.org(slug),
                defaults={"part": "supporter", "joined_on": start},
            )
    ctx.cooperations = {c.name: c for c in Cooperation.objects.filter(is_demo=True)}
    ctx.log(f"  {len(COOPERATIONS)} cooperations")
