"""Transparent variant calculator for quarter energy-supply concepts (plain functions).

Every variant gets the same hourly demand (8760 h). Costs follow the annuity method of
VDI 2067 Blatt 1 (capital-related costs with replacements and residual value, operation
as % of investment, demand-related costs with a price-change factor, CO2 price path from
BEHG-like values); PV self-consumption and autarky come from an hourly simulation, never
from annual sums. Subsidies are shown separately.
"""

import functools
import math
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext_noop

from ikonnekt.reference.carriers import primary_factor

HOURS = 8760
PV_SPECIFIC_YIELD = 950.0  # kWh/(kWp·a), order of magnitude of PVGIS for the Saar region
SINK_TEMPERATURE = 45.0  # °C flow temperature assumed for heat pumps (radiators/floor heating mix)
BATTERY_EFFICIENCY = 0.9  # round trip


class InputError(ValueError):
    """A missing or invalid input; ``field`` names it."""

    def __init__(self, field_name, message):
        super().__init__(message)
        self.field = field_name


# --- annuity (VDI 2067-1) -------------------------------------------------------------------


def annuity_factor(interest: float, years: int) -> float:
    """a = q^T (q − 1) / (q^T − 1), q = 1 + i;  i = 0 → 1/T."""
    if years <= 0:
        raise InputError("period_years", "period must be positive")
    if interest == 0:
        return 1.0 / years
    q = 1 + interest
    return q**years * (q - 1) / (q**years - 1)


def price_change_factor(interest: float, change: float, years: int) -> float:
    """b = (1 − (r/q)^T) / (q − r) with r = 1 + change (VDI 2067-1, eq. 5); r = q → T/q."""
    q, r = 1 + interest, 1 + change
    if abs(q - r) < 1e-12:
        return years / q
    return (1 - (r / q) ** years) / (q - r)


def capital_costs(
    capex: float, lifetime: int, interest: float, years: int, price_change: float = 0.0
) -> dict:
    """Capital-related costs (kapitalgebundene Kosten) after VDI 2067 Blatt 1 (2012).

    A_N,K = (A_0 + A_1 + … + A_n − R_W) · a, with the k-th replacement
    A_k = A_0 · r^(k·T_N) / q^(k·T_N) (k·T_N < T, its own price-change factor r = 1 + price change
    of the investment) and the residual value of the last procurement, written off linearly,
    R_W = A_0 · r^(n·T_N) · ((n + 1)·T_N − T) / T_N · 1/q^T.
    Returns every intermediate figure (replacements as (year, present value), residual value).
    """
    if lifetime <= 0:
        raise InputError("lifetime", "service life must be positive")
    q, r = 1 + interest, 1 + price_change
    replacements = []
    k = 1
    while capex and k * lifetime < years:
        replacements.append((k * lifetime, capex * r ** (k * lifetime) / q ** (k * lifetime)))
        k += 1
    n = len(replacements)
    residual = capex * r ** (n * lifetime) * ((n + 1) * lifetime - years) / lifetime / q**years
    present = capex + sum(pv for _year, pv in replacements) - residual
    af = annuity_factor(interest, years)
    return {
        "investment": capex,
        "replacements": replacements,
        "residual_value": residual,
        "present_value": present,
        "annuity_factor": af,
        "annuity": present * af,
    }


def capital_annuity(
    capex: float, lifetime: int, interest: float, years: int, price_change: float = 0.0
) -> float:
    """Annuity of the investment incl. replacements within the period and the residual value."""
    return capital_costs(capex, lifetime, interest, years, price_change)["annuity"]


def path_value(path: dict, year: int) -> float:
    """Linear interpolation in a {year: value} path, constant outside."""
    if not path:
        return 0.0
    years = sorted(path)
    if year <= years[0]:
        return path[years[0]]
    if year >= years[-1]:
        return path[years[-1]]
    for a, b in zip(years, years[1:], strict=False):
        if a <= year <= b:
            return path[a] + (path[b] - path[a]) * (year - a) / (b - a)
    return path[years[-1]]


