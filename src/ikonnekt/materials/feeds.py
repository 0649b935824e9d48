"""Indicator feeds of the materials module: figures of an optimised green-waste scenario and the
recycling rate and secondary-material share of a material-flow system (see below).

Green-waste values come from the scenario's last optimisation (``materials.allocation.summarise``):
tonnes per plant, heat from the woody fraction (woody share × MWh/t × tonnes) and the CO2e
avoided by replacing fossil heat (heat × the plant's emission factor of the replaced heat).
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ikonnekt.indicators.registry import Feed, Point, SourceError, feeds
from ikonnekt.materials.factors import replaced_heat_emission_factor

SCENARIO = "materials.GreenWasteScenario"
# transfer stations pass the waste on out of the region; every other plant kind recycles it here
NOT_REGIONAL = {"transfer"}


def _result(scenario):
    result = scenario.result or {}
    if not result.get("plants"):
        raise SourceError(_("the scenario has not been optimised yet"))
    return result


def _plant_rows(scenario, result):
    kinds = {
        str(pk): (name, kind, ef)
        for pk, name, kind, ef in scenario.plants.values_list("pk", "name", "kind", "heat_ef")
    }
    rows = []
    for row in result["plants"]:
        name, kind, ef = kinds.get(str(row["plant"]), (row.get("name", ""), "", None))
        rows.append({**row, "name": name, "kind": kind, "heat_ef": ef})
    return rows


def _base_inputs(scenario):
    return {
        "scenario": scenario.name,
        "scenario_id": scenario.pk,
        "optimised_at": scenario.result_at.isoformat() if scenario.result_at else None,
        "objective": scenario.objective,
    }


def recycled_points(scenario):
    result = _result(scenario)
    plants = [p for p in _plant_rows(scenario, result) if p["kind"] not in NOT_REGIONAL and p["tonnes"] > 0]
    total = sum(p["tonnes"] for p in plants)
    inputs = {**_base_inputs(scenario), "plants_t": {p["name"]: round(p["tonnes"], 3) for p in plants}}
    return [Point(scenario.year, round(total, 3), inputs=inputs)]


def regional_share_points(scenario):
    result = _result(scenario)
    collected = sum(p["tonnes"] for p in result.get("points", [])) or sum(
        p.tonnes() for p in scenario.points.all()
    )
    if not collected:
        raise SourceError(_("no green waste is collected in the scenario"))
    recycled = recycled_points(scenario)[0]
    share = recycled.value / collected * 100
    inputs = {**recycled.inputs, "recycled_t": recycled.value, "collected_t": round(collected, 3)}
    return [Point(scenario.year, round(share, 2), inputs=inputs)]


def heat_points(scenario):
    result = _result(scenario)
    plants = [p for p in _plant_rows(scenario, result) if p.get("energy_mwh")]
    inputs = {**_base_inputs(scenario), "plants_mwh": {p["name"]: round(p["energy_mwh"], 3) for p in plants}}
    return [Point(scenario.year, round(float(result.get("energy_mwh", 0.0)), 3), inputs=inputs)]


def co2e_points(scenario):
    result = _result(scenario)
    plants = [p for p in _plant_rows(scenario, result) if p.get("co2e_avoided_kg")]
    factors = sorted({p["heat_ef"] for p in plants if p["heat_ef"] is not None})
    inputs = {
        **_base_inputs(scenario),
        "heat_mwh": round(float(result.get("energy_mwh", 0.0)), 3),
        "plants_avoided_kg": {p["name"]: round(p["co2e_avoided_kg"], 1) for p in plants},
    }
    factor_set = ""
    if factors:
        default = replaced_heat_emission_factor(scenario.year)
        factor_set = gettext(
            "Replaced heat: %(values)s kg CO2e/MWh as entered per plant of the scenario "
            "(platform default %(default)s kg CO2e/MWh: %(source)s)"
        ) % {
            "values": ", ".join(f"{f:g}" for f in factors),
            "default": f"{default['kg_per_mwh']:g}",
            "source": default["source"],
        }
    value = float(result.get("co2e_avoided_kg", 0.0)) / 1000
    return [Point(scenario.year, round(value, 3), inputs=inputs, factor_set=factor_set)]


def _own_id(instance):
    return instance.pk


TRIGGERS = ((SCENARIO, _own_id),)

feeds.register(
    Feed(
        key="materials.greenwaste_recycled_t",
        source_model=SCENARIO,
        title=_("Green waste recycled in the region"),
        unit="t/a",
        calculation=_(
            "Σ tonnes delivered to the scenario's composting, shredding and biomass plants (optimised allocation)"
        ),
        version="1",
        compute=recycled_points,
        description=_(
            "Tonnes of green waste recycled by plants in the region, from the optimised green-waste scenario."
        ),
        triggers=TRIGGERS,
        update_frequency="ANNUAL",
    )
)
feeds.register(
    Feed(
        key="materials.greenwaste_regional_share",
        source_model=SCENARIO,
        title=_("Share of green waste recycled in the region"),
        unit="%",
        calculation=_("tonnes recycled in the region ÷ tonnes collected at all collection points × 100"),
        version="1",
        compute=regional_share_points,
        description=_("Share of the collected green waste that plants in the region recycle."),
        triggers=TRIGGERS,
        update_frequency="ANNUAL",
    )
)
feeds.register(
    Feed(
        key="materials.greenwaste_heat_mwh",
        source_model=SCENARIO,
        title=_("Heat from green waste"),
        unit="MWh/a",
        calculation=_("Σ over plants: tonnes × woody share × energy yield of the woody fraction (MWh/t)"),
        version="1",
        compute=heat_points,
        description=_("Heat produced from the woody fraction of the green waste."),
        triggers=TRIGGERS,
        update_frequency="ANNUAL",
    )
)
feeds.register(
    Feed(
        key="materials.greenwaste_co2e_avoided_t",
        source_model=SCENARIO,
        title=_("CO2e avoided by heat from green waste"),
        unit="t CO2e/a",
        calculation=_(
            "Σ over plants: heat (MWh) × emission factor of the replaced heat (kg CO2e/MWh) ÷ 1000"
        ),
        version="1",
        compute=co2e_points,
        description=_("Greenhouse-gas emissions avoided because heat from green waste replaces fossil heat."),
        triggers=TRIGGERS,
        update_frequency="ANNUAL",
    )
)


# --- material-flow systems: recycling rate and secondary-material share --------------------------
#
# Definitions on the scope of one system (its boundary and periods), goods layer in t/a, values
# after reconciliation (``mfa.analyse``), so transfer coefficients and m³ entries count too:
#   recycling rate (RR)            = Σ flows marked "waste recycled" ÷ Σ flows marked "waste generated" × 100
#   secondary-material share (NS)  = Σ "secondary raw material input"
#                                    ÷ (Σ "primary raw material input" + Σ "secondary raw material input") × 100
# RR follows Eurostat's recycling rate of waste (cei_wm010: waste recycled ÷ waste treated; within
# one system boundary every waste flow marked "generated" is treated there or leaves it) and
# "Recycling" in KrWG §3 (25); NS is Eurostat's circular material use rate (cei_srm030:
# U ÷ (DMC + U)) with the system's primary input in place of DMC. The seed's catalogue names both
# as indicators of the measure "Kreislaufwirtschaft": "Recyclingrate (RR); Nutzungsanteil an
# Sekundärrohstoffen (NS)". Which flows play which part is the system owner's choice
# (``Flow.waste_role``, ``Flow.input_role``); one flow may play a part in both (recycled building
# material is waste recycled and secondary input).

SYSTEM = "materials.MfaSystem"


def _role_totals(system):
    """{year: ({role: tonnes}, {role: {flow: tonnes}})} for the periods that reconcile."""
    from ikonnekt.materials import mfa, mfa_io
    from ikonnekt.materials.reconciliation import ReconciliationError

    data = mfa_io.system_to_dict(system)
    roles = {f["name"]: [r for r in (f.get("waste_role"), f.get("input_role")) if r] for f in data["flows"]}
    roles = {name: r for name, r in roles.items() if r}
    if not roles:
        raise SourceError(
            _("no flow of the system is marked as waste, recycled, primary or secondary material")
        )
    out, problems = {}, []
    for year in system.years:
        try:
            analysis = mfa.analyse(data, year, "goods")
        except ReconciliationError as exc:
            problems.append(f"{year}: {exc}")
            continue
        totals, flows = {}, {}
        for row in analysis["flows"]:
            flow_roles = roles.get(row["id"])
            if not flow_roles or row["is_stock"]:
                continue
            if row["value"] is None:
                problems.append(
                    gettext("%(y)s: flow “%(f)s” cannot be determined") % {"y": year, "f": row["id"]}
                )
                totals = None
                break
            for role in flow_roles:
                totals[role] = totals.get(role, 0.0) + row["value"]
                flows.setdefault(role, {})[row["id"]] = round(row["value"], 3)
        if totals is not None:
            out[year] = (totals, flows)
    if not out:
        raise SourceError("; ".join(str(p) for p in problems) or _("the system has no periods"))
    return out


def _ratio_points(system, numerator, denominators):
    points = []
    for year, (totals, flows) in sorted(_role_totals(system).items()):
        base = sum(totals.get(r, 0.0) for r in denominators)
        if base <= 0:
            continue
        value = totals.get(numerator, 0.0) / base * 100
        inputs = {
            "system": system.name,
            "system_id": system.pk,
            "boundary": system.boundary,
            "layer": "goods (t/a, reconciled)",
            **{
                f"{role}_t": round(totals.get(role, 0.0), 3)
                for role in dict.fromkeys((numerator, *denominators))
            },
            "flows_t": {role: flows.get(role, {}) for role in dict.fromkeys((numerator, *denominators))},
        }
        points.append(Point(year, round(value, 2), inputs=inputs))
    if not points:
        raise SourceError(
            _(
                "the flows marked as denominator (waste generated, or primary and secondary input) carry no tonnes"
            )
        )
    return points


def recycling_rate_points(system):
    return _ratio_points(system, "recycled", ("waste",))


def secondary_share_points(system):
    return _ratio_points(system, "secondary", ("primary", "secondary"))


def _system_of_flow(instance):
    return instance.system_id


def _system_of_value(instance):
    return instance.flow.system_id


def _system_of_stock(instance):
    return instance.process.system_id


SYSTEM_TRIGGERS = (
    (SYSTEM, _own_id),
    ("materials.Flow", _system_of_flow),
    ("materials.FlowValue", _system_of_value),
    ("materials.StockChange", _system_of_stock),
)

feeds.register(
    Feed(
        key="materials.recycling_rate",
        source_model=SYSTEM,
        title=_("Recycling rate (RR)"),
        unit="%",
        calculation=_(
            "Σ flows marked “waste recycled” ÷ Σ flows marked “waste generated” × 100, goods layer, "
            "reconciled values (Eurostat recycling rate of waste cei_wm010; recycling as in KrWG §3 (25))"
        ),
        version="1",
        compute=recycling_rate_points,
        description=_(
            "Share of the waste generated within the system boundary that is recycled, per period of the "
            "material-flow system."
        ),
        triggers=SYSTEM_TRIGGERS,
        update_frequency="ANNUAL",
    )
)
feeds.register(
    Feed(
        key="materials.secondary_share",
        source_model=SYSTEM,
        title=_("Secondary-material share (NS)"),
        unit="%",
        calculation=_(
            "Σ flows marked “secondary raw material input” ÷ (Σ “primary raw material input” + Σ “secondary "
            "raw material input”) × 100, goods layer, reconciled values (after Eurostat's circular "
            "material use rate cei_srm030: U ÷ (DMC + U))"
        ),
        version="1",
        compute=secondary_share_points,
        description=_(
            "Share of secondary raw materials in the material input of the system, per period of the "
            "material-flow system."
        ),
        triggers=SYSTEM_TRIGGERS,
        update_frequency="ANNUAL",
    )
)
