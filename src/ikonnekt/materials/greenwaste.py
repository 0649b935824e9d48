"""From a stored green-waste scenario to the allocation model, and the alone-vs-together analysis.

Responsibility (Saarland): under § 5 Abs. 2 Nr. 2 Saarländisches Abfallwirtschaftsgesetz (SAWG) the
municipalities collect green waste (Grünschnitt, Laub, Äste, Strauchwerk); its recycling passed to the
Entsorgungsverband Saar (EVS) after the transition period of § 18 Abs. 2 of the EVS law (EVSG): for 31
municipalities from 2018, for the remaining ones from 1 January 2020. Green waste the municipality
produces itself (parks, cemeteries, roadsides) is not household waste; the municipality organises and
pays its recycling. Hence the cost game between municipalities covers only collection points marked
"municipal"; the EVS's household green waste is allocated in the overall optimisation, and the plant
capacity it takes there is not available to the municipalities in the game.
"""

import numpy as np
from django.utils.translation import gettext as _

from ikonnekt.materials import allocation, coalitions, cost_sharing, transport
from ikonnekt.materials.allocation import AllocationError

PLAYER_KINDS = ("municipality", "district")


def scenario_inputs(scenario):
    """(points, plants, options, km or None) of a scenario."""
    points_db = list(scenario.points.select_related("municipality").order_by("pk"))
    plants_db = list(scenario.plants.select_related("operator").order_by("pk"))
    points = [
        allocation.Point(
            id=str(p.pk),
            name=p.name,
            municipality=p.municipality.name,
            quantity_t=p.tonnes(),
            lat=p.latitude,
            lon=p.longitude,
            bulk_density=scenario.density_loose,
            responsibility=p.responsibility,
        )
        for p in points_db
    ]
    plants = [
        allocation.Plant(
            id=str(pl.pk),
            name=pl.name,
            capacity_t=pl.capacity_t,
            gate_fee=pl.gate_fee,
            fixed_cost=pl.fixed_cost,
            candidate=pl.candidate,
            process_kg_per_t=pl.process_co2,
            energy_mwh_per_t=pl.energy_yield,
            woody_share=pl.woody_share,
            heat_ef_kg_per_mwh=pl.heat_ef,
            lat=pl.latitude,
            lon=pl.longitude,
            kind=pl.kind,
            owner=pl.operator.name if pl.operator and pl.operator.kind in PLAYER_KINDS else None,
            thermal_kw=pl.thermal_kw or 0.0,
            full_load_hours=pl.full_load_hours or 0.0,
        )
        for pl in plants_db
    ]
    options = allocation.Options(
        objective=scenario.objective,
        carbon_price=scenario.carbon_price,
        single_source=scenario.single_source,
        open_candidates=scenario.open_candidates,
        detour=scenario.detour_factor,
        vehicle=transport.Vehicle(
            payload_t=scenario.payload_t,
            payload_m3=scenario.payload_m3,
            cost_per_km=scenario.cost_per_km,
            cost_per_trip=scenario.cost_per_trip,
            kg_co2e_per_km=scenario.co2_per_km,
        ),
    )
    km = None
    if scenario.use_imported_distances:
        index_p = {p.pk: i for i, p in enumerate(points_db)}
        index_pl = {pl.pk: j for j, pl in enumerate(plants_db)}
        km = np.full((len(points), len(plants)), np.nan)
        for d in scenario_distances(scenario):
            km[index_p[d.point_id], index_pl[d.plant_id]] = d.km
        if np.isnan(km).any():
            missing = [
                f"{points_db[i].name} → {plants_db[j].name}"
                for i, j in zip(*np.nonzero(np.isnan(km)), strict=True)
            ]
            raise AllocationError(
                _("Imported road distances are missing for %(n)s pairs: %(pairs)s")
                % {"n": len(missing), "pairs": ", ".join(missing[:8])}
            )
    return points, plants, options, km


def scenario_distances(scenario):
    from ikonnekt.materials.models import RoadDistance

    return RoadDistance.objects.filter(point__scenario=scenario)