def parse_path(text: str) -> dict:
    """'2026:55, 2030:100' → {2026: 55.0, 2030: 100.0}"""
    path = {}
    for part in (text or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        year, _, value = part.partition(":")
        try:
            path[int(year)] = float(value.replace(",", "."))
        except ValueError as exc:
            raise InputError("co2_price_path", f"cannot read '{part}' (use year:price)") from exc
    return path


def path_annuity(path: dict, start_year: int, interest: float, years: int) -> float:
    """Equivalent annual value of a yearly series (e.g. the CO2 price) over the period."""
    q = 1 + interest
    present = sum(path_value(path, start_year + k) / q ** (k + 1) for k in range(years))
    return present * annuity_factor(interest, years)


# --- hourly profiles ------------------------------------------------------------------------


def hourly_temperatures(daily_means) -> np.ndarray:
    """8760 hourly temperatures from 365 daily means with a ±3 K sinusoidal day cycle (min 5 h, max 15 h)."""
    daily = np.asarray(list(daily_means)[:365], dtype=float)
    if len(daily) < 365:
        raise InputError("station", "the weather station needs a full year of daily temperatures")
    hours = np.arange(24)
    cycle = -3.0 * np.cos((hours - 5) / 24 * 2 * math.pi)
    return (daily[:, None] + cycle[None, :]).ravel()


def heat_profile(temps: np.ndarray, space_heat_kwh: float, dhw_kwh: float) -> np.ndarray:
    """Space heat by heating-degree hours (limit 15 °C), hot water flat."""
    weights = np.maximum(0.0, 15.0 - temps)
    space = weights / weights.sum() * space_heat_kwh if weights.sum() > 0 else np.zeros(HOURS)
    return space + dhw_kwh / HOURS


def household_profile(annual_kwh: float) -> np.ndarray:
    """Simple residential shape (morning and evening peaks, a winter surplus), normalised."""
    hours = np.arange(24)
    day = 0.6 + 0.5 * np.exp(-((hours - 7.5) ** 2) / 3) + 1.0 * np.exp(-((hours - 19) ** 2) / 6)
    doy = np.arange(365)
    season = 1 + 0.15 * np.cos((doy - 15) / 365 * 2 * math.pi)
    shape = (season[:, None] * day[None, :]).ravel()
    return shape / shape.sum() * annual_kwh


def pv_profile(kwp: float, latitude: float = 49.3) -> np.ndarray:
    """Hourly PV output from the sun's elevation (solar time) and a seasonal clearness,
    scaled to ``PV_SPECIFIC_YIELD``."""
    if kwp <= 0:
        return np.zeros(HOURS)
    return _pv_shape(latitude) * PV_SPECIFIC_YIELD * kwp


@functools.lru_cache(maxsize=8)
def _pv_shape(latitude: float) -> np.ndarray:
    """The yearly PV shape (sum 1) at ``latitude``: it depends on nothing else, so it is worked out
    once per latitude (read-only array)."""
    doy = np.repeat(np.arange(1, 366), 24)
    hour = np.tile(np.arange(24) + 0.5, 365)
    decl = np.radians(23.45) * np.sin(2 * math.pi * (284 + doy) / 365)
    lat = np.radians(latitude)
    omega = np.radians(15 * (hour - 12))
    elev = np.sin(lat) * np.sin(decl) + np.cos(lat) * np.cos(decl) * np.cos(omega)
    clearness = 0.55 + 0.2 * np.sin(2 * math.pi * (doy - 80) / 365)
    raw = np.maximum(0.0, elev) * clearness
    shape = raw / raw.sum()
    shape.setflags(write=False)
    return shape


def cop_profile(temps: np.ndarray, cop7: float, ground: bool) -> np.ndarray:
    """Air: COP scaled with the Carnot ratio from its 7 °C rating; ground: source 5 °C, constant."""
    sink = SINK_TEMPERATURE + 273.15
    if ground:
        return np.full(HOURS, cop7)
    source = np.minimum(temps, SINK_TEMPERATURE - 5) + 273.15
    carnot = sink / (sink - source)
    carnot7 = sink / (sink - (7 + 273.15))
    return np.clip(cop7 * carnot / carnot7, 1.3, 7.0)


def simulate_pv(generation: np.ndarray, load: np.ndarray, battery_kwh: float = 0.0):
    """Hourly balance. Returns (self-consumed kWh, grid import kWh, feed-in kWh)."""
    if battery_kwh <= 0:
        direct = np.minimum(generation, load)
        return float(direct.sum()), float((load - direct).sum()), float((generation - direct).sum())
    soc = 0.0
    eff = math.sqrt(BATTERY_EFFICIENCY)
    power_limit = battery_kwh / 2  # C-rate 0.5
    self_used = grid = feed = 0.0
    # The state of charge carries from hour to hour, so this stays a loop; it runs on plain floats
    # (a loop over numpy scalars costs several times as much), same operations in the same order.
    for g, d in zip(generation.tolist(), load.tolist(), strict=True):
        direct = g if g < d else d
        self_used += direct
        surplus, deficit = g - direct, d - direct
        if surplus > 0:
            charge = min(surplus, power_limit, (battery_kwh - soc) / eff)
            soc += charge * eff
            feed += surplus - charge
        if deficit > 0:
            discharge = min(deficit, power_limit, soc * eff)
            soc -= discharge / eff
            self_used += discharge
            grid += deficit - discharge
    return self_used, grid, feed


def self_consumption_and_autarky(generation, load, battery_kwh=0.0):
    used, grid, feed = simulate_pv(np.asarray(generation, float), np.asarray(load, float), battery_kwh)
    gen = float(np.sum(generation))
    total_load = float(np.sum(load))
    return {
        "self_consumption": used / gen if gen else 0.0,
        "autarky": used / total_load if total_load else 0.0,
        "self_used": used,
        "grid": grid,
        "feed_in": feed,
    }


# --- variants -------------------------------------------------------------------------------


@dataclass
class Assumptions:
    interest: float  # 0.03
    years: int
    price_increase: float  # energy prices (demand-related costs), r_V − 1
    start_year: int
    prices: dict  # ct/kWh: electricity, heat_pump, gas, wood, district_heat, feed_in
    factors: dict  # g CO2e/kWh per carrier (Hi), declared factor set
    factor_set_label: str
    co2_path: dict  # €/t
    electricity_path: dict = field(default_factory=dict)  # g/kWh over years (same method)
    investment_price_increase: float = 0.0  # replacements (capital-related costs), r_K − 1
    operation_price_increase: float = 0.0  # maintenance, operation, other costs, r_B − 1
    factor_sources: dict = field(default_factory=dict)  # carrier → "set year: value (source, year)"


@dataclass
class Demand:
    space_heat: np.ndarray
    dhw: np.ndarray
    household: np.ndarray
    temps: np.ndarray

    @property
    def heat(self):
        return self.space_heat + self.dhw

    @functools.cached_property
    def totals(self) -> tuple:
        """(heat kWh, household kWh) of the year: summed once per demand, not per variant."""
        return float(self.heat.sum()), float(self.household.sum())


def build_demand(building_types, daily_temperatures) -> Demand:
    """``building_types``: [(count, area, heat kWh/m²a, dhw kWh/m²a, household kWh/a)]."""
    if not building_types:
        raise InputError("buildings", "add at least one building type to the quarter")
    temps = hourly_temperatures(daily_temperatures)
    space = sum(float(c) * float(a) * float(h) for c, a, h, _d, _e in building_types)
    dhw = sum(float(c) * float(a) * float(d) for c, a, _h, d, _e in building_types)
    elec = sum(float(c) * float(e) for c, _a, _h, _d, e in building_types)
    heat = heat_profile(temps, space, 0.0)
    return Demand(heat, np.full(HOURS, dhw / HOURS), household_profile(elec), temps)


REQUIRED_PRICES = {
    "gas_boiler": ["gas", "electricity"],
    "air_heat_pump": ["heat_pump", "electricity"],
    "ground_heat_pump": ["heat_pump", "electricity"],
    "district_heat": ["district_heat", "electricity"],
    "biomass_network": ["wood", "electricity"],
}
FUEL = {"gas_boiler": "natural_gas", "district_heat": "district_heat", "biomass_network": "wood_chips"}
FUEL_PRICE = {"gas_boiler": "gas", "district_heat": "district_heat", "biomass_network": "wood"}
CO2_PRICED = {"natural_gas", "heating_oil"}  # BEHG covers fossil heating fuels; ETS prices are in the tariffs


# Assumptions for the PV system and battery of a variant (not user inputs): service lives and
# maintenance in the order of magnitude VDI 2067-1 Tabelle A (Anhang) gives for comparable
# components; labelled "Annahme" on the page.
PV_LIFETIME = 20
BATTERY_LIFETIME = 15
PV_MAINTENANCE_PCT = 1.5

# Cost groups of VDI 2067-1 (2012): A_N = A_N,K + A_N,V + A_N,B + A_N,S − A_N,E
CAPITAL, DEMAND, OPERATION, OTHER, REVENUE = "capital", "demand", "operation", "other", "revenue"
GROUPS = (CAPITAL, DEMAND, OPERATION, OTHER, REVENUE)


def _line(key, group, first_year, factor, *, heat, **details):
    """One cost line: first-year amount (or investment) × factor = annuity (€/a)."""
    return {
        "key": key,
        "group": group,
        "first_year": first_year,
        "factor": factor,
        "annuity": first_year * factor,
        "heat": heat,
        **details,
    }


def _hourly_flows(demand: Demand, source, cop7, st_share, pv_kwp, battery_kwh):
    """The hourly part of a variant: heat from the system, heat-pump electricity (``cop7`` for heat
    pumps), load, PV generation and the PV/battery balance. It depends only on these inputs and the
    demand, not on prices, interest, investments or a boiler's efficiency."""
    heat = demand.space_heat + demand.dhw * (1 - st_share)
    heat_total = float(heat.sum())
    heat_pump_el = np.zeros(HOURS)
    if cop7 is not None:
        cop = cop_profile(demand.temps, cop7, ground=source == "ground_heat_pump")
        heat_pump_el = heat / cop
    load = demand.household + heat_pump_el
    generation = pv_profile(pv_kwp)
    pv = self_consumption_and_autarky(generation, load, battery_kwh)
    sums = {
        "heat": float(heat.sum()),
        "heat_pump_el": float(heat_pump_el.sum()),
        "load": float(load.sum()),
        "generation": float(generation.sum()),
    }
    return heat, heat_total, heat_pump_el, load, generation, pv, sums


@functools.lru_cache(maxsize=256)
def _path_figures(co2_path: tuple, electricity_path: tuple, start_year: int, interest: float, years: int):
    """The annuity of the CO2 price path and the mean electricity factor over the period (or None
    without a path): the same for every variant of a quarter, so worked out once per set of inputs."""
    co2 = path_annuity(dict(co2_path), start_year, interest, years)
    if electricity_path:
        path = dict(electricity_path)
        mean_el = sum(path_value(path, start_year + k) for k in range(years)) / years
    else:
        mean_el = None
    return co2, mean_el


def calculate_variant(v: dict, demand: Demand, a: Assumptions, flows: dict | None = None) -> dict:
    """``v``: heat_source, efficiency, network_loss (%), capex, lifetime, maintenance_pct, pv_kwp,
    pv_capex_per_kwp, battery_kwh, battery_capex_per_kwh, solar_thermal_share (%),
    solar_thermal_capex, subsidy, operation_cost (€ in year 1), other_cost (€ in year 1).
    Returns every intermediate figure and the annuity breakdown ``lines`` (VDI 2067-1).
    ``flows``: a dict the caller keeps for one demand, so that variations that change only prices,
    interest or investments (the sensitivity) reuse the hourly simulation."""
    source = v["heat_source"]
    for key in REQUIRED_PRICES[source] + (["feed_in"] if float(v.get("pv_kwp") or 0) > 0 else []):
        if a.prices.get(key) is None:
            raise InputError(
                f"price_{key}" if key != "feed_in" else "feed_in_tariff", f"price missing: {key}"
            )
    eff = float(v["efficiency"])
    if eff <= 0:
        raise InputError("efficiency", "efficiency or COP must be positive")
    st_share = float(v.get("solar_thermal_share") or 0) / 100
    loss = float(v.get("network_loss") or 0) / 100
    heat_pump = source in ("air_heat_pump", "ground_heat_pump")
    flow_key = (
        source,
        eff if heat_pump else None,
        st_share,
        float(v.get("pv_kwp") or 0),
        float(v.get("battery_kwh") or 0),
    )
    if flows is None or flow_key not in flows:
        hourly = _hourly_flows(demand, *flow_key)
        if flows is not None:
            flows[flow_key] = hourly
    else:
        hourly = flows[flow_key]
    heat, heat_total, heat_pump_el, load, generation, pv, sums = hourly
    fuel_kwh = 0.0
    if source == "district_heat":
        fuel_kwh = heat_total * (1 + loss)
    elif not heat_pump:
        fuel_kwh = heat_total * (1 + loss) / eff
    grid = pv["grid"]
    hp_share_of_grid = sums["heat_pump_el"] / sums["load"] if sums["load"] else 0.0
    grid_hp = grid * hp_share_of_grid
    grid_household = grid - grid_hp

    # factors: a (annuity), b (price-dynamic cash value) per cost group with its own price change
    af = annuity_factor(a.interest, a.years)
    b_demand = price_change_factor(a.interest, a.price_increase, a.years)
    b_operation = price_change_factor(a.interest, a.operation_price_increase, a.years)
    b_revenue = price_change_factor(a.interest, 0.0, a.years)  # fixed feed-in tariff (EEG)
    ab_demand, ab_operation, ab_revenue = af * b_demand, af * b_operation, af * b_revenue

    heat_capex = float(v["capex"]) + float(v.get("solar_thermal_capex") or 0)
    pv_capex = float(v.get("pv_kwp") or 0) * float(v.get("pv_capex_per_kwp") or 0)
    battery_capex = float(v.get("battery_kwh") or 0) * float(v.get("battery_capex_per_kwh") or 0)
    cap = {
        "capital_heat": capital_costs(
            heat_capex, int(v["lifetime"]), a.interest, a.years, a.investment_price_increase
        ),
        "capital_pv": capital_costs(pv_capex, PV_LIFETIME, a.interest, a.years, a.investment_price_increase),
        "capital_battery": capital_costs(
            battery_capex, BATTERY_LIFETIME, a.interest, a.years, a.investment_price_increase
        ),
    }
    lifetimes = {
        "capital_heat": int(v["lifetime"]),
        "capital_pv": PV_LIFETIME,
        "capital_battery": BATTERY_LIFETIME,
    }
    lines = [
        _line(
            key,
            CAPITAL,
            c["investment"],
            c["present_value"] / c["investment"] * af if c["investment"] else af,
            heat=key == "capital_heat",
            lifetime=lifetimes[key],
            replacements=c["replacements"],
            residual_value=c["residual_value"],
            present_value=c["present_value"],
        )
        for key, c in cap.items()
    ]

    ct = a.prices
    fuel_price = float(ct.get(FUEL_PRICE.get(source), 0) or 0)
    fuel = FUEL.get(source)
    f = a.factors
    missing = [c for c in ([fuel] if fuel else []) + ["electricity"] if c not in f]
    if missing:
        raise InputError("factor_set", f"emission factor missing for {', '.join(missing)}")
    co2_fuel_t = fuel_kwh * f[fuel] / 1e6 if fuel else 0.0
    co2_el_t = grid * f["electricity"] / 1e6
    co2_price_annuity, mean_el_path = _path_figures(
        tuple(a.co2_path.items()), tuple(a.electricity_path.items()), a.start_year, a.interest, a.years
    )
    lines += [
        _line(
            "fuel_cost",
            DEMAND,
            fuel_kwh * fuel_price / 100,
            ab_demand,
            heat=True,
            quantity=fuel_kwh,
            price=fuel_price,
        ),
        _line(
            "heat_pump_cost",
            DEMAND,
            grid_hp * float(ct.get("heat_pump") or 0) / 100,
            ab_demand,
            heat=True,
            quantity=grid_hp,
            price=float(ct.get("heat_pump") or 0),
        ),
        _line(
            "household_electricity_cost",
            DEMAND,
            grid_household * float(ct["electricity"]) / 100,
            ab_demand,
            heat=False,
            quantity=grid_household,
            price=float(ct["electricity"]),
        ),
        # The CO2 price follows its own declared path (not the energy price change): annuity of the
        # yearly values; BEHG covers fossil heating fuels only.
        _line(
            "co2_cost",
            DEMAND,
            co2_fuel_t if fuel in CO2_PRICED else 0.0,
            co2_price_annuity,
            heat=True,
            quantity=co2_fuel_t if fuel in CO2_PRICED else 0.0,
            carrier=fuel,
        ),
        _line(
            "maintenance",
            OPERATION,
            heat_capex * float(v["maintenance_pct"]) / 100,
            ab_operation,
            heat=True,
            basis=heat_capex,
            percent=float(v["maintenance_pct"]),
        ),
        _line(
            "maintenance_pv",
            OPERATION,
            (pv_capex + battery_capex) * PV_MAINTENANCE_PCT / 100,
            ab_operation,
            heat=False,
            basis=pv_capex + battery_capex,
            percent=PV_MAINTENANCE_PCT,
        ),
        _line("operation_cost", OPERATION, float(v.get("operation_cost") or 0), ab_operation, heat=True),
        _line("other_cost", OTHER, float(v.get("other_cost") or 0), ab_operation, heat=True),
        _line(
            "feed_in_revenue",
            REVENUE,
            pv["feed_in"] * float(ct.get("feed_in") or 0) / 100,
            ab_revenue,
            heat=False,
            quantity=pv["feed_in"],
            price=float(ct.get("feed_in") or 0),
        ),
    ]
    by_key = {line["key"]: line["annuity"] for line in lines}
    group_sums = {g: sum(line["annuity"] for line in lines if line["group"] == g) for g in GROUPS}
    total = sum(group_sums[g] for g in GROUPS if g != REVENUE) - group_sums[REVENUE]
    heat_cost = sum(line["annuity"] for line in lines if line["heat"])

    # CO2 over the period with the electricity factor path (same method), if declared
    mean_el = mean_el_path if mean_el_path is not None else f["electricity"]
    co2_path_t = co2_fuel_t + grid * mean_el / 1e6
    subsidy_annuity = float(v.get("subsidy") or 0) * af
    heat_demand_kwh, household_kwh = demand.totals
    heat_mwh = heat_demand_kwh / 1000
    # Primary-energy factors (non-renewable) after GEG 2024 Anlage 4, from the carrier table.
    primary = (fuel_kwh * primary_factor(fuel) if fuel else 0.0) + grid * primary_factor("electricity")
    return {
        "heat_demand_kwh": heat_demand_kwh,
        "heat_from_system_kwh": heat_total,
        "fuel_kwh": fuel_kwh,
        "heat_pump_electricity_kwh": sums["heat_pump_el"],
        "seasonal_cop": sums["heat"] / sums["heat_pump_el"] if sums["heat_pump_el"] else None,
        "household_kwh": household_kwh,
        "pv_generation_kwh": sums["generation"],
        "self_consumption": pv["self_consumption"],
        "autarky": pv["autarky"],
        "grid_kwh": grid,
        "grid_heat_pump_kwh": grid_hp,
        "grid_household_kwh": grid_household,
        "feed_in_kwh": pv["feed_in"],
        "annuity_factor": af,
        "b_demand": b_demand,
        "b_operation": b_operation,
        "b_revenue": b_revenue,
        "lines": lines,
        "group_sums": group_sums,
        "capital_heat": by_key["capital_heat"],
        "capital_pv": by_key["capital_pv"] + by_key["capital_battery"],
        "maintenance": by_key["maintenance"] + by_key["maintenance_pv"],
        "operation_cost": by_key["operation_cost"],
        "other_cost": by_key["other_cost"],
        "fuel_cost": by_key["fuel_cost"],
        "heat_pump_cost": by_key["heat_pump_cost"],
        "household_electricity_cost": by_key["household_electricity_cost"],
        "co2_cost": by_key["co2_cost"],
        "feed_in_revenue": by_key["feed_in_revenue"],
        "total_annual_cost": total,
        "total_after_subsidy": total - subsidy_annuity,
        "subsidy_annuity": subsidy_annuity,
        "heat_cost": heat_cost,
        "heat_price_eur_mwh": heat_cost / heat_mwh if heat_mwh else None,
        "heat_price_after_subsidy_eur_mwh": (heat_cost - subsidy_annuity) / heat_mwh if heat_mwh else None,
        "co2_t": co2_fuel_t + co2_el_t,
        "co2_fuel_t": co2_fuel_t,
        "co2_electricity_t": co2_el_t,
        "co2_path_t": co2_path_t,
        "primary_energy_kwh": primary,
        "factor_set": a.factor_set_label,
    }


SENSITIVITY = [
    (gettext_noop("energy prices ±20 %"), "prices", 0.2),
    (gettext_noop("interest rate ±1 point"), "interest", 0.01),
    (gettext_noop("COP / efficiency ±10 %"), "efficiency", 0.1),
    (gettext_noop("investment ±20 %"), "capex", 0.2),
    (gettext_noop("CO2 price ±50 %"), "co2", 0.5),
]


def _vary(v, a, what, delta, sign):
    v = dict(v)
    a = Assumptions(**{**a.__dict__})
    if what == "prices":
        a.prices = {k: (p * (1 + sign * delta) if p is not None else None) for k, p in a.prices.items()}
    elif what == "interest":
        a.interest = max(0.0, a.interest + sign * delta)
    elif what == "efficiency":
        v["efficiency"] = float(v["efficiency"]) * (1 + sign * delta)
    elif what == "capex":
        for key in ("capex", "pv_capex_per_kwp", "battery_capex_per_kwh", "solar_thermal_capex"):
            v[key] = float(v.get(key) or 0) * (1 + sign * delta)
    elif what == "co2":
        a.co2_path = {y: p * (1 + sign * delta) for y, p in a.co2_path.items()}
    return v, a


def sensitivity(
    v: dict, demand: Demand, a: Assumptions, metric="heat_price_eur_mwh", flows: dict | None = None
) -> list:
    """[(label, value at low, value at high)] of ``metric`` for each parameter (tornado chart).
    Only the efficiency changes the hourly flows; the other variations reuse them (``flows``)."""
    flows = {} if flows is None else flows
    rows = []
    for label, what, delta in SENSITIVITY:
        values = []
        for sign in (-1, 1):
            vv, aa = _vary(v, a, what, delta, sign)
            values.append(calculate_variant(vv, demand, aa, flows)[metric])
        rows.append((label, values[0], values[1]))
    return rows
