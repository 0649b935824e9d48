"""Demo organisations: Landkreis Saarlouis, its 13 municipalities, transfer municipalities,
EVS, IZES and a few regional companies (labelled as demo where invented).

Inhabitants, area and AGS (official municipality key) of the 13 municipalities of Landkreis
Saarlouis: reference date 31.12.2023 with the source of every figure in ``demo_statistics``; the
district's figures are their sum. Other organisations (state, transfer municipalities) carry rounded,
plausible figures labelled as demo. Coordinates are the town centres.
"""

from django.contrib.auth import get_user_model

from ikonnekt.core.sharing import Role
from ikonnekt.organizations import demo_statistics as stats
from ikonnekt.organizations.models import InhabitantCount, Membership, Organisation
from ikonnekt.organizations.models import OrganisationKind as K

# slug, name, code, kind, AGS, inhabitants, area km², lat, lon, parent slug, transfer
ORGANISATIONS = [
    (
        "saarland",
        "Saarland – Ministerium für Umwelt (Demo)",
        "SL",
        K.STATE,
        "10",
        992000,
        2570,
        49.2333,
        7.0,
        None,
        False,
    ),
    (
        "landkreis-saarlouis",
        "Landkreis Saarlouis",
        "LKSLS",
        K.DISTRICT,
        "10044",
        195300,
        459.1,
        49.3136,
        6.7519,
        "saarland",
        False,
    ),
    (
        "bous",
        "Gemeinde Bous",
        "BOU",
        K.MUNICIPALITY,
        None,  # AGS, inhabitants and area: demo_statistics.MUNICIPALITIES
        None,
        None,
        49.2767,
        6.8003,
        "landkreis-saarlouis",
        False,
    ),
    (
        "dillingen",
        "Stadt Dillingen/Saar",
        "DIL",
        K.MUNICIPALITY,
        None,  # AGS, inhabitants and area: demo_statistics.MUNICIPALITIES
        None,
        None,
        49.3556,
        6.7228,
        "landkreis-saarlouis",
        False,
    ),
    (
        "ensdorf",
        "Gemeinde Ensdorf",
        "ENS",
        K.MUNICIPALITY,
        None,  # AGS, inhabitants and area: demo_statistics.MUNICIPALITIES
        None,
        None,
        49.3003,
        6.7822,
        "landkreis-saarlouis",
        False,
    ),
    (
        "lebach",
        "Stadt Lebach",
        "LEB",
        K.MUNICIPALITY,
        None,  # AGS, inhabitants and area: demo_statistics.MUNICIPALITIES
        None,
        None,
        49.4103,
        6.9097,
        "landkreis-saarlouis",
        False,
    ),
    (
        "nalbach",
        "Gemeinde Nalbach",
        "NAL",
        K.MUNICIPALITY,
        None,  # AGS, inhabitants and area: demo_statistics.MUNICIPALITIES
        None,
        None,
        49.3833,
        6.7833,
        "landkreis-saarlouis",
        False,
    ),
    (
        "rehlingen-siersburg",
        "Gemeinde Rehlingen-Siersburg",
        "REH",
        K.MUNICIPALITY,
        None,  # AGS, inhabitants and area: demo_statistics.MUNICIPALITIES
        None,
        None,
        49.3686,
        6.6786,
        "landkreis-saarlouis",
        False,
    ),
    (
        "saarlouis",
        "Kreisstadt Saarlouis",
        "SLS",
        K.MUNICIPALITY,
        None,  # AGS, inhabitants and area: demo_statistics.MUNICIPALITIES
        None,
        None,
        49.3136,
        6.7519,
        "landkreis-saarlouis",
        False,
    ),
    (
        "saarwellingen",
        "Gemeinde Saarwellingen",
        "SAW",
        K.MUNICIPALITY,
        None,  # AGS, inhabitants and area: demo_statistics.MUNICIPALITIES
        None,
        None,
        49.3536,
        6.8053,
        "landkreis-saarlouis",
        False,
    ),
    (
        "schmelz",
        "Gemeinde Schmelz",
        "SCM",
        K.MUNICIPALITY,
        None,  # AGS, inhabitants and area: demo_statistics.MUNICIPALITIES
        None,
        None,
        49.4333,
        6.8500,
        "landkreis-saarlouis",
        False,
    ),
    (
        "schwalbach",
        "Gemeinde Schwalbach",
        "SWB",
        K.MUNICIPALITY,
        None,  # AGS, inhabitants and area: demo_statistics.MUNICIPALITIES
        None,
        None,
        49.3000,
        6.8167,
        "landkreis-saarlouis",
        False,
    ),
    (
        "ueberherrn",
        "Gemeinde Überherrn",
        "UEB",
        K.MUNICIPALITY,
        None,  # AGS, inhabitants and area: demo_statistics.MUNICIPALITIES
        None,
        None,
        49.2456,
        6.6989,
        "landkreis-saarlouis",
        False,
    ),
    (
        "wadgassen",
        "Gemeinde Wadgassen",
        "WAD",
        K.MUNICIPALITY,
        None,  # AGS, inhabitants and area: demo_statistics.MUNICIPALITIES
        None,
        None,
        49.2636,
        6.7883,
        "landkreis-saarlouis",
        False,
    ),
    (
        "wallerfangen",
        "Gemeinde Wallerfangen",
        "WAL",
        K.MUNICIPALITY,
        None,  # AGS, inhabitants and area: demo_statistics.MUNICIPALITIES
        None,
        None,
        49.3275,
        6.7186,
        "landkreis-saarlouis",
        False,
    ),
    (
        "erfurt",
        "Landeshauptstadt Erfurt",
        "EF",
        K.MUNICIPALITY,
        "16051000",
        214000,
        269.9,
        50.9787,
        11.0328,
        None,
        True,
    ),
    (
        "spremberg",
        "Stadt Spremberg",
        "SPB",
        K.MUNICIPALITY,
        "12071372",
        21800,
        201.4,
        51.5717,
        14.3794,
        None,
        True,
    ),
    (
        "eisenhuettenstadt",
        "Stadt Eisenhüttenstadt",
        "EHS",
        K.MUNICIPALITY,
        "12067120",  # AGS per BKG VG5000 (12067124 is Erkner)
        24000,
        63.4,
        52.1450,
        14.6419,
        None,
        True,
    ),
    (
        "evs",
        "Entsorgungsverband Saar (EVS)",
        "EVS",
        K.ASSOCIATION,
        "",
        None,
        None,
        49.2401,
        6.9969,
        None,
        False,
    ),
    ("izes", "IZES gGmbH", "IZES", K.RESEARCH, "", None, None, 49.2354, 6.9934, None, False),
    (
        "stadtwerke-saarlouis",
        "Stadtwerke Saarlouis (Demo)",
        "SWSLS",
        K.COMPANY,
        "",
        None,
        None,
        49.3160,
        6.7490,
        None,
        False,
    ),
    (
        "biohof-primstal",
        "Biohof Primstal (Demo)",
        "BHP",
        K.COMPANY,
        "",
        None,
        None,
        49.3990,
        6.7960,
        None,
        False,
    ),
    (
        "holz-und-kompost-nalbach",
        "Holz & Kompost Nalbach GmbH (Demo)",
        "HKN",
        K.COMPANY,
        "",
        None,
        None,
        49.3790,
        6.7760,
        None,
        False,
    ),
    (
        "bau-recycling-dillingen",
        "Bau-Recycling Dillingen GmbH (Demo)",
        "BRD",
        K.COMPANY,
        "",
        None,
        None,
        49.3500,
        6.7300,
        None,
        False,
    ),
    (
        "hofladen-lebach",
        "Hofladen Lebach (Demo)",
        "HLB",
        K.COMPANY,
        "",
        None,
        None,
        49.4120,
        6.9000,
        None,
        False,
    ),
]