def optimise_scenario(scenario, pareto_steps=6, progress=None):
    """Optimise, add the Pareto front and the alone-vs-together analysis; returns a JSON-able dict."""
    points, plants, options, km = scenario_inputs(scenario)
    model = allocation.build(points, plants, options, km)
    result = allocation.solve(model, options)
    if progress:
        progress(40, _("Allocation found"))
    result["pareto"] = allocation.pareto_front(points, plants, options, model.km, steps=pareto_steps)
    if progress:
        progress(60, _("Pareto front computed"))
    result["cooperation"] = cooperation(points, plants, options, model.km, result)
    result["points"] = [
        {
            "id": p.id,
            "name": p.name,
            "municipality": p.municipality,
            "tonnes": p.quantity_t,
            "responsibility": p.responsibility,
        }
        for p in points
    ]
    result["responsibility"] = responsibility_totals(points, result)
    return result


def responsibility_totals(points, result):
    """Tonnes and cost of the overall optimum by whose waste it is (municipal / EVS)."""
    by_id = {p.id: p for p in points}
    totals = {key: {"tonnes": 0.0, "cost": 0.0} for key in ("municipal", "evs")}
    for f in result["flows"]:
        key = by_id[f["point"]].responsibility
        totals[key]["tonnes"] += f["tonnes"]
        totals[key]["cost"] += f["transport_cost"] + f["gate_fee"]
    return totals


def evs_reserved_capacity(points, plants, result):
    """Tonnes per plant that the overall optimum sends from EVS (household) collection points."""
    evs = {p.id for p in points if p.responsibility == "evs"}
    index = {pl.id: j for j, pl in enumerate(plants)}
    reserved = np.zeros(len(plants))
    for f in result["flows"]:
        if f["point"] in evs:
            reserved[index[f["plant"]]] += f["tonnes"]
    return reserved


def cooperation(points, plants, options, km, result):
    """Each municipality alone vs all together over the municipalities' own green waste.

    Returns None with fewer than two municipalities, or ``{"error": …}`` when some group cannot
    dispose of its green waste with the plants open to it (then no fair split is defined)."""
    reserved = evs_reserved_capacity(points, plants, result)
    game = coalitions.build_game(points, plants, options, km, reserved=reserved)
    if game is None:
        return None
    from ikonnekt.organizations.models import Organisation

    inhabitants_by_name = dict(
        Organisation.objects.filter(name__in=game.players).values_list("name", "inhabitants")
    )
    tonnage = [float(game.q[game.rows_of[i]].sum()) for i in range(game.n)]
    inhabitants = [inhabitants_by_name.get(m) or 0 for m in game.players]
    if game.n <= cost_sharing.EXACT_LIMIT:
        values = game.values("fast")
        if not np.isfinite(values).all():
            stuck = [game.players[i] for i in range(game.n) if not np.isfinite(values[1 << i])] or [
                ", ".join(game.players)
            ]
            return {
                "error": _(
                    "%(names)s cannot dispose of their own green waste with the plants open to them "
                    "(own plants and third-party plants): add a third-party plant such as the EVS's so "
                    "that every municipality has a stand-alone option."
                )
                % {"names": ", ".join(stuck)}
            }
        analysis = cost_sharing.analyse(game.players, tonnage=tonnage, inhabitants=inhabitants, values=values)
    else:
        # Beyond the exact limit: Monte-Carlo Shapley over random orders, each value exact and fast.
        samples = max(50, 4000 // game.n)

        def value(coalition):
            return game.value_fast(sum(1 << i for i in coalition))

        analysis = cost_sharing.analyse(game.players, value, tonnage, inhabitants, samples=samples)
    for row, t, inh, fixed in zip(analysis["rows"], tonnage, inhabitants, game.owned_fixed, strict=True):
        row["tonnes"] = t
        row["population"] = inh
        row["own_fixed_cost"] = float(fixed)
    analysis["evs_reserved_t"] = float(reserved.sum())
    return analysis
