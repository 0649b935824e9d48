"""Demo: the circular chain of the Landkreis Saarlouis, computed end to end.

The green-waste figures of the demo scenario (materials) are published as feeds for the
district; the Vision 2100 targets "Grüngut vollständig regional verwerten", "Wärme aus Grüngut"
and "Treibhausgasminderung durch Grüngutwärme" follow them, and "Erneuerbare Wärme in kommunalen
Gebäuden" follows the energy module's renewable-heat share of the district's buildings; the
catalogue measure "Kreislaufwirtschaft" of the Primsaue's current state takes its level from the
recycling rate of Nalbach's building-materials system. No number of the chain is typed. Target values of the two new targets are demo assumptions.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import translation

from ikonnekt.core.sharing import Visibility
from ikonnekt.indicators import actions, chain
from ikonnekt.indicators.models import IndicatorSeries

SCENARIO = "Gemeinsame Grüngutverwertung 2025 (Demo)"
GOAL = "Regionale Kreislaufwirtschaft (Demo)"


def _published(ctx, actor, key, source, region, **settings):
    ctype = ContentType.objects.get_for_model(source)
    existing = IndicatorSeries.objects.filter(feed=key, source_type=ctype, source_id=source.pk)
    if existing.exists():
        actions.refresh_source(key, ctype.pk, source.pk, user=actor.user)
    else:
        actions.publish(actor, key, source, region=region, visibility=Visibility.PUBLIC)
    existing.update(is_demo=True, **settings)
    return list(existing)


def _target(district, parent, title, creator, **kw):
    from ikonnekt.planning.models import GoalNode

    node, _ = GoalNode.objects.update_or_create(
        owner=district,
        title=title,
        defaults={
            "kind": "target",
            "parent": parent,
            "visibility": Visibility.PUBLIC,
            "created_by": creator,
            "is_demo": True,
            **kw,
        },
    )
    return node


def load(ctx):
    # series titles are stored in the publisher's language: the demo region speaks German
    with translation.override("de"):
        _load(ctx)


def _load(ctx):
    from ikonnekt.materials.models import GreenWasteScenario
    from ikonnekt.planning import feeds as planning_feeds
    from ikonnekt.planning.models import GoalNode

    district = ctx.org("landkreis-saarlouis")
    scenario = GreenWasteScenario.objects.filter(name=SCENARIO).first()
    goal = GoalNode.objects.filter(owner=district, title=GOAL).first()
    if scenario is None or goal is None:
        ctx.log("  indicators: skipped (materials and planning demo not loaded)")
        return
    publisher = ctx.actor("saarlouis-editor")
    series = {}
    for key in chain.CHAIN_FEEDS:
        series[key] = _published(
            ctx, publisher, key, scenario, district, in_comparison=True, update_frequency="ANNUAL"
        )[0]
    lk_admin = ctx.actor("landkreis-saarlouis-admin")
    t_green = GoalNode.objects.get(owner=district, title="Grüngut vollständig regional verwerten (Demo)")
    t_heat_gw = _target(
        district,
        goal,
        "Wärme aus Grüngut (Demo)",
        lk_admin.user,
        indicator="Wärme aus dem holzigen Grüngutanteil",
        unit="MWh/a",
        direction="increase",
        baseline_year=2018,
        baseline_value=0.0,
        target_year=2030,
        target_value=3500.0,
        description="Zielwert: Annahme (Demo) – Auslastung des 550-kW-Heizwerks Lisdorfer Berg.",
    )
    t_co2e = _target(
        district,
        goal,
        "Treibhausgasminderung durch Grüngutwärme (Demo)",
        lk_admin.user,
        indicator="Vermiedene Emissionen durch Wärme aus Grüngut",
        unit="t CO2e/a",
        direction="increase",
        baseline_year=2018,
        baseline_value=0.0,
        target_year=2030,
        target_value=800.0,
        description="Zielwert: Annahme (Demo).",
    )
    follows = [
        (t_green, series[chain.SHARE]),
        (t_heat_gw, series[chain.HEAT]),
        (t_co2e, series[chain.CO2E]),
    ]
    energy_count = 0
    try:
        energy = _published(
            ctx, lk_admin, "energy.renewable_heat_share", district, district, update_frequency="ANNUAL"
        )
        energy_count = len(energy)
    except ValidationError as exc:
        ctx.log(f"  indicators: renewable heat not published ({'; '.join(exc.messages)})")
    else:
        t_heat = GoalNode.objects.filter(
            owner=district, title="Erneuerbare Wärme in kommunalen Gebäuden (Demo)"
        ).first()
        first = energy[0].current_values().first() if energy else None
        if t_heat is not None and first is not None:
            # the baseline is the first computed year, not a typed estimate
            GoalNode.objects.filter(pk=t_heat.pk).update(baseline_year=first.year, baseline_value=first.value)
            t_heat.refresh_from_db()
            follows.append((t_heat, energy[0]))
            _drop_typed_heat_shares(t_heat, district)
    for node, s in follows:
        if node.feed_id != s.pk:
            planning_feeds.follow(lk_admin, node, s)
        else:
            planning_feeds.sync_node(node, s)
    rating = _circularity(ctx)
    ctx.log(
        f"  indicators: {len(series) + energy_count} series, {len(follows)} targets follow feeds"
        + (
            f", rating {rating.measure.code} follows the recycling rate (level {rating.level})"
            if rating
            else ""
        )
    )


def _drop_typed_heat_shares(node, district):
    """The municipalities whose buildings the energy module balances get no typed renewable-heat
    share: their buildings are part of the district's computed series the target follows."""
    from ikonnekt.energy.models import Building
    from ikonnekt.planning.feeds import FEED_SOURCE_PREFIX
    from ikonnekt.planning.models import IndicatorValue

    computed = Building.objects.filter(owner__parent=district).values("owner_id")
    IndicatorValue.objects.filter(node=node, municipality_id__in=computed).exclude(
        source__startswith=FEED_SOURCE_PREFIX
    ).delete()


BUILDING_MATERIALS = "Quartier Am Bahnhof Nalbach – Baustoffe (Demo)"


def _circularity(ctx):
    """Nalbach publishes the recycling rate (RR) and secondary-material share (NS) of its building
    materials system; the measure "Kreislaufwirtschaft" (thresholds RR 50 / 65 / 80) of the
    Primsaue's current-state assessment takes its level from RR instead of a typed one."""
    from ikonnekt.assessment import feeds as assessment_feeds
    from ikonnekt.assessment.models import Rating
    from ikonnekt.materials.models import MfaSystem

    nalbach = ctx.org("nalbach")
    system = MfaSystem.objects.filter(owner=nalbach, name=BUILDING_MATERIALS).first()
    rating = (
        Rating.objects.filter(
            assessment__area__name="Gewerbegebiet Primsaue (Demo)",
            assessment__scenario="Bestand 2025",
            measure__code="U.2.1",
        )
        .select_related("measure", "assessment")
        .first()
    )
    if system is None or rating is None:
        ctx.log("  indicators: recycling rate skipped (materials or assessment demo not loaded)")
        return None
    editor = ctx.actor("nalbach-editor")
    rr = _published(ctx, editor, "materials.recycling_rate", system, nalbach, update_frequency="ANNUAL")[0]
    _published(ctx, editor, "materials.secondary_share", system, nalbach, update_frequency="ANNUAL")
    if rating.feed_id != rr.pk:
        assessment_feeds.follow(ctx.actor("nalbach-admin"), rating, rr)
    else:
        assessment_feeds.sync_rating(rating, rr)
    return rating
