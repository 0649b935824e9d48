"""Demo: the example catalogues, the Primsaue in Nalbach and further areas with scenario assessments.

"Planung Variante A" of the Primsaue reproduces the shape of the seed's slide: social and economic
categories at 100 %, the environmental category around three quarters, and a pooled total that is
not the mean of the category percentages.
"""

from datetime import date

from django.utils import timezone

from ikonnekt.assessment import actions
from ikonnekt.assessment.examples import EXAMPLES, example_data
from ikonnekt.assessment.models import (
    Area,
    Assessment,
    Catalogue,
    CatalogueNode,
    CatalogueStatus,
    Comment,
    Rating,
)

AK = "Arbeitskreis nachhaltige Gewerbe- und Wohngebiete"

PRIMSAUE_POLYGON = {
    "type": "Polygon",
    "coordinates": [
        [[6.7705, 49.3795], [6.7790, 49.3801], [6.7812, 49.3762], [6.7731, 49.3748], [6.7705, 49.3795]]
    ],
}

# Levels per measure code; "na" = not applicable. Codes not listed: level 3 (A) or rng (Bestand).
VARIANT_A = {
    "U.1.1": 3,
    "U.1.2": 3,
    "U.1.3": 3,
    "U.1.4": 2,
    "U.1.5": 2,
    "U.1.6": 2,
    "U.2.1": 2,
    "U.2.2": 3,
    "U.2.3": 2,
    "U.2.4": 1,
    "U.2.5": 2,
    "U.3.1": 2,
    "U.3.2": 2,
    "U.3.3": 3,
    "U.3.4": 1,
    "U.3.5": 2,
}
NA_REASONS = {"U.1.6": "Keine Betriebe mit nutzbarer Abwärme im Bestand."}


def _catalogues(ctx):
    owner = ctx.org("landkreis-saarlouis")
    actor = ctx.actor("landkreis-saarlouis-admin")
    result = {}
    for example in EXAMPLES:
        catalogue = Catalogue.objects.filter(title=example["title"], is_example=True, version=1).first()
        if catalogue is None:
            catalogue = actions.import_catalogue(
                actor, owner.pk, example_data(example), visibility="platform"
            )
        Catalogue.objects.filter(pk=catalogue.pk).update(
            is_example=True,
            is_demo=True,
            visibility="platform",
            status=CatalogueStatus.PUBLISHED,
            published_at=catalogue.published_at or timezone.now(),
        )
        catalogue.refresh_from_db()
        result[example["kind"]] = catalogue
    return result


def _area(ctx, name, owner_slug, municipality_slug, kind, status, size, geometry, description, coop=None):
    area, _created = Area.objects.update_or_create(
        name=name,
        defaults=dict(
            owner=ctx.org(owner_slug),
            municipality=ctx.org(municipality_slug),
            kind=kind,
            status=status,
            size_ha=size,
            geometry=geometry,
            description=description,
            visibility="cooperation" if coop else "platform",
            is_demo=True,
            created_by=ctx.user(f"{owner_slug}-editor"),
        ),
    )
    if coop:
        area.shared_with.set([ctx.cooperations[coop]])
    return area


def _assessment(ctx, area, catalogue, scenario, day, levels, default, coop=None):
    assessment, _created = Assessment.objects.update_or_create(
        area=area,
        scenario=scenario,
        defaults=dict(
            owner=area.owner,
            catalogue=catalogue,
            assessed_on=day,
            visibility="cooperation" if coop else "platform",
            is_demo=True,
            created_by=area.created_by,
            notes="Demo-Bewertung",
        ),
    )
    if coop:
        assessment.shared_with.set([ctx.cooperations[coop]])
    for measure in CatalogueNode.objects.filter(catalogue=catalogue, kind="measure").order_by("order"):
        level = levels.get(measure.code, default(measure))
        na = level == "na"
        Rating.objects.update_or_create(
            assessment=assessment,
            measure=measure,
            defaults=dict(
                level=None if na else level,
                not_applicable=na,
                reason=NA_REASONS.get(measure.code, "Im Gebiet nicht relevant.") if na else "",
                status="done" if not na and level >= 2 else ("planned" if not na else ""),
                evidence="",
            ),
        )
    return assessment


