"""From a stored green-waste scenario to the allocation model, and the alone-vs-together analysis."""

import numpy as np
from django.utils.translation import gettext as _

from ikonnekt.materials import allocation, cost_sharing, transport
from ikonnekt.materials.allocation import AllocationError


def scenario_inputs(scenario):
    """(points, plants, options, km or None) of a scenario."""
    points_db = list(scenario.points.select_related("municipality").order_by("pk"))
    plants_db = list(scenario.plants.order_by("pk"))
    points = [
        allocation.Point(
            id=str(p.pk),
            name=p.name,
            municipality=p.municipality.name,
            quantity_t=p.tonnes(),
            lat=p.latitude,
            lon=p.longitude,
            bulk_density=scenario.density_loose,
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
    result["pareto"] = allocation.pareto_front(points, plants, options, km, steps=pareto_steps)
    if progress:
        progress(60, _("Pareto front computed"))
    result["cooperation"] = cooperation(scenario, points, plants, options, km)
    result["points"] = [
        {"id": p.id, "name": p.name, "municipality": p.municipality, "tonnes": p.quantity_t} for p in points
    ]
    return result


def cooperation(scenario, points, plants, options, km):
    """Each municipality alone vs all together (cost game over the municipalities of the points)."""
    municipalities = sorted({p.municipality for p in points})
    if len(municipalities) < 2:
        return None
    from ikonnekt.organizations.models import Organisation

    inhabitants_by_name = dict(
        Organisation.objects.filter(name__in=municipalities).values_list("name", "inhabitants")
    )
    km = np.asarray(km) if km is not None else allocation.build(points, plants, options).km
    cost_options = allocation._replace(options, objective="cost")

    def value(coalition):
        members = {municipalities[i] for i in coalition}
        rows = [i for i, p in enumerate(points) if p.municipality in members]
        sub = [points[i] for i in rows]
        try:
            return allocation.solve(allocation.build(sub, plants, cost_options, km[rows]), cost_options)[
                "total_cost"
            ]
        except AllocationError:
            return float("inf")

    tonnage = [sum(p.quantity_t for p in points if p.municipality == m) for m in municipalities]
    inhabitants = [inhabitants_by_name.get(m) or 0 for m in municipalities]
    # Beyond the exact limit each sampled order costs n optimisations: keep the total bounded.
    samples = (
        2000 if len(municipalities) <= cost_sharing.EXACT_LIMIT else max(50, 4000 // len(municipalities))
    )
    analysis = cost_sharing.analyse(municipalities, value, tonnage, inhabitants, samples=samples)
    for row, t, inh in zip(analysis["rows"], tonnage, inhabitants, strict=True):
        row["tonnes"] = t
        row["population"] = inh
    return analysis