ROLES = {"admin": Role.ADMIN, "editor": Role.EDITOR, "viewer": Role.VIEWER}
FIRST_NAMES = [
    "Anna",
    "Bernd",
    "Claudia",
    "Dieter",
    "Eva",
    "Frank",
    "Gabi",
    "Hans",
    "Ines",
    "Jonas",
    "Karin",
    "Lukas",
    "Monika",
    "Norbert",
    "Petra",
    "Ralf",
    "Sabine",
    "Thomas",
    "Ulla",
    "Volker",
]
LAST_NAMES = [
    "Müller",
    "Schmitt",
    "Becker",
    "Klein",
    "Wagner",
    "Hoffmann",
    "Schneider",
    "Weber",
    "Jung",
    "Fischer",
    "Meyer",
    "Kraus",
    "Lang",
    "Bauer",
    "Zimmer",
    "Schäfer",
]
DESCRIPTION = "Demo-Organisation für iKonnekt (Daten plausibel, nicht amtlich)."
DESCRIPTION_STATS = (
    "Demo-Organisation für iKonnekt. Einwohner und Fläche zum 31.12.2023 (Quelle siehe Einwohnerzahl); "
    "alle übrigen Angaben sind Demo-Daten."
)


ORG_DEMO_SOURCE = "Demo: gerundete, plausible Werte in der Größenordnung des Zensus 2022 (nicht amtlich)"