def load(ctx):
    catalogues = _catalogues(ctx)
    commercial, residential = catalogues["commercial"], catalogues["residential"]
    primsaue = _area(
        ctx,
        "Gewerbegebiet Primsaue (Demo)",
        "nalbach",
        "nalbach",
        "commercial",
        "existing",
        18.5,
        PRIMSAUE_POLYGON,
        "Bestehendes Gewerbegebiet an der Prims, das nachhaltig überplant werden soll (Demo).",
        coop=AK,
    )
    rng = ctx.rng
    bestand_levels = {code: max(0, level - rng.choice([1, 1, 2])) for code, level in VARIANT_A.items()}
    bestand_levels["U.1.6"] = "na"
    _assessment(
        ctx,
        primsaue,
        commercial,
        "Bestand 2025",
        date(2025, 3, 1),
        bestand_levels,
        lambda m: rng.choice([1, 2, 2, 3]),
        coop=AK,
    )
    variant_a = _assessment(
        ctx, primsaue, commercial, "Planung Variante A", date(2025, 9, 15), VARIANT_A, lambda m: 3, coop=AK
    )
    lisdorf = _area(
        ctx,
        "Gewerbegebiet Lisdorfer Berg (Demo)",
        "saarlouis",
        "saarlouis",
        "commercial",
        "existing",
        76,
        {"type": "Point", "coordinates": [6.7352, 49.2992]},
        "Interkommunales Gewerbegebiet mit Biomasse-Heizwerk (Demo).",
    )
    _assessment(
        ctx, lisdorf, commercial, "Bestand 2025", date(2025, 5, 20), {}, lambda m: rng.choice([1, 2, 2, 3])
    )
    erfurt = _area(
        ctx,
        "Wohnquartier Am Ringelberg (Demo)",
        "erfurt",
        "erfurt",
        "residential",
        "planned",
        9.2,
        {"type": "Point", "coordinates": [11.0583, 50.9917]},
        "Geplantes Wohnquartier der Transferkommune Erfurt (Demo).",
    )
    _assessment(
        ctx, erfurt, residential, "Entwurf 2025", date(2025, 6, 30), {}, lambda m: rng.choice([1, 2, 3])
    )
    measure = CatalogueNode.objects.get(catalogue=commercial, code="U.2.1")
    Comment.objects.get_or_create(
        assessment=variant_a,
        measure=measure,
        text="Wertstoffhof gemeinsam mit der Grüngutverwertung planen? (Demo)",
        defaults=dict(author=ctx.user("saarlouis-editor"), author_organisation=ctx.org("saarlouis")),
    )
    _seed_example(ctx, primsaue)
    ctx.log("  2 example catalogues + the workshop example version, 3 areas, 5 assessments")


def _seed_example(ctx, area):
    """The seed slide's table, recomputed (``assessment.seed_example``)."""
    from ikonnekt.assessment import seed_example

    catalogue = Catalogue.objects.filter(title=seed_example.TITLE, version=1).first()
    if catalogue is None:
        catalogue = actions.import_catalogue(
            ctx.actor("landkreis-saarlouis-admin"),
            ctx.org("landkreis-saarlouis").pk,
            seed_example.catalogue_data(),
            visibility="platform",
        )
    Catalogue.objects.filter(pk=catalogue.pk).update(
        is_demo=True,
        visibility="platform",
        status=CatalogueStatus.PUBLISHED,
        published_at=catalogue.published_at or timezone.now(),
    )
    catalogue.refresh_from_db()
    levels = {
        code: seed_example.level_of(code)
        for code in CatalogueNode.objects.filter(catalogue=catalogue, kind="measure").values_list(
            "code", flat=True
        )
    }
    _assessment(ctx, area, catalogue, seed_example.SCENARIO, date(2025, 6, 1), levels, lambda m: 3, coop=AK)
