"""Indicator feeds of energy management: final energy and CO2e per municipality and carrier.

Source is the municipality (organisation); the figures sum the annual balances of its
buildings — for a district also the buildings of its municipalities that the district may see — (``energy.services.building_year``: main meters, Hi basis, sub-meters not added)
per energy carrier. CO2e uses the BISKO emission factor set of the year (the latest set not
newer than the year), the same choice as the energy pages.
"""

from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikonnekt.core.sharing import has_role, orgs_with_role
from ikonnekt.indicators.registry import Feed, Point, SourceError, feeds

MAX_YEARS = 6


def _factor_set(year):
    """The platform's BISKO set for ``year`` (``reference.factors.factor_set``), None when there is none."""
    from ikonnekt.reference.factors import FactorMissing, factor_set

    try:
        return factor_set(year, "bisko")
    except FactorMissing:
        return None


def _balances(organisation):
    from ikonnekt.energy import services
    from ikonnekt.energy.models import Building, Carrier, Reading
    from ikonnekt.indicators.actions import OrganisationMember

    owners = [organisation.pk, *organisation.children.values_list("pk", flat=True)]
    buildings = list(
        Building.objects.filter(owner_id__in=owners)
        .filter(Building.visible_to_q(OrganisationMember(organisation.pk)))
        .select_related("station")
        .prefetch_related("meters__tariffs", "meters__exchanges")
    )
    if not buildings:
        raise SourceError(_("the organisation has no buildings in energy management"))
    years = sorted(
        set(
            Reading.objects.filter(meter__building__in=[b.pk for b in buildings])
            .annotate(y=ExtractYear("timestamp"))
            .values_list("y", flat=True)
        )
    )
    # only complete calendar years: a running year would show as a drop in consumption
    this_year = timezone.localdate().year
    years = [y for y in years if y < this_year][-MAX_YEARS:]
    refs = services._reference_values()
    labels = dict(Carrier.choices)
    for year in years:
        factor_set = _factor_set(year)
        factors = factor_set.factors() if factor_set else {}
        kwh, co2 = {}, {}
        counted = {}
        for building in buildings:
            balance = services.building_year(building, year, factors, refs)
            for carrier, value in balance["carriers"].items():
                if not value:
                    continue
                kwh[carrier] = kwh.get(carrier, 0.0) + value
                co2[carrier] = co2.get(carrier, 0.0) + value * factors.get(carrier, 0.0) / 1e6
                counted.setdefault(carrier, []).append(building.name)
        yield year, kwh, co2, counted, factor_set, labels


def final_energy_points(organisation):
    points = []
    for year, kwh, _co2, counted, _fs, labels in _balances(organisation):
        for carrier, value in sorted(kwh.items()):
            points.append(
                Point(
                    year,
                    round(value / 1000, 3),
                    dimension=carrier,
                    dimension_label=str(labels.get(carrier, carrier)),
                    inputs={"buildings": counted[carrier], "kwh_hi": round(value, 1)},
                )
            )
    return points


def co2e_points(organisation):
    points = []
    for year, kwh, co2, counted, factor_set, labels in _balances(organisation):
        factors = factor_set.factors() if factor_set else {}
        for carrier, value in sorted(co2.items()):
            points.append(
                Point(
                    year,
                    round(value, 3),
                    dimension=carrier,
                    dimension_label=str(labels.get(carrier, carrier)),
                    inputs={
                        "buildings": counted[carrier],
                        "kwh_hi": round(kwh[carrier], 1),
                        "g_per_kwh": factors.get(carrier),
                    },
                    factor_set=f"{factor_set.name} ({factor_set.year}), {factor_set.source}"
                    if factor_set
                    else "",
                )
            )
    return points


RENEWABLE_HEAT = ("wood_chips", "wood_pellets")


def renewable_heat_points(organisation):
    """Share of wood chips and pellets in the heat consumption (district heat counts as not
    renewable: its mix is not known to the platform)."""
    from ikonnekt.energy.models import HEAT_CARRIERS

    points = []
    for year, kwh, _co2, counted, _fs, _labels in _balances(organisation):
        heat = {c: v for c, v in kwh.items() if c in HEAT_CARRIERS}
        total = sum(heat.values())
        if not total:
            continue
        renewable = sum(v for c, v in heat.items() if c in RENEWABLE_HEAT)
        points.append(
            Point(
                year,
                round(renewable / total * 100, 2),
                inputs={
                    "heat_kwh_hi": {c: round(v, 1) for c, v in sorted(heat.items())},
                    "renewable_kwh_hi": round(renewable, 1),
                    "buildings": sorted({b for c in heat for b in counted[c]}),
                },
            )
        )
    return points


def _may_publish(user, organisation):
    return has_role(user, organisation.pk)


def _organisations(user):
    from ikonnekt.organizations.models import Organisation

    return Organisation.objects.filter(pk__in=orgs_with_role(user))


def _sources_of_reading(reading):
    """The building's owner and its parent (a district's figures include its municipalities)."""
    owner = reading.meter.building.owner
    return [owner.pk] + ([owner.parent_id] if owner.parent_id else [])


ORG = "organizations.Organisation"
TRIGGERS = (("energy.Reading", _sources_of_reading),)

feeds.register(
    Feed(
        key="energy.final_energy_mwh",
        source_model=ORG,
        title=_("Final energy of municipal buildings"),
        unit="MWh/a",
        calculation=_(
            "Σ over the organisation's buildings: annual consumption of the main meters per carrier (Hi basis) ÷ 1000"
        ),
        version="1",
        compute=final_energy_points,
        description=_(
            "Final energy of the municipality's own buildings per energy carrier (energy management)."
        ),
        triggers=TRIGGERS,
        can_publish=_may_publish,
        sources_for=_organisations,
        update_frequency="ANNUAL",
    )
)
feeds.register(
    Feed(
        key="energy.co2e_t",
        source_model=ORG,
        title=_("CO2e of municipal buildings"),
        unit="t CO2e/a",
        calculation=_(
            "Σ over the organisation's buildings: consumption per carrier (kWh, Hi) × BISKO emission factor (g/kWh) ÷ 10⁶"
        ),
        version="1",
        compute=co2e_points,
        description=_(
            "Greenhouse-gas emissions of the municipality's own buildings per energy carrier (BISKO)."
        ),
        triggers=TRIGGERS,
        can_publish=_may_publish,
        sources_for=_organisations,
        update_frequency="ANNUAL",
    )
)
feeds.register(
    Feed(
        key="energy.renewable_heat_share",
        source_model=ORG,
        title=_("Renewable heat in municipal buildings"),
        unit="%",
        calculation=_(
            "(wood chips + wood pellets) ÷ all heat carriers of the buildings (kWh, Hi) × 100; district heat counts as not renewable"
        ),
        version="1",
        compute=renewable_heat_points,
        description=_(
            "Share of renewable fuels in the heat consumption of the municipality's own buildings."
        ),
        triggers=TRIGGERS,
        can_publish=_may_publish,
        sources_for=_organisations,
        update_frequency="ANNUAL",
    )
)