def load(ctx):
    User = get_user_model()
    by_slug = {}
    for slug, name, code, kind, ags, inhabitants, area, lat, lon, parent, transfer in ORGANISATIONS:
        source = ORG_DEMO_SOURCE
        if slug in stats.MUNICIPALITIES:
            ags, inhabitants, area, source = stats.MUNICIPALITIES[slug]
        elif slug == "landkreis-saarlouis":
            (inhabitants, area), source = stats.district_totals(), stats.DISTRICT_SOURCE
        org, _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults=dict(
                name=name,
                code=code,
                kind=kind,
                ags=ags,
                inhabitants=inhabitants,
                area_km2=area,
                latitude=lat,
                longitude=lon,
                parent=by_slug.get(parent),
                is_transfer_municipality=transfer,
                is_demo=True,
                description=DESCRIPTION_STATS if source != ORG_DEMO_SOURCE else DESCRIPTION,
            ),
        )
        by_slug[slug] = org
        if inhabitants:
            # One count per organisation at the reference date; counts invented by earlier demo versions
            # for other dates are removed.
            InhabitantCount.objects.filter(organisation=org, source__startswith="Demo: plausible").exclude(
                reference_date=stats.REFERENCE_DATE
            ).delete()
            InhabitantCount.objects.update_or_create(
                organisation=org,
                reference_date=stats.REFERENCE_DATE,
                defaults={"inhabitants": inhabitants, "source": source},
            )
    ctx.orgs.update(by_slug)

    for index, slug in enumerate(by_slug):
        for suffix, role in ROLES.items():
            username = f"{slug}-{suffix}"
            first = FIRST_NAMES[(index * 3 + len(suffix)) % len(FIRST_NAMES)]
            last = LAST_NAMES[(index * 5 + len(suffix)) % len(LAST_NAMES)]
            user, created = User.objects.get_or_create(
                username=username,
                defaults=dict(first_name=first, last_name=last, email=f"{username}@demo.ikonnekt.invalid"),
            )
            if created or not user.password:
                user.password = ctx.password_hash
                user.save(update_fields=["password"])
            Membership.objects.update_or_create(
                user=user, organisation=by_slug[slug], defaults={"role": role}
            )
            ctx.users[username] = user
    # A customer of the regional market without any membership.
    customer, created = User.objects.get_or_create(
        username="kunde",
        defaults=dict(first_name="Klara", last_name="Kundin", email="kunde@demo.ikonnekt.invalid"),
    )
    if created:
        customer.password = ctx.password_hash
        customer.save(update_fields=["password"])
    ctx.users["kunde"] = customer
    # The shared climate manager of Nalbach and Saarlouis is a member of both.
    shared = ctx.users["nalbach-editor"]
    Membership.objects.update_or_create(
        user=shared, organisation=by_slug["saarlouis"], defaults={"role": Role.EDITOR}
    )
    ctx.log(f"  {len(by_slug)} organisations, {len(ctx.users)} demo users")
